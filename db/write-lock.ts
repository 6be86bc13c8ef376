import 'server-only'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'

/** How long a server write waits for SQLite's write lock before it gives up. */
export const DEFAULT_WAIT_MS = 10_000
const MAX_BACKOFF_MS = 25

export class WriteLockTimeout extends Error {
  constructor(waitedMs: number) {
    super(`The database stayed locked by another writer for ${waitedMs} ms`)
    this.name = 'WriteLockTimeout'
  }
}

export function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')
}

/**
 * Opens a `BEGIN IMMEDIATE` transaction on `client` without ever blocking the event loop on the
 * lock. better-sqlite3 waits for a busy lock synchronously (busy_timeout), so a server write while
 * another process holds the lock (an import's slice, a backup, another server process) would
 * stall every request of this process for that long. Here each attempt asks for the lock with no
 * wait (the write connection runs with busy_timeout = 0); while another writer holds it, this
 * waits asynchronously and tries again, so other requests keep being served.
 */
export async function beginImmediate(client: Database.Database, opts: { waitMs?: number } = {}): Promise<void> {
  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS
  const start = Date.now()
  let backoff = 1
  for (;;) {
    try {
      client.exec('BEGIN IMMEDIATE')
      return
    } catch (error) {
      if (!isBusy(error)) throw error
    }
    if (Date.now() - start >= waitMs) throw new WriteLockTimeout(Date.now() - start)
    await sleep(backoff)
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
  }
}
