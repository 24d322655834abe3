import type { Migration } from './migration'

/**
 * Which process runs an import. The app and the CLI may open the same database at once, and
 * each runs the start-up recovery of imports: without the owner, a CLI command started while
 * the app imports would take the app's undecided rows out from under it. Recovery now leaves
 * alone a batch whose owner process is still alive.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'import owner',
  up(db) {
    db.exec('ALTER TABLE sales_imports ADD COLUMN owner_pid INTEGER')
  },
}
