import { useEffect, useState } from 'react'
import type { FieldSpec, PlatformId, PostbackPresetId } from '../../../../electron/shared/platform-config'
import { PLATFORM_FIELDS, PLATFORM_IDS, PLATFORM_LABELS, POSTBACK_PRESETS, isPlatformId, parseFieldText, platformFieldSchema } from '../../../../electron/shared/platform-config'
import type { ConnectionTest, PlatformConfigPatch, PlatformConfigView } from '../../../../electron/shared/sync-contract'
import { call, errorMessage, invoke } from '../../api/pos'
import { useSyncStatus } from '../../api/useSyncStatus'

type Drafts = Record<PlatformId, Record<string, string>>

/**
 * Settings > Platform: which tracking platform sales go to, its fields with their help, the
 * secrets (shown only as saved / not set: their values never come back to the window), "Test
 * connection" on what is on screen, and pausing the queue.
 */
export function PlatformSettings() {
  const [view, setView] = useState<PlatformConfigView | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [active, setActive] = useState<PlatformId | 'none'>('none')
  const [drafts, setDrafts] = useState<Drafts | null>(null)
  const [secrets, setSecrets] = useState<Record<string, string>>({})
  const [cleared, setCleared] = useState<Set<string>>(new Set())
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null)
  const [test, setTest] = useState<ConnectionTest | 'running' | null>(null)
  const [isSaving, setIsSaving] = useState(false)
  const status = useSyncStatus()

  const adopt = (next: PlatformConfigView): void => {
    setView(next)
    setActive(next.active ?? 'none')
    setDrafts(Object.fromEntries(PLATFORM_IDS.map((id) => [id, Object.fromEntries(Object.entries(next.platforms[id].fields).map(([name, value]) => [name, String(value)]))])) as Drafts)
    setSecrets({})
    setCleared(new Set())
  }

  useEffect(() => {
    call('platform:get-config', {})
      .then(adopt)
      .catch((error: unknown) => setLoadError(errorMessage(error)))
  }, [])

  if (view === null || drafts === null) {
    return <section className="panel">{loadError === null ? 'Loading the platform settings…' : <p className="error-text">{loadError}</p>}</section>
  }

  const platform = active === 'none' ? null : active
  const specs: readonly FieldSpec[] = platform === null ? [] : PLATFORM_FIELDS[platform]

  /** The patch for what is on screen; null (with errors shown) when a field does not parse. */
  const buildPatch = (): PlatformConfigPatch | null => {
    if (platform === null) return { active: null }
    const saved = view.platforms[platform]
    const fields: Record<string, string | number | boolean> = {}
    const secretPatch: Record<string, string | null> = {}
    const nextErrors: Record<string, string> = {}
    for (const spec of specs) {
      if (spec.kind === 'secret') {
        const typed = secrets[spec.name] ?? ''
        if (typed !== '') secretPatch[spec.name] = typed
        else if (cleared.has(spec.name)) secretPatch[spec.name] = null
        continue
      }
      const text = drafts[platform][spec.name] ?? ''
      if (text === String(saved.fields[spec.name] ?? '')) continue
      const schema = platformFieldSchema(platform, spec.name)
      if (schema === undefined) continue
      const parsed = parseFieldText(spec.kind, schema, spec.label, text)
      if (parsed.ok) fields[spec.name] = parsed.value
      else nextErrors[spec.name] = parsed.reason
    }
    setErrors(nextErrors)
    if (Object.keys(nextErrors).length > 0) return null
    return { active: platform, platform, fields, secrets: secretPatch }
  }

  const save = async (): Promise<void> => {
    setMessage(null)
    const patch = buildPatch()
    if (patch === null) {
      setMessage({ tone: 'bad', text: 'Nothing was saved: fix the fields marked in red.' })
      return
    }
    setIsSaving(true)
    const result = await invoke('platform:save-config', patch)
    setIsSaving(false)
    if (!result.ok) {
      setMessage({ tone: 'bad', text: result.error.message })
      return
    }
    adopt(result.value)
    const problems = platform === null ? [] : result.value.platforms[platform].problems
    setMessage(problems.length === 0 ? { tone: 'ok', text: platform === null ? 'Sales are no longer sent to any platform.' : 'Platform settings saved. Waiting sales go out now.' } : { tone: 'bad', text: `Saved, but still to set: ${problems.join('; ')}` })
  }

  const runTest = async (): Promise<void> => {
    const patch = buildPatch()
    if (patch === null) return
    setTest('running')
    const result = await invoke('platform:test-connection', { draft: patch })
    setTest(result.ok ? result.value : { ok: false, verdict: 'error', message: result.error.message, checks: [] })
  }

  const setField = (name: string, value: string): void => {
    if (platform === null) return
    setDrafts({ ...drafts, [platform]: { ...drafts[platform], [name]: value } })
  }

  const choosePreset = (preset: string): void => {
    if (platform !== 'postback') return
    const fields = { ...drafts.postback, preset }
    if (preset !== 'custom') {
      const chosen = POSTBACK_PRESETS[preset as Exclude<PostbackPresetId, 'custom'>]
      Object.assign(fields, { template: chosen.template, successPattern: chosen.successPattern, duplicatePattern: chosen.duplicatePattern, rejectPattern: chosen.rejectPattern })
    }
    setDrafts({ ...drafts, postback: fields })
  }

  const renderField = (spec: FieldSpec) => {
    if (platform === null) return null
    const id = `platform-${platform}-${spec.name}`
    const error = errors[spec.name]
    const isSet = view.platforms[platform].secretsSet[spec.name] === true && !cleared.has(spec.name)
    return (
      <div key={spec.name} className={`field${spec.kind === 'template' ? ' wide' : ''}`}>
        <label className="field-label" htmlFor={id}>
          {spec.label}
          {spec.kind === 'secret' && <span className={`badge ${isSet ? 'state-accepted' : 'flag'}`} data-testid={`${id}-state`}>{isSet ? 'saved' : 'not set'}</span>}
        </label>
        {spec.options !== undefined ? (
          <select id={id} className="input" data-testid={id} value={drafts[platform][spec.name] ?? ''} onChange={(event) => (spec.name === 'preset' ? choosePreset(event.target.value) : setField(spec.name, event.target.value))}>
            {spec.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : spec.kind === 'secret' ? (
          <div className="secret-row">
            <input
              id={id}
              className="input"
              type="password"
              autoComplete="new-password"
              data-testid={id}
              placeholder={isSet ? 'saved; type to replace' : 'not set'}
              value={secrets[spec.name] ?? ''}
              aria-invalid={error !== undefined}
              onChange={(event) => setSecrets({ ...secrets, [spec.name]: event.target.value })}
            />
            {isSet && (
              <button type="button" className="button ghost" onClick={() => setCleared(new Set([...cleared, spec.name]))}>
                Remove
              </button>
            )}
          </div>
        ) : (
          <input
            id={id}
            className={`input${spec.kind === 'template' || spec.kind === 'pattern' ? ' mono' : ''}`}
            data-testid={id}
            inputMode={spec.kind === 'number' ? 'numeric' : undefined}
            placeholder={spec.placeholder}
            value={drafts[platform][spec.name] ?? ''}
            aria-invalid={error !== undefined}
            onChange={(event) => setField(spec.name, event.target.value)}
          />
        )}
        <span className={`field-hint${error === undefined ? '' : ' error-text'}`}>{error ?? spec.help}</span>
      </div>
    )
  }

  const presetNote = platform === 'postback' && isPresetId(drafts.postback.preset) ? POSTBACK_PRESETS[drafts.postback.preset].note : null

  return (
    <section className="panel platform-settings" aria-label="Platform">
      <h2>Platform</h2>
      <p className="muted">Sales are saved on this device first and sent to the platform by themselves, as soon as it can be reached.</p>
      <div className="form-grid">
        <div className="field">
          <label className="field-label" htmlFor="platform-choice">
            Tracking platform
          </label>
          <select
            id="platform-choice"
            className="input"
            data-testid="platform-choice"
            value={active}
            onChange={(event) => {
              setActive(isPlatformId(event.target.value) ? event.target.value : 'none')
              setErrors({})
              setTest(null)
            }}
          >
            <option value="none">None (keep sales on this device)</option>
            {PLATFORM_IDS.map((id) => (
              <option key={id} value={id}>
                {PLATFORM_LABELS[id]}
              </option>
            ))}
          </select>
          <span className="field-hint">Where the affiliate program runs.</span>
        </div>
        {specs.map(renderField)}
      </div>
      {presetNote !== null && <p className="muted">{presetNote}</p>}
      {platform !== null && <p className="muted">Passwords, tokens and keys are {view.secretStorage}. They are never shown again after saving.</p>}
      <div className="settings-actions">
        <button type="button" className="button primary" data-testid="save-platform" disabled={isSaving} onClick={() => void save()}>
          Save platform settings
        </button>
        {platform !== null && (
          <button type="button" className="button secondary" data-testid="test-connection" disabled={test === 'running'} onClick={() => void runTest()}>
            {test === 'running' ? 'Testing…' : 'Test connection'}
          </button>
        )}
        {status !== null && status.platform !== null && (
          <button
            type="button"
            className="button secondary"
            data-testid="pause-sync"
            onClick={() => void invoke(status.pausedBy === 'manager' ? 'sync:resume' : 'sync:pause', {})}
          >
            {status.pausedBy === 'manager' ? 'Resume sending' : 'Pause sending'}
          </button>
        )}
        {message !== null && (
          <span className={message.tone === 'ok' ? 'ok-text' : 'error-text'} role="status" data-testid="platform-message">
            {message.text}
          </span>
        )}
      </div>
      {test !== null && test !== 'running' && (
        <div className={`banner tone-${test.ok ? 'ok' : test.verdict === 'unreachable' ? 'warn' : 'bad'}`} role="status" data-testid="connection-result">
          <div>
            <div className="banner-title">{test.ok ? 'Connected' : test.verdict === 'unreachable' ? 'Cannot reach the platform' : 'The platform said no'}</div>
            <div className="banner-detail">{test.message}</div>
            {test.checks.map((check) => (
              <div key={check} className="banner-detail">
                ✓ {check}
              </div>
            ))}
          </div>
        </div>
      )}
    </section>
  )
}

function isPresetId(value: string | undefined): value is Exclude<PostbackPresetId, 'custom'> {
  return value !== undefined && value in POSTBACK_PRESETS
}
