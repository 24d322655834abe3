import type { Statement } from 'better-sqlite3'
import type { Db } from './connection'

/**
 * Prepared statements cached per connection. SQLite re-prepares a cached statement by itself
 * after a schema change (the catalogue swap), so caching is safe.
 */
const caches = new WeakMap<Db, Map<string, Statement>>()

export function cached(db: Db, sql: string): Statement {
  let cache = caches.get(db)
  if (cache === undefined) {
    cache = new Map()
    caches.set(db, cache)
  }
  let statement = cache.get(sql)
  if (statement === undefined) {
    statement = db.prepare(sql)
    cache.set(sql, statement)
  }
  return statement
}
