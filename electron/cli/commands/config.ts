import { SETTING_HELP, SETTING_KEYS, isSettingKey, parseSettingText } from '../../shared/settings'
import type { CliCommand } from '../cli-context'
import { CliFailure } from '../cli-context'
import { getPlatformConfig, isPlatformKey, platformKeysHelp, setPlatformConfig } from './platform-config'

export const configCommand: CliCommand = {
  name: 'config',
  usage: 'config get [key] | config set <key> <value> | config keys',
  summary: 'read or change a store setting (terminalId, currency, ...), the platform (config set platform partnero) and its fields (config set partnero.apiToken -)',
  async run(context) {
    const [action, key, ...rest] = context.positionals
    if (action === 'keys') {
      if (context.json) context.out(JSON.stringify(SETTING_HELP, null, 2))
      else {
        for (const name of SETTING_KEYS) context.out(`${name.padEnd(22)} ${SETTING_HELP[name]}`)
        for (const line of platformKeysHelp()) context.out(line)
      }
      return 0
    }
    if (action === 'get' && key !== undefined && isPlatformKey(key)) {
      await getPlatformConfig(context, key)
      return 0
    }
    if (action === 'set' && key !== undefined && isPlatformKey(key)) {
      if (rest.length === 0) throw new CliFailure({ code: 'INVALID_INPUT', message: `usage: config set ${key} <value>` }, 2)
      await setPlatformConfig(context, key, rest.join(' '))
      return 0
    }
    if (action === 'get') {
      const settings = await context.invoke('settings:get', {})
      if (key === undefined) {
        if (context.json) context.out(JSON.stringify(settings, null, 2))
        else for (const name of SETTING_KEYS) context.out(`${name} = ${String(settings[name])}`)
        return 0
      }
      if (!isSettingKey(key)) throw unknownKey(key)
      context.out(context.json ? JSON.stringify({ [key]: settings[key] }) : String(settings[key]))
      return 0
    }
    if (action === 'set') {
      if (key === undefined || rest.length === 0) {
        throw new CliFailure({ code: 'INVALID_INPUT', message: 'usage: config set <key> <value>' }, 2)
      }
      if (!isSettingKey(key)) throw unknownKey(key)
      const parsed = parseSettingText(key, rest.join(' '))
      if (!parsed.ok) throw new CliFailure({ code: 'INVALID_INPUT', message: parsed.reason, details: { field: key } })
      const settings = await context.invoke('settings:update', { [key]: parsed.value })
      context.out(context.json ? JSON.stringify({ [key]: settings[key] }) : `${key} = ${String(settings[key])}`)
      return 0
    }
    throw new CliFailure({ code: 'INVALID_INPUT', message: `usage: ${this.usage}` }, 2)
  },
}

function unknownKey(key: string): CliFailure {
  return new CliFailure({
    code: 'INVALID_INPUT',
    message: `Unknown setting "${key}". Settings: ${SETTING_KEYS.join(', ')}`,
    details: { field: key },
  })
}
