import type { Db } from './connection'
import { cached } from './statements'

export interface AuditEntry {
  atMs: number
  actor: string
  action: string
  subject: string | null
  details: Record<string, unknown> | null
}

/** The audit log is append-only (triggers refuse UPDATE and DELETE). */
export function appendAudit(db: Db, entry: AuditEntry): void {
  cached(
    db,
    'INSERT INTO audit_log (at_ms, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)',
  ).run(entry.atMs, entry.actor, entry.action, entry.subject, entry.details === null ? null : JSON.stringify(entry.details))
}

export interface AuditRow {
  id: number
  at_ms: number
  actor: string
  action: string
  subject: string | null
  details: string | null
}

export function listAudit(db: Db, subject?: string): AuditRow[] {
  return subject === undefined
    ? (db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[])
    : (db.prepare('SELECT * FROM audit_log WHERE subject = ? ORDER BY id').all(subject) as AuditRow[])
}
