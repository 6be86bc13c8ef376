import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'
import { is } from 'drizzle-orm'
import { PgDatabase } from 'drizzle-orm/pg-core'
import type { RunResult } from 'better-sqlite3'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { Db } from './connection'
import type * as schema from './schema'
import { beginImmediate } from './write-lock'

/** The connection or an open transaction: helpers that must join their caller's transaction take one. */
export type Executor = BaseSQLiteDatabase<'sync', RunResult, typeof schema>

export type TransactionOptions = {
  /** How long to wait for another connection's write lock (default 10 s), then WriteLockTimeout. */
  waitMs?: number
  /**
   * PostgreSQL: how many times in all to run the callback after a serialization failure or a
   * deadlock (default 4). 1 for a callback that changes state outside the database (an import
   * slice counts and consumes its work) and so cannot simply run again.
   */
  attempts?: number
}

type Open = { db: Db; open: boolean }

// One per process, not per module instance: Next may load this module in more than one bundle
// (instrumentation, routes, actions), and a nested write() from another copy must still find
// the open transaction, or it would wait for a lock its own caller holds.
const CURRENT = Symbol.for('warta.openTransaction')
const g = globalThis as typeof globalThis & { [CURRENT]?: AsyncLocalStorage<Open> }
const current = (g[CURRENT] ??= new AsyncLocalStorage<Open>())

/** The connection whose transaction the caller runs inside, if any (joined by nested calls). */
export function openTransaction(): Db | undefined {
  const open = current.getStore()
  return open?.open ? open.db : undefined
}

/**
 * PostgreSQL SQLSTATEs after which the whole transaction may simply be run again: serialization
 * failure, deadlock, and unique violation. Under READ COMMITTED two transactions may both find a
 * slug (an email, a label name) free and insert it; the second waits for the first to commit and
 * then fails 23505. Run again, its check reads the committed row and takes the path the code has
 * for a taken value (the next free slug, "slug-taken", "email exists"), as on SQLite, whose one
 * writer never interleaves. A unique violation no check precedes fails the same way each time and
 * reaches the caller after the last attempt.
 */
const RETRYABLE = new Set(['40001', '40P01', '23505'])
export const PG_ATTEMPTS = 6

/** The SQLSTATE of a pg error, also when drizzle wrapped it (DrizzleQueryError's cause). */
export function pgErrorCode(error: unknown): string | undefined {
  let e = error as { code?: unknown; cause?: unknown } | undefined
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code
  }
  return undefined
}

/** Whether a failed PostgreSQL transaction is worth running again (serialization failure, deadlock, unique violation). */
export function isRetryablePgError(error: unknown): boolean {
  const code = pgErrorCode(error)
  return code !== undefined && RETRYABLE.has(code)
}

/** Whether `db` is a drizzle node-postgres database (typed as Db; db/tables.ts) rather than better-sqlite3. */
export function isPgDatabase(db: Db): boolean {
  // PgTransaction extends PgDatabase; a transaction has no $client of its own.
  return is(db, PgDatabase)
}

type PgTransactional = { transaction<T>(fn: (tx: unknown) => Promise<T>): Promise<T> }

/**
 * PostgreSQL: drizzle's transaction on one pooled client (BEGIN … COMMIT, ROLLBACK on a throw),
 * carried by the AsyncLocalStorage so nested calls and getDb() find it. Run again, up to
 * PG_ATTEMPTS times in all, after a serialization failure or a deadlock: `fn` holds only
 * database work (docs/data-access.md), so running it again is safe.
 */
async function pgTransaction<T>(db: Db, fn: (tx: Executor) => Promise<T> | T, attempts = PG_ATTEMPTS): Promise<T> {
  const joined = current.getStore()
  if (joined?.open) return fn(joined.db)
  for (let attempt = 1; ; attempt++) {
    try {
      return await (db as unknown as PgTransactional).transaction(async (tx) => {
        const open: Open = { db: tx as Db, open: true }
        try {
          return await current.run(open, () => fn(tx as Executor))
        } finally {
          open.open = false
        }
      })
    } catch (error) {
      if (attempt >= attempts || !isRetryablePgError(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, attempt * 10 + Math.random() * 20))
    }
  }
}

/**
 * Runs `fn` in one transaction on `db`, our own rather than better-sqlite3's (which refuses an
 * async callback): BEGIN IMMEDIATE, asking for the lock without a synchronous wait
 * (db/write-lock.ts), then `fn`, then COMMIT, or ROLLBACK when `fn` throws or COMMIT fails.
 * Called inside a transaction on the same connection, it joins that one. The caller makes sure
 * no other statement runs on `db` meanwhile (db/index.ts write() queues; a CLI is alone).
 */
export async function transaction<T>(db: Db, fn: (tx: Executor) => Promise<T> | T, opts: TransactionOptions = {}): Promise<T> {
  if (isPgDatabase(db)) return pgTransaction(db, fn, opts.attempts)
  const joined = current.getStore()
  if (joined?.open && joined.db === db) return fn(db)
  const client = db.$client
  const saved = client.pragma('busy_timeout', { simple: true }) as number
  if (saved !== 0) client.pragma('busy_timeout = 0')
  try {
    await beginImmediate(client, opts)
  } finally {
    if (saved !== 0) client.pragma(`busy_timeout = ${saved}`)
  }
  const open: Open = { db, open: true }
  try {
    const result = await current.run(open, () => fn(db))
    open.open = false
    client.exec('COMMIT')
    return result
  } catch (error) {
    open.open = false
    // A failed COMMIT (a deferred constraint, an I/O error) leaves the transaction open: end it.
    if (client.inTransaction) client.exec('ROLLBACK')
    throw error
  }
}
