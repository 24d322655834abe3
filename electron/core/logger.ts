/**
 * One logger per module. Lines are JSON on stderr so the CLI's stdout stays clean for --json.
 * Never pass secrets to a logger; values named like secrets are masked as a second line of defence.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
const SECRET_NAME = /pass|secret|token|key$|apikey|authorization/i

let threshold: LogLevel = (process.env.COUPONDESK_LOG_LEVEL as LogLevel | undefined) ?? 'warn'
let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`)

export function configureLogging(options: { level?: LogLevel; sink?: (line: string) => void }): void {
  if (options.level !== undefined) threshold = options.level
  if (options.sink !== undefined) sink = options.sink
}

export function createLogger(module: string): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < ORDER[threshold]) return
    const masked = fields === undefined ? undefined : maskSecrets(fields)
    sink(JSON.stringify({ at: new Date().toISOString(), level, module, message, ...masked }))
  }
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  }
}

function maskSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, SECRET_NAME.test(name) ? '***' : value]),
  )
}
