import 'server-only'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { getDb, type Executor, write } from '@/db'
import { auditLog } from '@/db/tables'

export type AuditEntry = {
  actorId: number | null
  /** `entity:verb`, like permissions: "user:role", "label:merge", "settings:update". */
  action: string
  entity: 'user' | 'label' | 'settings' | 'media' | 'contact' | 'import'
  entityId?: number | null
  detail?: Record<string, unknown>
}

/** Appends one audit row. Pass the transaction that made the change, so both commit or neither does. */
export async function recordAudit(entry: AuditEntry, db?: Executor): Promise<void> {
  if (!db) return write((tx) => recordAudit(entry, tx))
  await db.insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      detail: entry.detail ?? null,
    })
}

/** The latest audit rows about one record, newest first. */
export async function listAuditFor(entity: AuditEntry['entity'], entityId: number | null, limit = 20) {
  return await getDb()
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
}
