import 'server-only'
import fs from 'node:fs/promises'
import path from 'node:path'
import { listAppliedMigrationTimes, pingDatabase } from '@/db/queries/health'
import { getDialect } from '@/db'
import { MIGRATIONS_FOLDER } from '@/db/migrate'
import { PG_MIGRATIONS_FOLDER } from '@/db/pg/migrate'
import { getEnv } from '@/lib/env'
import { pingRedis } from '@/lib/redis/client'

/*
 * What GET /api/health asks before it tells a load balancer that this server may take readers
 * (issue #12). A list of named checks, so a service the server comes to depend on (Redis) is one
 * more entry; each has a short timeout, so a hung dependency makes the answer 503 within about
 * two seconds instead of making the balancer's probe hang. What failed, and how long each check
 * took, goes to the server log only: the answer itself says "ok" or "unavailable" and no more.
 */

/** One thing the server needs. `run` throws (or rejects) when it is not there. */
export type HealthCheck = {
  name: string
  /** Default CHECK_TIMEOUT_MS. */
  timeoutMs?: number
  /** Aborted when the check times out: an async client (pg, ioredis) can give up its query. */
  run: (signal: AbortSignal) => unknown
}

export type CheckResult = { name: string; ok: boolean; ms: number; error?: string }
export type HealthReport = { ok: boolean; checks: CheckResult[] }

/**
 * Per check. Checks run side by side, so the whole answer takes at most this long (plus the
 * request's own overhead): under the 2 s most balancers give a probe by default or are told to.
 */
export const CHECK_TIMEOUT_MS = 1500

export class HealthCheckTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`)
    this.name = 'HealthCheckTimeout'
  }
}

/**
 * Runs one check against its timeout. A check that does synchronous work (better-sqlite3) cannot
 * be interrupted: it finishes first and the timeout then counts only if it took too long. A hung
 * synchronous call would hang the whole process, which a balancer's own probe timeout reports as
 * down all the same.
 */
async function runCheck(check: HealthCheck): Promise<CheckResult> {
  const timeoutMs = check.timeoutMs ?? CHECK_TIMEOUT_MS
  const controller = new AbortController()
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new HealthCheckTimeout(timeoutMs)
      controller.abort(error)
      reject(error)
    }, timeoutMs)
  })
  try {
    await Promise.race([Promise.resolve().then(() => check.run(controller.signal)), timeout])
    const ms = performance.now() - started
    if (ms > timeoutMs) throw new HealthCheckTimeout(timeoutMs)
    return { name: check.name, ok: true, ms: round(ms) }
  } catch (error) {
    return { name: check.name, ok: false, ms: round(performance.now() - started), error: describe(error) }
  } finally {
    clearTimeout(timer)
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10

function describe(error: unknown): string {
  let text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  // drizzle on PostgreSQL wraps the driver's error ("Failed query: …"): the reason is its cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null
  if (cause) text = `${text.trimEnd()} (${cause})`
  return text.slice(0, 300)
}

/** Every check, side by side; ok only when all pass. Never throws. */
export async function runHealthChecks(checks: readonly HealthCheck[]): Promise<HealthReport> {
  const results = await Promise.all(checks.map(runCheck))
  return { ok: results.every((r) => r.ok), checks: results }
}

/** The database answers a trivial statement through the process's own connection. */
export const databaseCheck: HealthCheck = { name: 'database', run: () => pingDatabase() }

export type JournalEntry = { tag: string; when: number }

/** The migrations this code ships (drizzle/meta/_journal.json): what the database must have applied. */
export async function readMigrationJournal(folder = MIGRATIONS_FOLDER): Promise<JournalEntry[]> {
  const journal = JSON.parse(await fs.readFile(path.join(/*turbopackIgnore: true*/ folder, 'meta', '_journal.json'), 'utf8')) as { entries?: unknown }
  if (!Array.isArray(journal.entries)) throw new Error('drizzle/meta/_journal.json has no entries')
  return journal.entries.map((entry: { tag?: unknown; when?: unknown }) => {
    if (typeof entry.tag !== 'string' || typeof entry.when !== 'number') throw new Error('drizzle/meta/_journal.json has a malformed entry')
    return { tag: entry.tag, when: entry.when }
  })
}

/**
 * Every migration of this code's journal is applied. drizzle records each applied migration's
 * journal `when` as `created_at`; one missing means this server runs code newer than its schema
 * (a deploy whose migrations did not run, a restore of an older database). Migrations applied
 * beyond the journal are fine: in a rolling deploy a newer server migrates first, and migrations
 * are forward-only and additive while older servers still serve.
 */
export function migrationsCheck(deps: {
  readJournal?: () => Promise<JournalEntry[]>
  readApplied?: () => Promise<number[]>
} = {}): HealthCheck {
  const readApplied = deps.readApplied ?? listAppliedMigrationTimes
  // The active dialect's journal: drizzle/ on SQLite, drizzle-pg/ on PostgreSQL.
  const loadJournal = deps.readJournal ?? (() => readMigrationJournal(getDialect() === 'postgres' ? PG_MIGRATIONS_FOLDER : MIGRATIONS_FOLDER))
  // The journal is part of the deployed code: read once per process (again only after a failure).
  let journal: Promise<JournalEntry[]> | null = null
  return {
    name: 'migrations',
    run: async () => {
      journal ??= loadJournal().catch((error: unknown) => {
        journal = null
        throw error
      })
      const [entries, applied] = await Promise.all([journal, readApplied()])
      const done = new Set(applied)
      const missing = entries.filter((entry) => !done.has(entry.when))
      if (missing.length > 0) {
        throw new Error(`${missing.length} of ${entries.length} migrations not applied (first: ${missing[0]!.tag})`)
      }
    },
  }
}

const defaultMigrationsCheck = migrationsCheck()

/**
 * The checks this server answers for: the database and its migrations, then `extra`.
 *
 * With REDIS_URL set, Redis is one more: the server shares cache expiries, rate limits and the
 * scheduler's lock through it (ADR 018), so a server that cannot reach it should leave the pool.
 */
export function healthChecks(extra: readonly HealthCheck[] = []): HealthCheck[] {
  return [databaseCheck, defaultMigrationsCheck, ...(getEnv().redisUrl ? [redisCheck] : []), ...extra]
}

/** PING through the server's own Redis client; an outage fails at once (lib/redis/client.ts). */
export const redisCheck: HealthCheck = {
  name: 'redis',
  run: async () => {
    const answered = await pingRedis(CHECK_TIMEOUT_MS - 100)
    if (answered === false) throw new Error('Redis did not answer PING')
  },
}

let lastLogged: { failing: string; at: number } | null = null
const REPEAT_LOG_MS = 60_000

/**
 * Writes what the answer leaves out to the server log: once when checks start failing (and which,
 * and how long each took), again each minute while they keep failing or the failing set changes,
 * and once when all pass again. Balancers probe every few seconds; a line per probe would bury
 * everything else.
 */
export function logHealthReport(report: HealthReport, now = Date.now(), log: (message: string, detail: unknown) => void = console.error): void {
  if (report.ok) {
    if (lastLogged) log('Health check: all checks pass again', { checks: report.checks })
    lastLogged = null
    return
  }
  const failing = report.checks
    .filter((c) => !c.ok)
    .map((c) => c.name)
    .join(',')
  if (lastLogged && lastLogged.failing === failing && now - lastLogged.at < REPEAT_LOG_MS) return
  lastLogged = { failing, at: now }
  log(`Health check failing (${failing}): answering 503`, { checks: report.checks })
}

let inFlight: Promise<HealthReport> | null = null

/**
 * The server's health, logged. Probes that arrive while a run is under way share it, so a burst
 * of balancers costs one run.
 */
export function checkServerHealth(checks: readonly HealthCheck[]): Promise<HealthReport> {
  inFlight ??= runHealthChecks(checks)
    .then((report) => {
      logHealthReport(report)
      return report
    })
    .finally(() => {
      inFlight = null
    })
  return inFlight
}
