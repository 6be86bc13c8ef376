import 'server-only'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { getDialect, getWriteClient } from '@/db'
import { getEnv } from '@/lib/env'

/*
 * Checkpoints of the SQLite WAL off the event loop (docs/decisions/027-checkpoints-off-the-loop.md).
 *
 * SQLite checkpoints inside every commit that leaves the WAL at `wal_autocheckpoint` frames or
 * more (1,000, about 4 MB): that commit's caller copies the new frames into the database file and
 * syncs both files before it returns, on its event loop. The sync writes back every dirty page of
 * the file, whoever dirtied it. And the WAL starts again from its beginning only when no reader
 * is using it, which on a site being read is seldom: past 1,000 frames it stays there, and every
 * commit checkpoints. During an import in another process, each of a server's saves and sign-ins
 * copied and synced the import's latest pages, holding that server's event loop up to 190 ms.
 *
 * A server process turns the automatic checkpoint off on its write connection and leaves
 * checkpoints to a thread of its own (db/checkpoint-worker.mjs), which looks at the WAL every
 * `everyMs` and checkpoints once `threshold` frames are waiting to be copied, or once any have
 * waited `maxPendingMs`. Should the thread fail, the connection gets its automatic checkpoint back.
 *
 * Per process, on globalThis: Next bundles this module into more than one chunk.
 */

export type CheckpointStats = {
  /** Checkpoints the thread ran. */
  count: number
  /** Of them, those another connection's checkpoint made wait for the next look. */
  busy: number
  longestMs: number
  totalMs: number
}

export type CheckpointerOptions = {
  /** How often the thread looks at the WAL (ms). */
  everyMs?: number
  /** Frames not yet in the database file that start a checkpoint; default the connection's `wal_autocheckpoint`. */
  threshold?: number
  /** How long (ms) fewer frames may wait before a checkpoint syncs them to disk all the same. */
  maxPendingMs?: number
}

type Running = { worker: Worker; client: ReturnType<typeof getWriteClient>; threshold: number; stopping: boolean; stats: CheckpointStats }

const STATE = Symbol.for('warta.checkpointer')
const g = globalThis as typeof globalThis & { [STATE]?: Running | null }

// server.mjs reports them with each process's event-loop figures (WARTA_STATS_FILE, bench:load).
const REPORT = Symbol.for('warta.checkpointStats')
;(globalThis as Record<symbol, unknown>)[REPORT] = {
  read: () => checkpointStats(),
  reset: () => {
    if (g[STATE]) g[STATE].stats = { count: 0, busy: 0, longestMs: 0, totalMs: 0 }
  },
}

const SQLITE_DEFAULT_THRESHOLD = 1000
const DEFAULT_EVERY_MS = 100
const DEFAULT_MAX_PENDING_MS = 1000

/** Whether a checkpoint thread runs in this process (the Slicer then leaves checkpoints to it). */
export function checkpointsOffLoop(): boolean {
  return Boolean(g[STATE] && !g[STATE].stopping)
}

/** What this process's checkpoint thread did since it started; null without one. */
export function checkpointStats(): CheckpointStats | null {
  return g[STATE] ? { ...g[STATE].stats } : null
}

/**
 * Starts this process's checkpoint thread and turns SQLite's checkpoints inside commits off on the
 * write connection. SQLite only (PostgreSQL checkpoints on its own); once per process.
 */
export function startCheckpointer(options: CheckpointerOptions = {}): void {
  if (getDialect() !== 'sqlite' || g[STATE]) return
  const client = getWriteClient()
  const own = client.pragma('wal_autocheckpoint', { simple: true }) as number
  const threshold = options.threshold ?? (own > 0 ? own : SQLITE_DEFAULT_THRESHOLD)
  // turbopackIgnore: a file read from disk at run time, not a module for the build to bundle.
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'checkpoint-worker.mjs')
  const worker = new Worker(file, {
    workerData: { file: getEnv().databasePath, threshold, everyMs: options.everyMs ?? DEFAULT_EVERY_MS, maxPendingMs: options.maxPendingMs ?? DEFAULT_MAX_PENDING_MS },
  })
  // It must not keep a CLI or a test process alive.
  worker.unref()
  const running: Running = { worker, client, threshold, stopping: false, stats: { count: 0, busy: 0, longestMs: 0, totalMs: 0 } }
  g[STATE] = running
  client.pragma('wal_autocheckpoint = 0')

  const fallBack = (why: string) => {
    // Stopped on purpose (stopCheckpointer() cleared the state), or already fallen back.
    if (g[STATE] !== running) return
    g[STATE] = null
    console.error(`The WAL checkpoint thread stopped (${why}); SQLite checkpoints inside commits again.`)
    // A closed connection's successor starts with SQLite's own setting.
    if (client.open) client.pragma(`wal_autocheckpoint = ${threshold}`)
  }
  worker.on('message', (message: { type: string; ms?: number; busy?: boolean; message?: string }) => {
    if (message.type === 'checkpoint') {
      const ms = message.ms ?? 0
      running.stats.count += 1
      if (message.busy) running.stats.busy += 1
      running.stats.totalMs += ms
      running.stats.longestMs = Math.max(running.stats.longestMs, ms)
    } else if (message.type === 'failed') fallBack(message.message ?? 'failed')
  })
  worker.on('error', (error) => fallBack(error instanceof Error ? error.message : String(error)))
  worker.on('exit', (code) => fallBack(`exit code ${code}`))
}

/** Stops the thread and gives the write connection SQLite's checkpoints back (tests, shutdown). */
export async function stopCheckpointer(): Promise<void> {
  const running = g[STATE]
  if (!running) return
  running.stopping = true
  g[STATE] = null
  if (running.client.open) running.client.pragma(`wal_autocheckpoint = ${running.threshold}`)
  const exited = new Promise<void>((resolve) => running.worker.once('exit', () => resolve()))
  running.worker.postMessage({ type: 'stop' })
  await exited
}
