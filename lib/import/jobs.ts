import 'server-only'
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { z } from 'zod'
import {
  claimImportSlot,
  deleteImportJob,
  getImportJobView,
  getLatestImportJobView,
  type OwnerCheck,
  saveImportJob,
  touchImportJob,
} from '@/db/queries/import-jobs'
import { getEnv } from '@/lib/env'
import { isProcessAlive } from '@/lib/server-address'
import type { ImportReport } from './blogger/report'

/*
 * Imports started from the newsroom (app/api/admin/import): one at a time, each a child process
 * running the import CLI with --json, whose stdout lines (ImportEvent) update the job here.
 *
 * Every server process serves the newsroom (server.mjs runs one per core), so a job lives in the
 * database (db/queries/import-jobs.ts): whichever process answers the page's next poll sees the
 * progress and the report, and the one-at-a-time slot holds across processes. The process that
 * started the job keeps what cannot be shared (the child process, its stderr) in memory, on
 * globalThis (route handlers and pages are bundled separately, each with its own copy of this
 * module), writes the job's progress and a heartbeat, and deletes the upload when the job ends.
 * A job whose owner died counts as failed; the import's result is in the database and the CLI's
 * own output.
 */

export type ImportJobStatus = 'receiving' | 'running' | 'done' | 'failed'

/** What the admin page sees of a job (GET /api/admin/import/{id}). Never the CLI's stderr. */
export type ImportJobView = {
  id: string
  status: ImportJobStatus
  dryRun: boolean
  fileName: string
  startedAt: string
  finishedAt: string | null
  progress: {
    reading: { bytes: number; totalBytes: number; entries: number } | null
    /** Cleaning the posts' bodies, before anything is written. */
    preparing: { done: number; total: number } | null
    writing: { done: number; total: number } | null
    images: { done: number; total: number } | null
  }
  report: ImportReport | null
  /** `message` null: the import stopped without saying why (details are in the server log). */
  error: { message: string | null; line: number | null } | null
}

export type SpawnSpec = { command: string; args: string[]; cwd?: string }

/** What this process holds of a job it started. */
type Job = {
  view: ImportJobView
  userId: number
  filePath: string
  /** The last few KB of the CLI's stderr, for the server log when the import fails. */
  stderrTail: string
  /** Writes of the view, one after another, so the last one written is the last one made. */
  writes: Promise<void>
  /** A progress write waits for this timer, so a chatty CLI costs a few writes a second. */
  progressTimer: NodeJS.Timeout | null
  heartbeat: NodeJS.Timeout
  settled: Promise<void>
  settle: () => void
}

/** lib/cli/import-blogger.ts exits with 1 when it refuses the file (unreadable, malformed). */
const REFUSED_EXIT_CODE = 1
const STDERR_TAIL_CHARS = 8 * 1024
const MESSAGE_MAX_CHARS = 500
/** Finished jobs kept for the page to show; older ones are forgotten. */
const KEEP_FINISHED = 5
const PROGRESS_WRITE_MS = 250
const HEARTBEAT_MS = 5_000

type Store = { jobs: Map<string, Job> }
const STORE = Symbol.for('warta.importJobs')

function store(): Store {
  const g = globalThis as typeof globalThis & { [STORE]?: Store }
  return (g[STORE] ??= { jobs: new Map() })
}

const owners: OwnerCheck = { isAlive: isProcessAlive }

/** The folder uploads wait in while the import reads them. */
export function importsDir(): string {
  return path.join(getEnv().dataDir, 'imports')
}

/** Queues a write of the job's view as it is now. */
function persist(job: Job): Promise<void> {
  const view = structuredClone(job.view)
  job.writes = job.writes
    .then(() => saveImportJob(view))
    .catch((error: unknown) => console.error('Could not record an import job’s progress', { jobId: view.id, error }))
  return job.writes
}

function persistSoon(job: Job) {
  job.progressTimer ??= setTimeout(() => {
    job.progressTimer = null
    void persist(job)
  }, PROGRESS_WRITE_MS)
}

/**
 * Claims the single import slot before the upload is read, so a second upload is refused at once
 * rather than after hundreds of MB. Returns the running job instead when the slot is taken, by
 * this process or another.
 */
export async function reserveImport(input: { dryRun: boolean; fileName: string; userId: number }): Promise<
  { ok: true; job: ImportJobView; filePath: string } | { ok: false; running: ImportJobView }
> {
  const id = crypto.randomUUID()
  const view: ImportJobView = {
    id,
    status: 'receiving',
    dryRun: input.dryRun,
    fileName: input.fileName,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    progress: { reading: null, preparing: null, writing: null, images: null },
    report: null,
    error: null,
  }
  const claim = await claimImportSlot({ view, userId: input.userId, ownerPid: process.pid }, owners, KEEP_FINISHED)
  if (!claim.ok) return { ok: false, running: claim.running }

  // Nothing else is running, so anything left in the folder is from a process that died mid-import.
  fs.rmSync(importsDir(), { recursive: true, force: true })
  fs.mkdirSync(importsDir(), { recursive: true })

  let settle = () => {}
  const settled = new Promise<void>((resolve) => (settle = resolve))
  const job: Job = {
    view,
    userId: input.userId,
    filePath: path.join(importsDir(), `${id}.xml`),
    stderrTail: '',
    writes: Promise.resolve(),
    progressTimer: null,
    heartbeat: setInterval(() => void touchImportJob(id).catch(() => {}), HEARTBEAT_MS).unref(),
    settled,
    settle,
  }
  store().jobs.set(id, job)
  return { ok: true, job: structuredClone(view), filePath: job.filePath }
}

function stopTimers(job: Job) {
  clearInterval(job.heartbeat)
  if (job.progressTimer) clearTimeout(job.progressTimer)
  job.progressTimer = null
}

/** The upload failed or was refused: free the slot and forget the job. */
export async function abandonImport(id: string): Promise<void> {
  const job = store().jobs.get(id)
  if (!job || job.view.status !== 'receiving') return
  fs.rmSync(job.filePath, { force: true })
  stopTimers(job)
  store().jobs.delete(id)
  await job.writes
  await deleteImportJob(id)
  job.settle()
}

/** Starts the import process for a received upload and returns the job as it now stands. Progress and the outcome land on the job. */
export async function runImport(id: string, spec: SpawnSpec): Promise<ImportJobView> {
  const job = store().jobs.get(id)
  if (!job || job.view.status !== 'receiving') throw new Error(`Import job ${id} is not waiting to run`)
  job.view.status = 'running'
  const started = structuredClone(job.view)
  const recorded = persist(job)

  let sawReport = false
  let sawError = false
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'] })

  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    job.stderrTail = (job.stderrTail + chunk).slice(-STDERR_TAIL_CHARS)
  })

  const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity })
  lines.on('line', (line) => {
    const event = parseEvent(line)
    if (!event) {
      if (line.trim()) job.stderrTail = `${job.stderrTail}\n[stdout] ${line}`.slice(-STDERR_TAIL_CHARS)
      return
    }
    if (event.type === 'progress') {
      if (event.phase === 'reading') job.view.progress.reading = { bytes: event.bytes, totalBytes: event.totalBytes, entries: event.entries }
      else job.view.progress[event.phase] = { done: event.done, total: event.total }
      persistSoon(job)
    } else if (event.type === 'report') {
      sawReport = true
      job.view.report = event.report as ImportReport
    } else {
      sawError = true
      job.view.error = { message: cleanMessage(event.message), line: event.line }
    }
  })

  let finished = false
  const finish = (outcome: { code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }) => {
    if (finished) return
    finished = true
    const ok = outcome.code === 0 && sawReport && !sawError
    job.view.status = ok ? 'done' : 'failed'
    job.view.finishedAt = new Date().toISOString()
    if (!ok) {
      job.view.report = null
      // Exit code 1 is the CLI refusing the file, with a message meant for people (and the XML
      // line). Anything else is unexpected: its message may be internals, so the log gets it.
      const cliMessage = job.view.error?.message ?? null
      if (outcome.code !== REFUSED_EXIT_CODE || !job.view.error) job.view.error = { message: null, line: null }
      // A refused file is the uploader's problem, shown to them; only the unexpected is an error.
      const log = outcome.code === REFUSED_EXIT_CODE && job.view.error?.message ? console.info : console.error
      log(outcome.code === REFUSED_EXIT_CODE ? 'Blogger import refused the file' : 'Blogger import failed', {
        message: cliMessage,
        jobId: job.view.id,
        userId: job.userId,
        code: outcome.code,
        signal: outcome.signal,
        error: outcome.spawnError,
        stderr: job.stderrTail,
      })
    }
    stopTimers(job)
    const written = persist(job)
    fs.rm(job.filePath, { force: true }, (error) => {
      if (error) console.error('Could not delete an import upload', { jobId: job.view.id, file: job.filePath, error })
      void written.then(() => {
        store().jobs.delete(job.view.id)
        job.settle()
      })
    })
  }
  child.on('error', (spawnError) => finish({ code: null, signal: null, spawnError }))
  // 'close' waits for stdout to end, so every line has been read by then.
  child.on('close', (code, signal) => finish({ code, signal }))
  // Every process answers the page's next poll from the database: it must say "running" by then.
  await recorded
  return started
}

export async function getImportJob(id: string): Promise<ImportJobView | null> {
  return getImportJobView<ImportJobView>(id, owners)
}

/** The running import, or else the one that finished last: what the import page opens with. */
export async function getLatestImportJob(): Promise<ImportJobView | null> {
  return getLatestImportJobView<ImportJobView>(owners)
}

/** Resolves once a job this process started has ended, its upload is deleted and its outcome recorded (for tests and shutdown). */
export async function whenImportSettles(id: string): Promise<ImportJobView | null> {
  const job = store().jobs.get(id)
  if (job) await job.settled
  return getImportJob(id)
}

/** The CLI's message is shown to the admin: one line, bounded, never a stack trace. */
function cleanMessage(message: string): string {
  const first = message.split('\n', 1)[0]!.trim()
  return first.length > MESSAGE_MAX_CHARS ? `${first.slice(0, MESSAGE_MAX_CHARS - 1)}…` : first
}

const count = z.number().int().nonnegative()
const eventSchema = z.union([
  z.object({ type: z.literal('progress'), phase: z.literal('reading'), bytes: count, totalBytes: count, entries: count }),
  z.object({ type: z.literal('progress'), phase: z.enum(['preparing', 'writing', 'images']), done: count, total: count }),
  // The report's shape is the CLI's contract (report.ts); the page reads it defensively.
  z.object({ type: z.literal('report'), report: z.looseObject({ posts: z.looseObject({}), dryRun: z.boolean() }) }),
  z.object({ type: z.literal('error'), message: z.string(), line: z.number().int().positive().nullable().catch(null) }),
])

function parseEvent(line: string) {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    return null
  }
  const parsed = eventSchema.safeParse(json)
  return parsed.success ? parsed.data : null
}
