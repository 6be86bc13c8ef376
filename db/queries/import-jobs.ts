import 'server-only'
import { desc, eq, inArray, notInArray } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { serializeOn } from '@/db/dialect'
import { importJobs } from '@/db/tables'

/*
 * The newsroom's import jobs, shared by every server process (lib/import/jobs.ts runs them). A
 * row holds the job's whole view as JSON; the columns beside it are what the slot and the
 * import page query by.
 */

export type StoredJobStatus = 'receiving' | 'running' | 'done' | 'failed'

/** The part of a job's view this module reads; the rest travels through untouched. */
export type StoredJobView = { id: string; status: StoredJobStatus; startedAt: string; finishedAt: string | null; error: unknown }

const ACTIVE: StoredJobStatus[] = ['receiving', 'running']

/** A running job whose owner has said nothing for this long is taken to be dead. */
export const HEARTBEAT_STALE_MS = 30_000

export type OwnerCheck = { isAlive: (pid: number) => boolean; now?: number }

type Row = typeof importJobs.$inferSelect

function isOwnerGone(row: Row, check: OwnerCheck): boolean {
  return !check.isAlive(row.ownerPid) || (check.now ?? Date.now()) - row.heartbeatAt > HEARTBEAT_STALE_MS
}

/** An active job whose owner is gone ended without a word: failed, with no message (the log of the dead process has it). */
function asSeenNow<V extends StoredJobView>(row: Row, check: OwnerCheck): V {
  const view = JSON.parse(row.view) as V
  if (ACTIVE.includes(row.status) && isOwnerGone(row, check)) {
    return { ...view, status: 'failed', finishedAt: view.finishedAt ?? new Date(row.heartbeatAt).toISOString(), error: { message: null, line: null } }
  }
  return view
}

/**
 * Claims the one import slot for a new job, atomically across processes: refused with the
 * running job's view while another live job holds it. Jobs whose owner is gone are closed as
 * failed on the way; only the newest `keepFinished` finished jobs are kept.
 */
export async function claimImportSlot<V extends StoredJobView>(
  job: { view: V; userId: number; ownerPid: number },
  check: OwnerCheck,
  keepFinished: number,
): Promise<{ ok: true } | { ok: false; running: V }> {
  return write(async (tx) => {
    // PostgreSQL: two claims at once both found the slot free and both started an import.
    await serializeOn(tx, 'warta.import-slot')
    const now = check.now ?? Date.now()
    for (const row of (await tx.select().from(importJobs).where(inArray(importJobs.status, ACTIVE)))) {
      if (!isOwnerGone(row, check)) return { ok: false as const, running: JSON.parse(row.view) as V }
      const closed = asSeenNow<V>(row, check)
      await tx.update(importJobs).set({ status: 'failed', view: JSON.stringify(closed) }).where(eq(importJobs.id, row.id))
    }
    await tx.insert(importJobs)
      .values({ id: job.view.id, userId: job.userId, ownerPid: job.ownerPid, status: job.view.status, startedAt: job.view.startedAt, heartbeatAt: now, view: JSON.stringify(job.view) })
    const keep = (await tx
      .select({ id: importJobs.id })
      .from(importJobs)
      .where(notInArray(importJobs.status, ACTIVE))
      .orderBy(desc(importJobs.startedAt))
      .limit(keepFinished))
      .map((r) => r.id)
    await tx.delete(importJobs).where(notInArray(importJobs.id, [...keep, job.view.id]))
    return { ok: true as const }
  })
}

/** The owner's new view of its job (progress, outcome); also its heartbeat. */
export async function saveImportJob(view: StoredJobView): Promise<void> {
  await write(async (tx) =>
    await tx.update(importJobs).set({ status: view.status, view: JSON.stringify(view), heartbeatAt: Date.now() }).where(eq(importJobs.id, view.id)),
  )
}

/** The owner is still at it (an upload being received says nothing else for minutes). */
export async function touchImportJob(id: string): Promise<void> {
  await write(async (tx) => await tx.update(importJobs).set({ heartbeatAt: Date.now() }).where(eq(importJobs.id, id)))
}

export async function deleteImportJob(id: string): Promise<void> {
  await write(async (tx) => await tx.delete(importJobs).where(eq(importJobs.id, id)))
}

export async function getImportJobView<V extends StoredJobView>(id: string, check: OwnerCheck): Promise<V | null> {
  const row = (await getDb().select().from(importJobs).where(eq(importJobs.id, id)).limit(1))[0]
  return row ? asSeenNow<V>(row, check) : null
}

/** The running import, or else the one that started last. At most a handful of rows exist. */
export async function getLatestImportJobView<V extends StoredJobView>(check: OwnerCheck): Promise<V | null> {
  const rows = await getDb().select().from(importJobs).orderBy(desc(importJobs.startedAt)).limit(20)
  const views = rows.map((row) => asSeenNow<V>(row, check))
  return views.find((v) => ACTIVE.includes(v.status)) ?? views[0] ?? null
}
