import { useMemo, useState } from 'react'
import type { SettingKey, Settings, SettingsPatch } from '../../../../electron/shared/settings'
import { SCANNER_PRESETS, SETTING_HELP, parseSettingText } from '../../../../electron/shared/settings'
import { invoke } from '../../api/pos'
import { useSettings } from '../../settings-context'
import { ScannerTest } from './ScannerTest'
import { PlatformSettings } from './PlatformSettings'

interface FieldSpec {
  key: SettingKey
  label: string
  options?: readonly { value: string; label: string }[]
}

const STORE_FIELDS: FieldSpec[] = [
  { key: 'storeName', label: 'Store name' },
  { key: 'terminalId', label: 'Till name (starts every order ID)' },
  { key: 'currency', label: 'Currency' },
  { key: 'amountFormat', label: 'Amount format', options: [{ value: 'point', label: '1,234.50 (point)' }, { value: 'comma', label: '1.234,50 (comma)' }] },
  { key: 'timeZone', label: 'Time zone' },
  { key: 'maxSaleAmount', label: 'Largest sale (whole units)' },
  { key: 'sounds', label: 'Sounds', options: [{ value: 'true', label: 'On' }, { value: 'false', label: 'Off' }] },
]

const SCANNER_FIELDS: FieldSpec[] = [
  { key: 'scanner.maxAvgGapMs', label: 'Average ms between scanner keys' },
  { key: 'scanner.minLength', label: 'Shortest scanned code' },
  { key: 'scanner.terminator', label: 'Key after the code', options: [{ value: 'enter-or-tab', label: 'Enter or Tab' }, { value: 'enter', label: 'Enter' }, { value: 'tab', label: 'Tab' }] },
]

const CAMERA_FIELDS: FieldSpec[] = [
  {
    key: 'camera.engine',
    label: 'Webcam decoder',
    options: [
      { value: 'zxing-wasm', label: 'zxing-wasm (faster, reads more codes)' },
      { value: 'zxing-js', label: 'zxing-js (fallback)' },
    ],
  },
]

function asText(settings: Settings): Record<SettingKey, string> {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)])) as Record<SettingKey, string>
}

/** Store and scanner settings, each with its help text and a clear error per field. */
export function SettingsScreen() {
  const settings = useSettings()
  const [draft, setDraft] = useState<Record<SettingKey, string>>(() => asText(settings))
  const [errors, setErrors] = useState<Partial<Record<SettingKey, string>>>({})
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null)
  const timeZones = useMemo(() => Intl.supportedValuesOf('timeZone'), [])

  const save = async (): Promise<void> => {
    const patch: Record<string, unknown> = {}
    const nextErrors: Partial<Record<SettingKey, string>> = {}
    for (const [key, text] of Object.entries(draft) as [SettingKey, string][]) {
      if (text === String(settings[key])) continue
      const parsed = parseSettingText(key, text)
      if (parsed.ok) patch[key] = parsed.value
      else nextErrors[key] = parsed.reason
    }
    setErrors(nextErrors)
    if (Object.keys(nextErrors).length > 0) {
      setMessage({ tone: 'bad', text: 'Nothing was saved: fix the fields marked in red.' })
      return
    }
    const result = await invoke('settings:update', patch as SettingsPatch)
    if (!result.ok) {
      setMessage({ tone: 'bad', text: result.error.message })
      return
    }
    setDraft(asText(result.value))
    setMessage({ tone: 'ok', text: Object.keys(patch).length === 0 ? 'Nothing changed.' : 'Settings saved.' })
  }

  const renderField = (field: FieldSpec) => (
    <label key={field.key} className="field">
      <span className="field-label">{field.label}</span>
      {field.options === undefined ? (
        <input
          className="input"
          data-testid={`setting-${field.key}`}
          value={draft[field.key]}
          list={field.key === 'timeZone' ? 'time-zones' : undefined}
          aria-invalid={errors[field.key] !== undefined}
          onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
        />
      ) : (
        <select className="input" data-testid={`setting-${field.key}`} value={draft[field.key]} onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>{option.label}</option>
          ))}
        </select>
      )}
      <span className={`field-hint${errors[field.key] === undefined ? '' : ' error-text'}`}>{errors[field.key] ?? SETTING_HELP[field.key]}</span>
    </label>
  )

  return (
    <div className="settings-page">
    <form
      className="settings-screen"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <datalist id="time-zones">
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <section className="panel">
        <h2>Store</h2>
        <div className="form-grid">{STORE_FIELDS.map(renderField)}</div>
      </section>
      <section className="panel">
        <h2>Barcode scanner</h2>
        <div className="preset-row">
          Presets:
          {(Object.keys(SCANNER_PRESETS) as (keyof typeof SCANNER_PRESETS)[]).map((name) => (
            <button key={name} type="button" className="button secondary" onClick={() => setDraft({ ...draft, 'scanner.maxAvgGapMs': String(SCANNER_PRESETS[name]['scanner.maxAvgGapMs']) })}>
              {name === 'usb' ? 'USB scanner' : 'Bluetooth scanner'}
            </button>
          ))}
        </div>
        <div className="form-grid">{SCANNER_FIELDS.map(renderField)}</div>
      </section>
      <ScannerTest maxAvgGapMs={settings['scanner.maxAvgGapMs']} />
      <section className="panel">
        <h2>Webcam</h2>
        <p className="muted">Open the camera on the checkout with the Camera button or Alt+C; choose which camera there. If the faster decoder cannot start, the other one takes over by itself.</p>
        <div className="form-grid">{CAMERA_FIELDS.map(renderField)}</div>
      </section>
      <div className="settings-actions">
        <button type="submit" className="button primary" data-testid="save-settings">Save settings</button>
        {message !== null && (
          <span className={message.tone === 'ok' ? 'ok-text' : 'error-text'} role="status">
            {message.text}
          </span>
        )}
      </div>
    </form>
    <PlatformSettings />
    </div>
  )
}
