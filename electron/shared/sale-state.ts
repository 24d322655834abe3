/** A sale's life, from this device to the platform (see architecture.md, "The life of a sale"). */
export const SALE_STATES = [
  'saved',
  'sending',
  'submitted',
  'accepted',
  'duplicate',
  'needs_attention',
  'voided',
] as const

export type SaleState = (typeof SALE_STATES)[number]

export const SALE_STATE_LABELS: Record<SaleState, string> = {
  saved: 'Saved on this device',
  sending: 'Sending',
  submitted: 'Submitted',
  accepted: 'Accepted',
  duplicate: 'Duplicate (already at the platform)',
  needs_attention: 'Needs attention',
  voided: 'Voided',
}

/** States in which the platform has not seen the sale yet. */
export const UNSENT_STATES: readonly SaleState[] = ['saved', 'sending']

/** A sale can be cancelled locally only while no platform has it. */
export function canVoidLocally(state: SaleState): boolean {
  return state === 'saved' || state === 'needs_attention'
}

/** A sale the platform has (or is receiving) is voided by sending a reversal after it. */
export function canVoidWithReversal(state: SaleState): boolean {
  return state === 'sending' || state === 'submitted' || state === 'accepted' || state === 'duplicate'
}
