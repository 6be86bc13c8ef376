import { Worker } from 'node:worker_threads'

/**
 * bcrypt off the event loop. bcryptjs is pure JavaScript: at cost 12 one check is hundreds of
 * milliseconds of CPU, and its "async" API only slices that into 100 ms pieces on the same
 * thread (24 parallel sign-ins stalled an unrelated request for 9.7 s). Here every hash and
 * compare runs on one worker thread per process, one at a time; the event loop only posts
 * messages. A bounded queue turns a flood into quick refusals instead of a growing backlog.
 *
 * The worker is evaluated from source, not bundled: it loads bcryptjs from the project's
 * node_modules (the server runs from the project folder, as `npm start` and the tests do).
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const { createRequire } = require('node:module')
const path = require('node:path')
const bcrypt = createRequire(path.join(process.cwd(), 'package.json'))('bcryptjs')
parentPort.on('message', (job) => {
  try {
    const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash)
    parentPort.postMessage({ id: job.id, result })
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) })
  }
})
`

/** More checks than this waiting in one process: refuse at once (the caller says "try again"). */
export const MAX_QUEUED = 32

export class HashingBusy extends Error {
  constructor() {
    super('Too many password checks waiting')
    this.name = 'HashingBusy'
  }
}

type Job = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string }
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

class HashWorker {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  run(job: Job): Promise<unknown> {
    if (this.pending.size >= MAX_QUEUED) return Promise.reject(new HashingBusy())
    const worker = (this.worker ??= this.start())
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      // Held only while work is queued: an idle worker never keeps a CLI process alive.
      if (this.pending.size === 0) worker.ref()
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ ...job, id })
    })
  }

  private start(): Worker {
    const worker = new Worker(SOURCE, { eval: true, name: 'warta-password-hashing' })
    worker.unref()
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const job = this.pending.get(message.id)
      if (!job) return
      this.pending.delete(message.id)
      if (this.pending.size === 0) worker.unref()
      if (message.error !== undefined) job.reject(new Error(message.error))
      else job.resolve(message.result)
    })
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined
      for (const job of this.pending.values()) job.reject(error)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`The password hashing worker exited (${code})`)))
    return worker
  }
}

// One per process, even when the module is bundled into several server chunks.
const KEY = Symbol.for('warta.hashWorker')
const g = globalThis as typeof globalThis & { [KEY]?: HashWorker }

function pool(): HashWorker {
  return (g[KEY] ??= new HashWorker())
}

export async function bcryptHash(password: string, cost: number): Promise<string> {
  return (await pool().run({ op: 'hash', password, cost })) as string
}

export async function bcryptCompare(password: string, hash: string): Promise<boolean> {
  return (await pool().run({ op: 'compare', password, hash })) === true
}
