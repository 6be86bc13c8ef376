import { Worker } from 'node:worker_threads'

/**
 * bcrypt off the event loop. bcryptjs is pure JavaScript: at cost 12 one check is hundreds of
 * milliseconds of CPU, and its "async" API only slices that into 100 ms pieces on the same
 * thread (24 parallel sign-ins stalled an unrelated request for 9.7 s). Here every hash and
 * compare runs on one worker thread per process, one at a time; the event loop only posts
 * messages. A bounded queue turns a flood into quick refusals instead of a growing backlog.
 *
 * Two lanes (ADR 025): `staff` (the newsroom's own people: a sign-in from a known device, a
 * password set by a signed-in person, the setup and the CLI) goes before `stranger` (every other
 * sign-in), and each has its own bound, so a flood of guesses neither delays nor refuses the
 * reporter's own sign-in beyond the one check in progress. The worker picks its next job only
 * after the messages that arrived during the last one are in its lanes (setImmediate runs after
 * the poll phase that delivers them).
 *
 * The worker is evaluated from source, not bundled: it loads bcryptjs from the project's
 * node_modules (the server runs from the project folder, as `npm start` and the tests do).
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const { createRequire } = require('node:module')
const path = require('node:path')
const bcrypt = createRequire(path.join(process.cwd(), 'package.json'))('bcryptjs')
const lanes = { staff: [], stranger: [] }
let scheduled = false
function schedule() {
  if (scheduled || (lanes.staff.length === 0 && lanes.stranger.length === 0)) return
  scheduled = true
  setImmediate(next)
}
function next() {
  scheduled = false
  const job = lanes.staff.length > 0 ? lanes.staff.shift() : lanes.stranger.shift()
  try {
    const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash)
    parentPort.postMessage({ id: job.id, result })
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) })
  }
  schedule()
}
parentPort.on('message', (job) => {
  lanes[job.lane === 'staff' ? 'staff' : 'stranger'].push(job)
  schedule()
})
`

/** More checks than this waiting in one lane of one process: refuse at once (the caller says "try again"). */
export const MAX_QUEUED = 32

/** Whose check it is: the newsroom's own people go first (see above). */
export type HashLane = 'staff' | 'stranger'

export class HashingBusy extends Error {
  constructor() {
    super('Too many password checks waiting')
    this.name = 'HashingBusy'
  }
}

type Job = ({ op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string }) & { lane: HashLane }
type Pending = { lane: HashLane; resolve: (value: unknown) => void; reject: (error: Error) => void }

class HashWorker {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private readonly waiting: Record<HashLane, number> = { staff: 0, stranger: 0 }
  private nextId = 1

  run(job: Job): Promise<unknown> {
    if (this.waiting[job.lane] >= MAX_QUEUED) return Promise.reject(new HashingBusy())
    const worker = (this.worker ??= this.start())
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      // Held only while work is queued: an idle worker never keeps a CLI process alive.
      if (this.pending.size === 0) worker.ref()
      this.pending.set(id, { lane: job.lane, resolve, reject })
      this.waiting[job.lane] += 1
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
      this.waiting[job.lane] -= 1
      if (this.pending.size === 0) worker.unref()
      if (message.error !== undefined) job.reject(new Error(message.error))
      else job.resolve(message.result)
    })
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined
      for (const job of this.pending.values()) job.reject(error)
      this.pending.clear()
      this.waiting.staff = 0
      this.waiting.stranger = 0
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

/** A new hash: only ever made for the newsroom's own people (a signed-in person, the setup, the CLI). */
export async function bcryptHash(password: string, cost: number): Promise<string> {
  return (await pool().run({ op: 'hash', password, cost, lane: 'staff' })) as string
}

export async function bcryptCompare(password: string, hash: string, lane: HashLane): Promise<boolean> {
  return (await pool().run({ op: 'compare', password, hash, lane })) === true
}
