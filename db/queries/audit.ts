import 'server-only'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { getDb, type Executor } from '@/db'
import { auditLog } from '@/db/schema'

export type AuditEntry = {
  actorId: number | null
  /** `entity:verb`, like permissions: "user:role", "label:merge", "settings:update". */
  action: string
  entity: 'user' | 'label' | 'settings' | 'media' | 'contact' | 'import'
  entityId?: number | null
  detail?: Record<string, unknown>
}

/** Appends one audit row. Pass the transaction that made the change, so both commit or neither does. */
export function recordAudit(entry: AuditEntry, db: Executor = getDb()): void {
  db.insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      detail: entry.detail ?? null,
    })
    .run()
}

/** The latest audit rows about one record, newest first. */
export function listAuditFor(entity: AuditEntry['entity'], entityId: number | null, limit = 20) {
  return getDb()
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      action: auditLog.action,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), entityId === null ? isNull(auditLog.entityId) : eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .all()
}
