import 'server-only'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { getDb } from '@/db'
import { BUSY_TIMEOUT_MS } from './connection'

/** How long a server write waits for SQLite's write lock before it gives up. */
const DEFAULT_WAIT_MS = 10_000
const MAX_BACKOFF_MS = 25

/** The transaction handle a write runs in (drizzle's, for the process's one connection). */
export type WriteTx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0]

export class WriteLockTimeout extends Error {
  constructor(waitedMs: number) {
    super(`The database stayed locked by another writer for ${waitedMs} ms`)
    this.name = 'WriteLockTimeout'
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')
}

/**
 * Runs a synchronous write in its own `BEGIN IMMEDIATE` transaction without ever blocking the
 * event loop on the lock. better-sqlite3 waits for a busy lock synchronously (busy_timeout), so a
 * server write while another process holds the lock (an import's slice, a backup, another
 * server process) would stall every request of this process for that long. Here each attempt
 * asks for the lock with no wait; while another writer holds it, this waits asynchronously and
 * tries again, so other requests keep being served. `write` must be synchronous (ADR 001).
 */
export async function runWrite<T>(write: (tx: WriteTx) => T, opts: { waitMs?: number } = {}): Promise<T> {
  const db = getDb()
  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS
  const start = Date.now()
  let backoff = 1
  for (;;) {
    const sqlite = db.$client
    sqlite.pragma('busy_timeout = 0')
    try {
      return db.transaction((tx) => write(tx), { behavior: 'immediate' })
    } catch (error) {
      if (!isBusy(error)) throw error
    } finally {
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    }
    if (Date.now() - start >= waitMs) throw new WriteLockTimeout(Date.now() - start)
    await sleep(backoff)
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
  }
}
