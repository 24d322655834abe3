import { z } from 'zod'

/**
 * The tracking platform a store sends its sales to, and every field it needs. One list of field
 * specs per platform drives the settings form (labels, help, kinds), the CLI
 * (`config set partnero.apiToken ...`) and validation, so they can never disagree. Parts of a
 * platform's behaviour the public documentation leaves uncertain (connectors.md, "guess") are
 * fields with the documented default, not constants. Secret fields are stored apart from the
 * rest (see the core's secret store) and never travel back to the window.
 */

export const PLATFORM_IDS = ['pap', 'partnero', 'affiliationsoftware', 'swaarm', 'postback'] as const
export type PlatformId = (typeof PLATFORM_IDS)[number]
export const PlatformIdSchema = z.enum(PLATFORM_IDS)

export const PLATFORM_LABELS: Record<PlatformId, string> = {
  pap: 'Post Affiliate Pro',
  partnero: 'Partnero',
  affiliationsoftware: 'AffiliationSoftware',
  swaarm: 'Swaarm',
  postback: 'Another network (postback URL)',
}

export function isPlatformId(value: string): value is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(value)
}

// ---------------------------------------------------------------------------------------------
// Field value schemas

/** An http(s) address without a trailing slash, so paths can be appended. */
export const BaseUrl = z
  .string()
  .trim()
  .min(1, 'enter the address, e.g. https://yourshop.postaffiliatepro.com')
  .max(500)
  .superRefine((text, ctx) => {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a web address (start it with https://)` })
      return
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'use an http:// or https:// address' })
    }
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'do not put a user name or password in the address; use the credential fields' })
    }
    if (url.search !== '' || url.hash !== '') {
      ctx.addIssue({ code: 'custom', message: 'the address takes no ?query or #fragment' })
    }
  })
  .transform((text) => text.replace(/\/+$/, ''))

const ShortText = (max: number) => z.string().trim().max(max)
const Secret = z.string().max(2000)

/** A regular expression typed by a person: must compile. Empty means "not used". */
export const PatternText = z
  .string()
  .trim()
  .max(500)
  .refine((text) => {
    if (text === '') return true
    try {
      new RegExp(text, 'i')
      return true
    } catch {
      return false
    }
  }, 'not a valid regular expression')

/** A postback URL template: a path and query appended to the base URL, placeholders in braces. */
export const PostbackTemplate = z
  .string()
  .trim()
  .max(2000)
  .refine((text) => text === '' || text.startsWith('/') || text.startsWith('?'), 'start the template with / or ? (it is appended to the base URL)')
  .superRefine((text, ctx) => {
    const unknown = unknownPlaceholders(text)
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown placeholder ${unknown.map((name) => `{${name}}`).join(', ')}; use ${POSTBACK_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')}`,
      })
    }
  })

export const POSTBACK_PLACEHOLDERS = [
  'coupon',
  'order_id',
  'amount',
  'amount_minor',
  'currency',
  'timestamp_unix',
  'timestamp_iso',
  'store_id',
  'terminal_id',
  'token',
] as const
export type PostbackPlaceholder = (typeof POSTBACK_PLACEHOLDERS)[number]

function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '')
  return names.filter((name) => !(POSTBACK_PLACEHOLDERS as readonly string[]).includes(name))
}

// ---------------------------------------------------------------------------------------------
// Per-platform configurations

export const PapConfigSchema = z.object({
  baseUrl: BaseUrl,
  accountId: ShortText(64).default('default1'),
  username: ShortText(200).default(''),
  password: Secret.default(''),
  sendCurrency: z.boolean().default(true),
  saleStatus: z.enum(['', 'A', 'P']).default(''),
  campaignId: ShortText(64).default(''),
  actionCode: ShortText(64).default(''),
  reversal: z.enum(['decline', 'refund']).default('decline'),
  verifySettleMinutes: z.number().int().min(0).max(1440).default(15),
})
export type PapConfig = z.infer<typeof PapConfigSchema>

export const PartneroConfigSchema = z.object({
  baseUrl: BaseUrl.default('https://api.partnero.com'),
  apiToken: Secret.default(''),
  customerKeyPrefix: ShortText(40).default('pos-'),
  partnerField: z.enum(['customer.partner.key', 'customer.partner.id', 'partner.key']).default('customer.partner.key'),
  redeemCode: z.boolean().default(true),
  reversalStyle: z.enum(['path', 'body']).default('path'),
})
export type PartneroConfig = z.infer<typeof PartneroConfigSchema>

export const AffiliationSoftwareConfigSchema = z.object({
  baseUrl: BaseUrl,
  trackingStyle: z.enum(['tracking', 'track.php']).default('tracking'),
  couponParam: z.enum(['cc', 'd']).default('cc'),
  campaignId: ShortText(64).default(''),
  apiKey: Secret.default(''),
  apiStyle: z.enum(['key-in-url', 'afs-fields']).default('key-in-url'),
  verifySettleMinutes: z.number().int().min(0).max(1440).default(2),
})
export type AffiliationSoftwareConfig = z.infer<typeof AffiliationSoftwareConfigSchema>

export const SwaarmConfigSchema = z.object({
  baseUrl: BaseUrl,
  securityToken: Secret.default(''),
  eventId: ShortText(64).default(''),
  amountParam: ShortText(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('sale_amount'),
  currencyParam: ShortText(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('sale_amount_currency'),
})
export type SwaarmConfig = z.infer<typeof SwaarmConfigSchema>

export const POSTBACK_PRESET_IDS = ['tune', 'everflow', 'affise', 'trackier', 'cake', 'redtrack', 'swaarm', 'custom'] as const
export type PostbackPresetId = (typeof POSTBACK_PRESET_IDS)[number]

export const PostbackConfigSchema = z.object({
  preset: z.enum(POSTBACK_PRESET_IDS).default('custom'),
  baseUrl: BaseUrl,
  template: PostbackTemplate.refine((text) => text !== '', 'enter the postback template'),
  method: z.enum(['GET', 'POST']).default('GET'),
  token: Secret.default(''),
  successPattern: PatternText.default(''),
  duplicatePattern: PatternText.default(''),
  rejectPattern: PatternText.default(''),
  dedupesOrderId: z.boolean().default(false),
  reversalTemplate: PostbackTemplate.default(''),
})
export type PostbackConfig = z.infer<typeof PostbackConfigSchema>

export const PLATFORM_SCHEMAS = {
  pap: PapConfigSchema,
  partnero: PartneroConfigSchema,
  affiliationsoftware: AffiliationSoftwareConfigSchema,
  swaarm: SwaarmConfigSchema,
  postback: PostbackConfigSchema,
} as const

export type PlatformConfigs = {
  pap: PapConfig
  partnero: PartneroConfig
  affiliationsoftware: AffiliationSoftwareConfig
  swaarm: SwaarmConfig
  postback: PostbackConfig
}

/** A resolved, complete configuration with its secrets, as a connector receives it. */
export type PlatformConfig = { [P in PlatformId]: { platform: P; config: PlatformConfigs[P] } }[PlatformId]

// ---------------------------------------------------------------------------------------------
// Postback presets (connectors.md, "Generic postback template")

export interface PostbackPreset {
  label: string
  template: string
  successPattern: string
  duplicatePattern: string
  rejectPattern: string
  note: string
}

export const POSTBACK_PRESETS: Record<Exclude<PostbackPresetId, 'custom'>, PostbackPreset> = {
  tune: {
    label: 'TUNE (HasOffers)',
    template: '/aff_lsr?offer_id=OFFER_ID&promo_code={coupon}&adv_sub={order_id}&conversion_unique_id={order_id}&amount={amount}',
    successPattern: 'success\\s*=\\s*true',
    duplicatePattern: 'duplicate',
    rejectPattern: 'success\\s*=\\s*false',
    note: 'Replace OFFER_ID. TUNE answers success=false; err_msg=... even with HTTP 200.',
  },
  everflow: {
    label: 'Everflow',
    template: '/?nid=NETWORK_ID&coupon_code={coupon}&order_id={order_id}&amount={amount}',
    successPattern: '',
    duplicatePattern: '',
    rejectPattern: '',
    note: 'Replace NETWORK_ID. The answer is not documented: a 2xx counts as submitted.',
  },
  affise: {
    label: 'Affise',
    template: '/postback?promo_code={coupon}&action_id={order_id}&sum={amount}&secure={token}',
    successPattern: '',
    duplicatePattern: '',
    rejectPattern: '',
    note: 'Affise only logs the answer: a 2xx counts as submitted.',
  },
  trackier: {
    label: 'Trackier',
    template: '/acquisition?coupon_code={coupon}&txn_id={order_id}&sale_amount={amount}&currency={currency}&security_token={token}',
    successPattern: '',
    duplicatePattern: '',
    rejectPattern: '',
    note: 'Needs the coupon feature in Trackier. A 2xx counts as submitted.',
  },
  cake: {
    label: 'CAKE',
    template: '/p.ashx?o=OFFER_ID&e=EVENT_ID&ecc={coupon}&t={order_id}&p={amount}',
    successPattern: '',
    duplicatePattern: '',
    rejectPattern: '',
    note: 'Replace OFFER_ID and EVENT_ID. Statuses show in the CAKE panel.',
  },
  redtrack: {
    label: 'RedTrack',
    template: '/postback?coupon={coupon}&rdtk_event_id={order_id}&sum={amount}&type=Purchase',
    successPattern: '',
    duplicatePattern: '',
    rejectPattern: '',
    note: 'RedTrack has configurable duplicate modes; say the network ignores repeated order IDs only if you set that mode.',
  },
  swaarm: {
    label: 'Swaarm',
    template: '/postback?coupon_code={coupon}&uq={order_id}&sale_amount={amount}&sale_amount_currency={currency}&security_token={token}',
    successPattern: '',
    duplicatePattern: '',
    rejectPattern: '',
    note: 'Or pick Swaarm as the platform. A 2xx counts as submitted.',
  },
}

export const POSTBACK_PRESET_OPTIONS: readonly { value: PostbackPresetId; label: string }[] = [
  ...(Object.entries(POSTBACK_PRESETS) as [Exclude<PostbackPresetId, 'custom'>, PostbackPreset][]).map(([value, preset]) => ({ value, label: preset.label })),
  { value: 'custom', label: 'Custom' },
]

// ---------------------------------------------------------------------------------------------
// Field specs: what the form shows and the CLI accepts

export type FieldKind = 'url' | 'text' | 'secret' | 'choice' | 'boolean' | 'number' | 'template' | 'pattern'

export interface FieldSpec {
  name: string
  label: string
  help: string
  kind: FieldKind
  options?: readonly { value: string; label: string }[]
  placeholder?: string
}

const yesNo = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
] as const

export const PLATFORM_FIELDS: { [P in PlatformId]: readonly (FieldSpec & { name: keyof PlatformConfigs[P] & string })[] } = {
  pap: [
    { name: 'baseUrl', kind: 'url', label: 'Address of your Post Affiliate Pro', placeholder: 'https://yourshop.postaffiliatepro.com', help: 'Your account URL or your own install; sales go to <address>/scripts/sale.php.' },
    { name: 'accountId', kind: 'text', label: 'Account ID', help: "Merchant account (AccountId); 'default1' unless you run several accounts." },
    { name: 'username', kind: 'text', label: 'Merchant login (email)', help: 'Optional: lets CouponDesk confirm sales, download coupons and reverse voided sales through the API.' },
    { name: 'password', kind: 'secret', label: 'Merchant password', help: 'Used only for the API login; stored encrypted on this computer.' },
    { name: 'sendCurrency', kind: 'boolean', options: yesNo, label: 'Send the currency', help: 'PAP stops processing a sale with a currency it does not know: say No if yours is not set up in PAP.' },
    { name: 'saleStatus', kind: 'choice', options: [{ value: '', label: 'As the campaign says' }, { value: 'A', label: 'Approved' }, { value: 'P', label: 'Pending' }], label: 'Status of new commissions', help: 'PStatus sent with each sale; empty keeps the campaign default.' },
    { name: 'campaignId', kind: 'text', label: 'Campaign ID', help: 'Optional; PAP normally takes the campaign from the coupon.' },
    { name: 'actionCode', kind: 'text', label: 'Action code', help: 'Optional ActionCode for an action commission type.' },
    { name: 'reversal', kind: 'choice', options: [{ value: 'decline', label: 'Decline the commission' }, { value: 'refund', label: 'Refund (status R)' }], label: 'Voiding a sent sale', help: 'What the API does with a sale voided on the till.' },
    { name: 'verifySettleMinutes', kind: 'number', label: 'Minutes PAP may take to show a sale', help: 'PAP may process tracked sales in a cron run; CouponDesk asks the API about a sale only after this long.' },
  ],
  partnero: [
    { name: 'baseUrl', kind: 'url', label: 'API address', placeholder: 'https://api.partnero.com', help: 'Leave https://api.partnero.com unless Partnero gave you another address.' },
    { name: 'apiToken', kind: 'secret', label: 'API token', help: 'Partnero > Integrations > API; stored encrypted on this computer.' },
    { name: 'customerKeyPrefix', kind: 'text', label: 'Customer key prefix', help: 'Walk-in customers get the key <prefix><order ID>.' },
    { name: 'partnerField', kind: 'choice', options: [{ value: 'customer.partner.key', label: 'customer.partner.key' }, { value: 'customer.partner.id', label: 'customer.partner.id' }, { value: 'partner.key', label: 'partner.key' }], label: 'Where the partner goes', help: "Partnero's documentation shows three spellings; keep customer.partner.key unless support says otherwise." },
    { name: 'redeemCode', kind: 'boolean', options: yesNo, label: 'Record the code redemption', help: 'Also marks the promotion code as redeemed for the transaction.' },
    { name: 'reversalStyle', kind: 'choice', options: [{ value: 'path', label: 'DELETE /v1/transactions/<key>' }, { value: 'body', label: 'DELETE /v1/transactions with the key in the body' }], label: 'Reversal request', help: 'How a voided sale is deleted; the two API versions differ.' },
  ],
  affiliationsoftware: [
    { name: 'baseUrl', kind: 'url', label: 'Address of your AffiliationSoftware', placeholder: 'https://affiliation.software/youraccount', help: 'The address of your affiliate program (its tracking and API live below it).' },
    { name: 'trackingStyle', kind: 'choice', options: [{ value: 'tracking', label: '<address>/tracking?v=&o= (newer)' }, { value: 'track.php', label: '<address>/script/track.php?cost=&orderid= (older installs)' }], label: 'Tracking URL', help: 'Copy the shape from Admin panel > Tracking code.' },
    { name: 'couponParam', kind: 'choice', options: [{ value: 'cc', label: 'cc' }, { value: 'd', label: 'd' }], label: 'Coupon parameter', help: 'The name your tracking code uses for the coupon: cc or d.' },
    { name: 'campaignId', kind: 'text', label: 'Campaign ID', help: 'cid for the older track.php URL; optional for the newer one.' },
    { name: 'apiKey', kind: 'secret', label: 'API key', help: 'Optional (Admin panel > Settings > API): lets CouponDesk confirm sales and decline voided ones.' },
    { name: 'apiStyle', kind: 'choice', options: [{ value: 'key-in-url', label: '<address>/script/api?key=... with action=' }, { value: 'afs-fields', label: 'afs_apikey / afs_action fields' }], label: 'API style', help: 'Two API generations exist; your API settings page shows which one you have.' },
    { name: 'verifySettleMinutes', kind: 'number', label: 'Minutes before asking the API', help: 'How long after sending CouponDesk waits before it asks whether the sale arrived.' },
  ],
  swaarm: [
    { name: 'baseUrl', kind: 'url', label: 'Tracking domain', placeholder: 'https://track.yournetwork.swaarm-clients.com', help: 'Your network tracking domain; postbacks go to <address>/postback.' },
    { name: 'securityToken', kind: 'secret', label: 'Security token', help: 'The advertiser postback security_token; stored encrypted.' },
    { name: 'eventId', kind: 'text', label: 'Event ID', help: 'Optional event_id of the sale event.' },
    { name: 'amountParam', kind: 'text', label: 'Amount parameter', help: 'Spelling of the amount parameter for your account (sale_amount).' },
    { name: 'currencyParam', kind: 'text', label: 'Currency parameter', help: 'Spelling of the currency parameter (sale_amount_currency).' },
  ],
  postback: [
    { name: 'preset', kind: 'choice', options: POSTBACK_PRESET_OPTIONS, label: 'Network', help: 'Fills in the template and answer patterns for the network; you can still edit them.' },
    { name: 'baseUrl', kind: 'url', label: 'Postback domain', placeholder: 'https://yournetwork.example.com', help: 'Scheme and host (and path prefix) of the network postback URL.' },
    { name: 'template', kind: 'template', label: 'Postback template', help: 'Path and query appended to the domain. Placeholders: {coupon} {order_id} {amount} {amount_minor} {currency} {timestamp_unix} {timestamp_iso} {store_id} {terminal_id} {token}.' },
    { name: 'method', kind: 'choice', options: [{ value: 'GET', label: 'GET' }, { value: 'POST', label: 'POST (form)' }], label: 'Method', help: 'POST sends the query part as a form body.' },
    { name: 'token', kind: 'secret', label: 'Token', help: 'Replaces {token} in the template; stored encrypted.' },
    { name: 'successPattern', kind: 'pattern', label: 'Success answer', help: 'Optional regular expression an accepting answer matches (TUNE: success=true).' },
    { name: 'duplicatePattern', kind: 'pattern', label: 'Duplicate answer', help: 'Optional regular expression of the answer to an order ID the network already has.' },
    { name: 'rejectPattern', kind: 'pattern', label: 'Rejection answer', help: 'Optional regular expression of a refusal (TUNE: success=false).' },
    { name: 'dedupesOrderId', kind: 'boolean', options: yesNo, label: 'Network ignores repeated order IDs', help: 'Say Yes only if the network is set to drop a second conversion with the same order ID: then an unconfirmed delivery is simply sent again.' },
    { name: 'reversalTemplate', kind: 'template', label: 'Reversal template', help: 'Optional: the URL that reverses a conversion; without it voided sales are reversed by hand in the network.' },
  ],
}

export function fieldSpec(platform: PlatformId, name: string): FieldSpec | undefined {
  return (PLATFORM_FIELDS[platform] as readonly FieldSpec[]).find((field) => field.name === name)
}

export function secretFields(platform: PlatformId): string[] {
  return (PLATFORM_FIELDS[platform] as readonly FieldSpec[]).filter((field) => field.kind === 'secret').map((field) => field.name)
}

export function isSecretField(platform: PlatformId, name: string): boolean {
  return fieldSpec(platform, name)?.kind === 'secret'
}

// ---------------------------------------------------------------------------------------------
// Sync tuning: safe defaults, changeable from the CLI (`config set sync.concurrency 8`).

export const SyncTuningSchema = z.object({
  concurrency: z.number().int().min(1).max(32).default(4),
  requestTimeoutMs: z.number().int().min(50).max(300_000).default(30_000),
  backoffBaseMs: z.number().int().min(1).max(600_000).default(1_000),
  backoffCapMs: z.number().int().min(1).max(3_600_000).default(300_000),
  probeIntervalMs: z.number().int().min(10).max(600_000).default(5_000),
  stuckAfterMs: z.number().int().min(1_000).max(86_400_000).default(120_000),
  verifyAttempts: z.number().int().min(1).max(50).default(6),
  verifyDelayMs: z.number().int().min(10).max(86_400_000).default(60_000),
})
export type SyncTuning = z.infer<typeof SyncTuningSchema>

export const SYNC_TUNING_HELP: Record<keyof SyncTuning, string> = {
  concurrency: 'Requests to the platform at the same time (1-32).',
  requestTimeoutMs: 'Milliseconds to wait for an answer before the outcome counts as unknown.',
  backoffBaseMs: 'First wait after a refused attempt (408/429/5xx); doubles each time, with full jitter.',
  backoffCapMs: 'Longest wait between two attempts of one sale.',
  probeIntervalMs: 'Longest gap between two reachability probes while the platform cannot be reached.',
  stuckAfterMs: 'Reachable, sales waiting and no success for this long raises the stuck alert.',
  verifyAttempts: 'How many times a submitted sale is looked up before it needs attention.',
  verifyDelayMs: 'Shortest wait before a submitted sale is first looked up (doubles for each later lookup).',
}

export function defaultSyncTuning(): SyncTuning {
  return SyncTuningSchema.parse({})
}

// ---------------------------------------------------------------------------------------------
// Reading a typed value from text (CLI argument, form field)

export type FieldParse = { ok: true; value: string | number | boolean } | { ok: false; reason: string }

export function parseFieldText(kind: FieldKind, schema: z.ZodType, label: string, text: string): FieldParse {
  let candidate: unknown = kind === 'secret' ? text : text.trim()
  if (kind === 'number') candidate = /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim()
  if (kind === 'boolean') {
    const lower = text.trim().toLowerCase()
    candidate = ['true', 'yes', 'on', '1'].includes(lower) ? true : ['false', 'no', 'off', '0'].includes(lower) ? false : text
  }
  const parsed = schema.safeParse(candidate)
  if (!parsed.success) return { ok: false, reason: `${label}: ${parsed.error.issues[0]?.message ?? 'invalid value'}` }
  return { ok: true, value: parsed.data as string | number | boolean }
}

/** The schema of one platform field (without its default), for checking a single value. */
export function platformFieldSchema(platform: PlatformId, name: string): z.ZodType | undefined {
  const shape = PLATFORM_SCHEMAS[platform].shape as Record<string, z.ZodType>
  const schema = shape[name]
  if (schema === undefined) return undefined
  return schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema
}
