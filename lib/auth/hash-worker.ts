import { Worker } from 'node:worker_threads'

/**
 * bcrypt off the event loop. bcryptjs is pure JavaScript: at cost 12 one check is hundreds of
 * milliseconds of CPU, and its "async" API only slices that into 100 ms pieces on the same
 * thread (24 parallel sign-ins stalled an unrelated request for 9.7 s). Here every hash and
 * compare runs on a worker thread, one at a time; the event loop only posts messages. A bounded
 * queue turns a flood into quick refusals instead of a growing backlog.
 *
 * Two threads per process, each started when first needed (ADR 025): `staff` (the newsroom's own
 * people: a sign-in from a known device, a password set by a signed-in person, the setup and the
 * CLI) and `stranger` (every other sign-in), each with its own queue and bound, so a flood of
 * guesses neither delays nor refuses the reporter's own sign-in. On Linux the strangers' thread
 * lowers its own scheduling priority (10 nice levels below the process): when the cores are busy,
 * readers' pages, the newsroom and the staff's checks come first, and the guesses take what is
 * left; a stranger's check that has waited 10 s for its turn is answered "busy" instead.
 *
 * The worker is evaluated from source, not bundled: it loads bcryptjs from the project's
 * node_modules (the server runs from the project folder, as `npm start` and the tests do).
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { createRequire } = require('node:module')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const bcrypt = createRequire(path.join(process.cwd(), 'package.json'))('bcryptjs')
let thread = null
try {
  // Linux: this thread's own id (/proc/thread-self is a link to <pid>/task/<tid>), whose nice
  // value is this thread's alone; lowered from the process's own, whatever that is.
  thread = Number(fs.readlinkSync('/proc/thread-self').split('/').pop())
  if (workerData.nice) os.setPriority(thread, Math.min(19, os.getPriority(thread) + workerData.nice))
} catch {}
parentPort.postMessage({ started: true, thread })
parentPort.on('message', (job) => {
  // Waited too long for its turn: its sign-in is answered "busy, try again" instead of later still.
  if (job.deadline !== null && performance.timeOrigin + performance.now() > job.deadline) {
    parentPort.postMessage({ id: job.id, busy: true })
    return
  }
  try {
    const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash)
    parentPort.postMessage({ id: job.id, result })
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) })
  }
})
`

/** More checks than this waiting for one thread: refuse at once (the caller says "try again"). */
export const MAX_QUEUED = 32

/** Whose check it is: the newsroom's own people and strangers each have a thread (see above). */
export type HashLane = 'staff' | 'stranger'

export class HashingBusy extends Error {
  constructor() {
    super('Too many password checks waiting')
    this.name = 'HashingBusy'
  }
}

type Job = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string }
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

/** How much lower than the process the strangers' thread runs (nice, Linux): CFS gives it about a tenth of a busy core. */
const STRANGER_NICE = 10
/**
 * The longest a stranger's check waits for its turn before its sign-in is answered "busy": at a
 * low priority on busy cores, 32 checks waiting would otherwise mean a minute. Staff checks wait.
 */
export const STRANGER_MAX_WAIT_MS = 10_000

export class HashWorker {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  /** The thread's id on Linux, once it has started (for the tests' check of its priority). */
  thread: number | null = null

  constructor(
    private readonly lane: HashLane,
    private readonly maxWaitMs: number | null = lane === 'stranger' ? STRANGER_MAX_WAIT_MS : null,
  ) {}

  run(job: Job): Promise<unknown> {
    if (this.pending.size >= MAX_QUEUED) return Promise.reject(new HashingBusy())
    const worker = (this.worker ??= this.start())
    const id = this.nextId++
    // The clock both threads read alike (Date may be another's: tests fake it).
    const deadline = this.maxWaitMs === null ? null : performance.timeOrigin + performance.now() + this.maxWaitMs
    return new Promise((resolve, reject) => {
      // Held only while work is queued: an idle worker never keeps a CLI process alive.
      if (this.pending.size === 0) worker.ref()
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ ...job, id, deadline })
    })
  }

  /** Ends the thread (its waiting checks fail); the next check starts a new one. */
  async stop(): Promise<void> {
    await this.worker?.terminate()
  }

  private start(): Worker {
    const worker = new Worker(SOURCE, {
      eval: true,
      name: `warta-password-hashing-${this.lane}`,
      workerData: { nice: this.lane === 'stranger' ? STRANGER_NICE : 0 },
    })
    worker.unref()
    worker.on('message', (message: { id: number; result?: unknown; error?: string; busy?: true } | { started: true; thread: number | null }) => {
      if ('started' in message) {
        this.thread = message.thread
        return
      }
      const job = this.pending.get(message.id)
      if (!job) return
      this.pending.delete(message.id)
      if (this.pending.size === 0) worker.unref()
      if (message.busy) job.reject(new HashingBusy())
      else if (message.error !== undefined) job.reject(new Error(message.error))
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

// One pair per process, even when the module is bundled into several server chunks.
const KEY = Symbol.for('warta.hashWorkers')
const g = globalThis as typeof globalThis & { [KEY]?: Record<HashLane, HashWorker> }

/** The thread that checks `lane`'s passwords in this process. */
export function hashWorker(lane: HashLane): HashWorker {
  const workers = (g[KEY] ??= { staff: new HashWorker('staff'), stranger: new HashWorker('stranger') })
  return workers[lane]
}

/** A new hash: only ever made for the newsroom's own people (a signed-in person, the setup, the CLI). */
export async function bcryptHash(password: string, cost: number): Promise<string> {
  return (await hashWorker('staff').run({ op: 'hash', password, cost })) as string
}

export async function bcryptCompare(password: string, hash: string, lane: HashLane): Promise<boolean> {
  return (await hashWorker(lane).run({ op: 'compare', password, hash })) === true
}
