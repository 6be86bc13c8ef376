import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'
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
 * Runs `fn` in one transaction on `db`, our own rather than better-sqlite3's (which refuses an
 * async callback): BEGIN IMMEDIATE, asking for the lock without a synchronous wait
 * (db/write-lock.ts), then `fn`, then COMMIT, or ROLLBACK when `fn` throws or COMMIT fails.
 * Called inside a transaction on the same connection, it joins that one. The caller makes sure
 * no other statement runs on `db` meanwhile (db/index.ts write() queues; a CLI is alone).
 */
export async function transaction<T>(db: Db, fn: (tx: Executor) => Promise<T> | T, opts: TransactionOptions = {}): Promise<T> {
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
