import { z } from 'zod'
import { isKnownCurrency } from './money'
import { canonicalTimeZone, isValidTimeZone } from './dates'
import { CAMERA_ENGINES } from './camera'

/**
 * Store settings: one flat map of dotted keys so the CLI (`config set scanner.maxAvgGapMs 60`),
 * the settings screen and the database all speak the same names. Every key has a schema and
 * a parser from the text a person types.
 */

export const TerminalId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]{1,12}$/, 'use 1 to 12 letters, digits or _ (it starts every order id)')

export const Currency = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(isKnownCurrency, 'use an ISO 4217 currency code such as EUR, USD, GBP')

export const AmountFormatSchema = z.enum(['point', 'comma'])

export const TimeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, 'use an IANA time zone such as Europe/Berlin')
  .transform((zone) => canonicalTimeZone(zone) ?? zone)

export const ScannerTerminator = z.enum(['enter', 'tab', 'enter-or-tab'])

export const CameraEngine = z.enum(CAMERA_ENGINES)

export const SettingsSchema = z.object({
  terminalId: TerminalId,
  storeName: z.string().trim().max(80),
  currency: Currency,
  amountFormat: AmountFormatSchema,
  timeZone: TimeZone,
  maxSaleAmount: z.number().int().min(1).max(1_000_000_000_000),
  'scanner.minLength': z.number().int().min(3).max(64),
  'scanner.maxAvgGapMs': z.number().int().min(5).max(200),
  'scanner.terminator': ScannerTerminator,
  sounds: z.boolean(),
  // The camera this till scans with ('' = the system's default). Camera ids are per machine,
  // like the till itself, so it lives with the till's other settings (and survives a reinstall
  // of the app on the same profile).
  'camera.deviceId': z.string().trim().max(512),
  'camera.engine': CameraEngine,
})

export type Settings = z.infer<typeof SettingsSchema>
export type SettingKey = keyof Settings
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[]

export const SettingsPatchSchema = SettingsSchema.partial().strict()
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

/** Scanner presets: USB scanners type a character every 0-20 ms, Bluetooth ones up to ~60 ms. */
export const SCANNER_PRESETS = {
  usb: { 'scanner.maxAvgGapMs': 30 },
  bluetooth: { 'scanner.maxAvgGapMs': 60 },
} as const satisfies Record<string, SettingsPatch>

export function defaultSettings(systemTimeZone: string, randomTerminalSuffix: string): Settings {
  return {
    terminalId: `T${randomTerminalSuffix}`,
    storeName: '',
    currency: 'EUR',
    amountFormat: 'point',
    timeZone: isValidTimeZone(systemTimeZone) ? systemTimeZone : 'UTC',
    maxSaleAmount: 1_000_000,
    'scanner.minLength': 6,
    'scanner.maxAvgGapMs': 30,
    'scanner.terminator': 'enter-or-tab',
    sounds: true,
    'camera.deviceId': '',
    'camera.engine': 'zxing-wasm',
  }
}

export const SETTING_HELP: Record<SettingKey, string> = {
  terminalId: 'Name of this till; starts every order id it makes. Unique within the store.',
  storeName: 'Shown in the header and in exports.',
  currency: 'ISO 4217 code of the store currency (EUR, USD, GBP, JPY...).',
  amountFormat: "How amounts are typed: 'point' = 1,234.50, 'comma' = 1.234,50.",
  timeZone: 'IANA time zone of the store; business dates and coupon validity use it.',
  maxSaleAmount: 'Largest sale in whole currency units; larger amounts are refused as typos.',
  'scanner.minLength': 'Shortest code a barcode scanner sends; shorter fast bursts count as typing.',
  'scanner.maxAvgGapMs': 'Average milliseconds between scanner keys: 30 for USB, 60 for Bluetooth.',
  'scanner.terminator': 'Key the scanner sends after the code: enter, tab or enter-or-tab.',
  sounds: 'Play a sound on saved sales and refusals (true/false).',
  'camera.deviceId': "Camera used for scanning coupons; chosen in the camera panel ('' = the system default).",
  'camera.engine': "Webcam decoder: 'zxing-wasm' (faster, reads more; default) or 'zxing-js' (fallback).",
}

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as string[]).includes(key)
}

/** Turns the text a person typed (CLI, form field) into a typed value for one setting. */
export function parseSettingText(
  key: SettingKey,
  text: string,
): { ok: true; value: Settings[SettingKey] } | { ok: false; reason: string } {
  const schema = SettingsSchema.shape[key]
  const raw = text.trim()
  let candidate: unknown = raw
  if (schema instanceof z.ZodNumber) candidate = /^-?\d+$/.test(raw) ? Number(raw) : raw
  if (schema instanceof z.ZodBoolean) {
    const lower = raw.toLowerCase()
    candidate = ['true', 'yes', 'on', '1'].includes(lower)
      ? true
      : ['false', 'no', 'off', '0'].includes(lower)
        ? false
        : raw
  }
  if (key === 'amountFormat') {
    if (raw === '12.50' || raw === '1,234.50') candidate = 'point'
    if (raw === '12,50' || raw === '1.234,50') candidate = 'comma'
  }
  const parsed = schema.safeParse(candidate)
  if (!parsed.success) {
    return { ok: false, reason: `${key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}` }
  }
  return { ok: true, value: parsed.data }
}
