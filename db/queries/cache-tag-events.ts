import 'server-only'
import { desc, gt, lt, sql } from 'drizzle-orm'
import { getDb, type Executor } from '@/db'
import { queryRow, queryRows } from '@/db/dialect'
import { cacheTagEvents } from '@/db/tables'

/** How long an expiry stays readable: far longer than any poll interval, short enough to stay small. */
export const TAG_EVENT_RETENTION_MS = 60 * 60_000

export type TagExpiry = { tag: string; staleAt: number | null; expiredAt: number | null }
export type TagEvent = TagExpiry & { seq: number }

/** Appends expiries (one statement per tag) and drops those past retention. A write: needs the lock. */
export async function insertTagEvents(db: Executor, events: readonly TagExpiry[], now: number): Promise<void> {
  if (events.length === 0) return
  for (let i = 0; i < events.length; i += 500) {
    await db.insert(cacheTagEvents)
      .values(events.slice(i, i + 500).map((e) => ({ ...e, createdAt: now })))
  }
  await db.delete(cacheTagEvents).where(lt(cacheTagEvents.createdAt, now - TAG_EVENT_RETENTION_MS))
}

/** Expiries appended after `seq`, oldest first (the primary key's order), at most `limit`. */
export async function listTagEventsSince(seq: number, limit = 2000): Promise<TagEvent[]> {
  return await getDb()
    .select({ seq: cacheTagEvents.seq, tag: cacheTagEvents.tag, staleAt: cacheTagEvents.staleAt, expiredAt: cacheTagEvents.expiredAt })
    .from(cacheTagEvents)
    .where(gt(cacheTagEvents.seq, seq))
    .orderBy(cacheTagEvents.seq)
    .limit(limit)
}

/** The newest expiry's sequence number (0 when there is none). */
export async function getLatestTagEventSeq(): Promise<number> {
  const row = (await getDb().select({ seq: cacheTagEvents.seq }).from(cacheTagEvents).orderBy(desc(cacheTagEvents.seq)).limit(1))[0]
  return row?.seq ?? 0
}

/** For tests: how many expiries are kept. */
export async function countTagEvents(): Promise<number> {
  return (await queryRow<{ n: number }>(getDb(), sql`SELECT count(*) AS n FROM cache_tag_events`))?.n ?? 0
}
