/**
 * The names of every channel and event, without their schemas, so the preload can check a
 * channel name without bundling zod. `contract.ts` is checked against these lists.
 */
export const CHANNEL_NAMES = [
  'app:get-info',
  'settings:get',
  'settings:update',
  'catalog:status',
  'catalog:check-code',
  'catalog:import',
  'catalog:list',
  'job:cancel',
  'sale:register',
  'sale:list',
  'sale:summary',
  'sale:void',
  'sale:export',
  'sync:status',
  'sync:now',
  'sync:pause',
  'sync:resume',
  'platform:get-config',
  'platform:save-config',
  'platform:test-connection',
  'catalog:pull',
  'sale:fix-and-resend',
  'sale:mark-sent',
  'import:open',
  'import:preview',
  'import:run',
  'import:close',
  'import:refused-rows',
  'import:list',
  'import:void',
] as const

export type ChannelName = (typeof CHANNEL_NAMES)[number]

export const EVENT_NAMES = ['sales:changed', 'catalog:changed', 'settings:changed', 'job:progress', 'sync:status-changed'] as const

export type EventName = (typeof EVENT_NAMES)[number]

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name)
}
