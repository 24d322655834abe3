import {
  PLATFORM_FIELDS,
  PLATFORM_IDS,
  PLATFORM_LABELS,
  SYNC_TUNING_HELP,
  SyncTuningSchema,
  fieldSpec,
  isPlatformId,
  parseFieldText,
  platformFieldSchema,
} from '../../shared/platform-config'
import type { PlatformId, SyncTuning } from '../../shared/platform-config'
import type { CliContext } from '../cli-context'
import { CliFailure } from '../cli-context'

/**
 * `config get|set platform ...`, `config set <platform>.<field> <value>` and
 * `config set sync.<key> <value>`: the platform settings from the command line. A secret is
 * never echoed; given as "-" it is read from standard input, so it stays out of the shell history.
 */

export function isPlatformKey(key: string): boolean {
  if (key === 'platform') return true
  const [prefix] = key.split('.')
  return key.includes('.') && (prefix === 'sync' || (prefix !== undefined && isPlatformId(prefix)))
}

export function platformKeysHelp(): string[] {
  const lines = ['platform                  the platform sales go to: pap, partnero, affiliationsoftware, swaarm, postback, or none']
  for (const id of PLATFORM_IDS) {
    for (const spec of PLATFORM_FIELDS[id]) lines.push(`${`${id}.${spec.name}`.padEnd(36)} ${spec.kind === 'secret' ? '(secret) ' : ''}${spec.help}`)
  }
  for (const [name, help] of Object.entries(SYNC_TUNING_HELP)) lines.push(`${`sync.${name}`.padEnd(36)} ${help}`)
  return lines
}

export async function getPlatformConfig(context: CliContext, key: string | undefined): Promise<void> {
  const view = await context.invoke('platform:get-config', {})
  if (key === 'platform' || key === undefined) {
    if (context.json) {
      context.out(JSON.stringify(view, null, 2))
      return
    }
    context.out(`platform = ${view.active ?? 'none'}${view.active === null ? '' : ` (${PLATFORM_LABELS[view.active]})`}`)
    if (view.active !== null) printPlatform(context, view.active, view.platforms[view.active])
    context.out(`Secrets are ${view.secretStorage}.`)
    return
  }
  const [prefix = '', name = ''] = key.split('.')
  if (prefix === 'sync') {
    const value = view.sync[name as keyof SyncTuning] as number | undefined
    if (value === undefined) throw unknownKey(key)
    context.out(context.json ? JSON.stringify({ [key]: value }) : String(value))
    return
  }
  if (!isPlatformId(prefix)) throw unknownKey(key)
  const settings = view.platforms[prefix]
  if (fieldSpec(prefix, name)?.kind === 'secret') {
    const isSet = settings.secretsSet[name] === true
    context.out(context.json ? JSON.stringify({ [key]: isSet ? 'set' : 'not set' }) : isSet ? 'set' : 'not set')
    return
  }
  const value = settings.fields[name]
  if (value === undefined) throw unknownKey(key)
  context.out(context.json ? JSON.stringify({ [key]: value }) : String(value))
}

export async function setPlatformConfig(context: CliContext, key: string, rawValue: string): Promise<void> {
  if (key === 'platform') {
    const value = rawValue.trim().toLowerCase()
    if (value !== 'none' && !isPlatformId(value)) {
      throw new CliFailure({ code: 'INVALID_INPUT', message: `Unknown platform "${rawValue}". Platforms: ${PLATFORM_IDS.join(', ')}, or none`, details: { field: 'platform' } })
    }
    const view = await context.invoke('platform:save-config', { active: value === 'none' ? null : value })
    context.out(context.json ? JSON.stringify({ platform: view.active }) : `platform = ${view.active ?? 'none'}`)
    if (view.active !== null && !context.json) for (const problem of view.platforms[view.active].problems) context.err(`Still to set: ${problem}`)
    return
  }
  const [prefix = '', name = ''] = key.split('.')
  if (prefix === 'sync') {
    const schema = SyncTuningSchema.shape[name as keyof SyncTuning] as (typeof SyncTuningSchema.shape)[keyof SyncTuning] | undefined
    if (schema === undefined) throw unknownKey(key)
    const parsed = parseFieldText('number', schema, key, rawValue)
    if (!parsed.ok) throw new CliFailure({ code: 'INVALID_INPUT', message: parsed.reason, details: { field: key } })
    const view = await context.invoke('platform:save-config', { sync: { [name]: parsed.value } })
    context.out(context.json ? JSON.stringify({ [key]: view.sync[name as keyof SyncTuning] }) : `${key} = ${view.sync[name as keyof SyncTuning]}`)
    return
  }
  if (!isPlatformId(prefix)) throw unknownKey(key)
  const platform: PlatformId = prefix
  const spec = fieldSpec(platform, name)
  const schema = platformFieldSchema(platform, name)
  if (spec === undefined || schema === undefined) throw unknownKey(key)
  if (spec.kind === 'secret') {
    const secret = rawValue === '-' ? (await context.readStdin()).replace(/\r?\n$/, '') : rawValue
    const view = await context.invoke('platform:save-config', { platform, secrets: { [name]: secret === '' ? null : secret } })
    const isSet = view.platforms[platform].secretsSet[name] === true
    context.out(context.json ? JSON.stringify({ [key]: isSet ? 'set' : 'not set' }) : `${key} ${isSet ? 'saved' : 'removed'} (${view.secretStorage})`)
    return
  }
  const parsed = parseFieldText(spec.kind, schema, key, rawValue)
  if (!parsed.ok) throw new CliFailure({ code: 'INVALID_INPUT', message: parsed.reason, details: { field: key } })
  const view = await context.invoke('platform:save-config', { platform, fields: { [name]: parsed.value } })
  const value = view.platforms[platform].fields[name]
  context.out(context.json ? JSON.stringify({ [key]: value }) : `${key} = ${String(value)}`)
}

function printPlatform(context: CliContext, platform: PlatformId, settings: { fields: Record<string, string | number | boolean>; secretsSet: Record<string, boolean>; problems: string[] }): void {
  for (const spec of PLATFORM_FIELDS[platform]) {
    const value = spec.kind === 'secret' ? (settings.secretsSet[spec.name] === true ? '(set)' : '(not set)') : String(settings.fields[spec.name] ?? '')
    context.out(`  ${platform}.${spec.name} = ${value}`)
  }
  for (const problem of settings.problems) context.out(`  Still to set: ${problem}`)
}

function unknownKey(key: string): CliFailure {
  const [prefix = ''] = key.split('.')
  const fields = isPlatformId(prefix) ? PLATFORM_FIELDS[prefix].map((spec) => `${prefix}.${spec.name}`).join(', ') : Object.keys(SYNC_TUNING_HELP).map((name) => `sync.${name}`).join(', ')
  return new CliFailure({ code: 'INVALID_INPUT', message: `Unknown setting "${key}". Known: ${fields}`, details: { field: key } })
}
