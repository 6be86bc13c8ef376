import 'server-only'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { getDb } from '@/db'
import { getEnv } from '@/lib/env'

/** One statement for the read worker: its rows come back as objects, or as first-column values with `pluck`. */
export type ReadStatement = { sql: string; params: ReadonlyArray<string | number | null>; pluck?: boolean }

/** The worker refused or failed a statement; `code` is SQLite's (e.g. SQLITE_ERROR), when it has one. */
export class ReadQueryError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message)
    this.name = 'ReadQueryError'
  }
}

/** More batches are waiting than the worker can answer in reasonable time: the caller says "try again". */
export class ReadPoolBusyError extends Error {
  constructor() {
    super('The read worker has too many batches waiting')
    this.name = 'ReadPoolBusyError'
  }
}

// One worker per server process: the reads it serves are bounded (ADR 008), so a queue drains in
// milliseconds, and every extra thread costs memory on a small server. Past this many waiting
// batches, new ones are refused rather than queued for seconds.
const MAX_WAITING = 64

type Pending = { resolve: (results: unknown[][]) => void; reject: (error: Error) => void }
type Reply = { id: number; results?: unknown[][]; error?: { message: string; code?: string } }

let worker: Worker | null = null
const pending = new Map<number, Pending>()
let nextId = 1

function failAll(error: Error) {
  for (const p of pending.values()) p.reject(error)
  pending.clear()
}

function getWorker(): Worker {
  if (worker) return worker
  // The main connection opens (and if need be creates) the file in WAL mode first: a read-only
  // connection cannot set the journal mode itself.
  getDb()
  // turbopackIgnore: a file read from disk at run time, not a module for the build to bundle.
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'read-worker.mjs')
  const created = new Worker(file, { workerData: { file: getEnv().databasePath } })
  // An idle worker must not keep a CLI or a test process alive; a busy one must.
  created.unref()
  created.on('message', (reply: Reply) => {
    const p = pending.get(reply.id)
    if (!p) return
    pending.delete(reply.id)
    if (pending.size === 0) created.unref()
    if (reply.error) p.reject(new ReadQueryError(reply.error.message, reply.error.code))
    else p.resolve(reply.results ?? [])
  })
  created.on('error', (error) => {
    console.error('db/read-pool: the read worker failed', error)
    if (worker === created) worker = null
    failAll(error instanceof Error ? error : new Error(String(error)))
  })
  created.on('exit', (code) => {
    if (worker === created) worker = null
    failAll(new Error(`The read worker exited with code ${code}`))
  })
  worker = created
  return created
}

/**
 * Runs read-only statements on a worker thread with its own connection, in order, and resolves
 * with each statement's rows. The event loop stays free however long they take. Rejects with
 * ReadQueryError when SQLite refuses a statement (writes included: the connection is read-only)
 * and with ReadPoolBusyError when too many batches are already waiting.
 */
export function readBatch(batch: ReadStatement[]): Promise<unknown[][]> {
  if (pending.size >= MAX_WAITING) return Promise.reject(new ReadPoolBusyError())
  const target = getWorker()
  const id = nextId++
  return new Promise((resolve, reject) => {
    if (pending.size === 0) target.ref()
    pending.set(id, { resolve, reject })
    target.postMessage({ id, batch })
  })
}
