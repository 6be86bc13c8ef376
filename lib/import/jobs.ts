import 'server-only'
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { z } from 'zod'
import { getEnv } from '@/lib/env'
import type { ImportReport } from './blogger/report'

/*
 * Imports started from the newsroom (app/api/admin/import): one at a time, each a child process
 * running the import CLI with --json, whose stdout lines (ImportEvent) update the job here.
 *
 * Jobs live in this process's memory only, on globalThis: route handlers and pages are bundled
 * separately and each bundle gets its own copy of this module, so a module-level Map would not
 * be shared. A restart forgets them, which is fine: the import's result is in the database and
 * the CLI's own output. The uploaded file is deleted when the job ends.
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

type Job = {
  view: ImportJobView
  userId: number
  filePath: string
  /** The last few KB of the CLI's stderr, for the server log when the import fails. */
  stderrTail: string
  settled: Promise<void>
  settle: () => void
}

/** lib/cli/import-blogger.ts exits with 1 when it refuses the file (unreadable, malformed). */
const REFUSED_EXIT_CODE = 1
const STDERR_TAIL_CHARS = 8 * 1024
const MESSAGE_MAX_CHARS = 500
/** Finished jobs kept for the page to show; older ones are forgotten. */
const KEEP_FINISHED = 5

type Store = { jobs: Map<string, Job> }
const STORE = Symbol.for('warta.importJobs')

function store(): Store {
  const g = globalThis as typeof globalThis & { [STORE]?: Store }
  return (g[STORE] ??= { jobs: new Map() })
}

const isActive = (job: Job) => job.view.status === 'receiving' || job.view.status === 'running'

/** The folder uploads wait in while the import reads them. */
export function importsDir(): string {
  return path.join(getEnv().dataDir, 'imports')
}

/**
 * Claims the single import slot before the upload is read, so a second upload is refused at once
 * rather than after hundreds of MB. Returns the running job instead when the slot is taken.
 */
export function reserveImport(input: { dryRun: boolean; fileName: string; userId: number }):
  | { ok: true; job: ImportJobView; filePath: string }
  | { ok: false; running: ImportJobView } {
  const { jobs } = store()
  for (const job of jobs.values()) if (isActive(job)) return { ok: false, running: snapshot(job) }

  // Nothing is running, so anything left in the folder is from a process that died mid-import.
  fs.rmSync(importsDir(), { recursive: true, force: true })
  fs.mkdirSync(importsDir(), { recursive: true })

  const id = crypto.randomUUID()
  let settle = () => {}
  const settled = new Promise<void>((resolve) => (settle = resolve))
  const job: Job = {
    view: {
      id,
      status: 'receiving',
      dryRun: input.dryRun,
      fileName: input.fileName,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: { reading: null, preparing: null, writing: null, images: null },
      report: null,
      error: null,
    },
    userId: input.userId,
    filePath: path.join(importsDir(), `${id}.xml`),
    stderrTail: '',
    settled,
    settle,
  }
  jobs.set(id, job)
  prune()
  return { ok: true, job: snapshot(job), filePath: job.filePath }
}

/** The upload failed or was refused: free the slot and forget the job. */
export function abandonImport(id: string): void {
  const job = store().jobs.get(id)
  if (!job || job.view.status !== 'receiving') return
  fs.rmSync(job.filePath, { force: true })
  store().jobs.delete(id)
  job.settle()
}

/** Starts the import process for a received upload. Progress and the outcome land on the job. */
export function runImport(id: string, spec: SpawnSpec): void {
  const job = store().jobs.get(id)
  if (!job || job.view.status !== 'receiving') throw new Error(`Import job ${id} is not waiting to run`)
  job.view.status = 'running'

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
    fs.rm(job.filePath, { force: true }, (error) => {
      if (error) console.error('Could not delete an import upload', { jobId: job.view.id, file: job.filePath, error })
      prune()
      job.settle()
    })
  }
  child.on('error', (spawnError) => finish({ code: null, signal: null, spawnError }))
  // 'close' waits for stdout to end, so every line has been read by then.
  child.on('close', (code, signal) => finish({ code, signal }))
}

export function getImportJob(id: string): ImportJobView | null {
  const job = store().jobs.get(id)
  return job ? snapshot(job) : null
}

/** The running import, or else the one that finished last: what the import page opens with. */
export function getLatestImportJob(): ImportJobView | null {
  let latest: Job | null = null
  for (const job of store().jobs.values()) {
    if (isActive(job)) return snapshot(job)
    if (!latest || job.view.startedAt >= latest.view.startedAt) latest = job
  }
  return latest ? snapshot(latest) : null
}

/** Resolves once the job has ended and its upload is deleted (for tests and shutdown). */
export async function whenImportSettles(id: string): Promise<ImportJobView | null> {
  const job = store().jobs.get(id)
  if (!job) return null
  await job.settled
  return getImportJob(id)
}

function snapshot(job: Job): ImportJobView {
  return structuredClone(job.view)
}

function prune() {
  const { jobs } = store()
  const finished = [...jobs.values()].filter((job) => !isActive(job))
  for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(job.view.id)
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
