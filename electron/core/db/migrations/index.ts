import type { Migration } from './migration'
import { migration0010 } from './0010-settings-and-audit'
import { migration0020 } from './0020-coupons'
import { migration0030 } from './0030-sales-and-outbox'
import { migration0035 } from './0035-sales-indexes'
import { migration0040 } from './0040-sync'
import { migration0050 } from './0050-sales-imports'
import { migration0060 } from './0060-sale-hot-path'
import { migration0070 } from './0070-checks-without-in-lists'
import { migration0080 } from './0080-import-owner'

/**
 * Every migration, in order. Listed by hand, never scanned from disk: the app is bundled.
 * After a release, steps are only ever added.
 */
export const MIGRATIONS: readonly Migration[] = [migration0010, migration0020, migration0030, migration0035, migration0040, migration0050, migration0060, migration0070, migration0080]

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0
