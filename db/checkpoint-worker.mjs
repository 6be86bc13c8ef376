// @ts-check
/**
 * A worker thread that checkpoints the SQLite write-ahead log on its own connection, so that the
 * copy of the WAL into the database file, and the two syncs of the disk that go with it, never
 * run on a server process's event loop (db/checkpointer.ts starts it; ADR 027).
 *
 * A PASSIVE checkpoint copies into the database file what no reader still needs, after a sync of
 * the WAL. It neither waits for nor blocks a reader or a writer; another connection's checkpoint
 * in progress makes it a no-op. One runs when the WAL holds `threshold` frames that are not yet in
 * the database file (SQLite's own size, 1,000 frames), or when some have waited `maxPendingMs`:
 * its sync is what makes a commit survive a power cut (synchronous = NORMAL; ADR 001), so no
 * acknowledged write stays at the kernel's mercy for longer than that.
 *
 * Plain JavaScript on purpose, as db/read-worker.mjs: a worker needs a file Node can run as it is.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

if (!parentPort) throw new Error('db/checkpoint-worker.mjs runs only as a worker thread')
const port = parentPort

/** @type {{ file: string, threshold: number, everyMs: number, maxPendingMs: number }} */
const { file, threshold, everyMs, maxPendingMs } = workerData
const db = new Database(file, { fileMustExist: true })
// A checkpoint never waits for a lock: a busy one is tried again at the next look.
db.pragma('busy_timeout = 0')

/** @returns {{ busy: number, log: number, checkpointed: number }} */
function checkpoint(/** @type {'NOOP' | 'PASSIVE'} */ mode) {
  return /** @type {any} */ (db.pragma(`wal_checkpoint(${mode})`))[0]
}

/** Since when frames have been waiting in the WAL, as first seen by a look; null while none are. */
let pendingSince = /** @type {number | null} */ (null)

function look() {
  // NOOP (SQLite 3.51+) only reads the WAL's header: its frames, and how many are in the file.
  const wal = checkpoint('NOOP')
  const pending = wal.log - wal.checkpointed
  const now = performance.now()
  if (pending <= 0) {
    pendingSince = null
    return
  }
  pendingSince ??= now
  if (pending < threshold && now - pendingSince < maxPendingMs) return
  // Frames a reader still needs stay in the WAL: their wait starts again.
  pendingSince = now
  const started = performance.now()
  const done = checkpoint('PASSIVE')
  port.postMessage({ type: 'checkpoint', ms: performance.now() - started, log: done.log, checkpointed: done.checkpointed, busy: done.busy === 1 })
}

const timer = setInterval(() => {
  try {
    look()
  } catch (error) {
    // Another connection recovering the WAL, or holding a lock a moment: the next look tries again.
    const code = /** @type {{ code?: unknown }} */ (error).code
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return
    // The parent falls back on SQLite's checkpoints inside commits.
    clearInterval(timer)
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
    db.close()
    process.exit(1)
  }
}, everyMs)

port.on('message', (message) => {
  if (message?.type === 'stop') {
    clearInterval(timer)
    db.close()
    process.exit(0)
  }
})
