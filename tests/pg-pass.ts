/**
 * `npm run test:pg`, the last step of `npm test`: the unit suite and the whole e2e suite again,
 * on PostgreSQL + Redis (docs/decisions/019-dialect-seam.md, 018-shared-caching.md). Needs a
 * PostgreSQL (TEST_DATABASE_URL, an admin connection; default the local trust-auth superuser)
 * and a Redis (TEST_REDIS_URL; default the local one). Where either does not answer, prints one
 * line and exits 0: SQLite is the default, and a contributor's machine may have neither. The e2e
 * servers reuse the build of the SQLite pass (the build reads no data: db/index.ts), each on a
 * database of its own, dropped with this run's Redis keys when the run ends.
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

function redact(url: string): string {
  const u = new URL(url)
  if (u.password) u.password = '***'
  return u.toString()
}

/** Null when PostgreSQL answers, else why not (refused, or a password it did not take). */
async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return null
  } catch (error) {
    return `no PostgreSQL at ${redact(PG_URL)} (${(error as Error).message || (error as Error).name})`
  } finally {
    await client.end().catch(() => {})
  }
}

async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {})
  try {
    await probe.connect()
    return (await probe.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
}

function step(name: string, command: string, args: string[], env: Record<string, string>): { name: string; ok: boolean; seconds: number } {
  const started = Date.now()
  console.log(`\n== PostgreSQL pass: ${name} ==`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return { name, ok: result.status === 0, seconds: Math.round((Date.now() - started) / 1000) }
}

/** "file › test name" of every failed test in vitest's JSON report (empty when it has none). */
function failedUnitTests(report: string): string[] {
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      testResults?: { name: string; status: string; message?: string; assertionResults?: { fullName: string; status: string }[] }[]
    }
    return (json.testResults ?? []).flatMap((file) => {
      const where = path.relative(process.cwd(), file.name)
      const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => `${where} › ${a.fullName}`)
      // A file that failed before its tests ran (an import error, a failed beforeAll) lists none.
      return failed.length || file.status !== 'failed' ? failed : [`${where} › ${file.message?.split('\n')[0] ?? 'failed'}`]
    })
  } catch {
    return []
  } finally {
    fs.rmSync(report, { force: true })
  }
}

async function main() {
  const [pgProblem, onRedis] = await Promise.all([postgresProblem(), redisAnswers()])
  if (pgProblem || !onRedis) {
    const missing = [pgProblem, !onRedis && `no Redis at ${REDIS_URL}`].filter(Boolean).join(', ')
    console.log(`PostgreSQL suite skipped: ${missing}. Start PostgreSQL 15+ and Redis (or set TEST_DATABASE_URL/TEST_REDIS_URL) and run \`npm run test:pg\`.`)
    return
  }
  // Only a-z0-9: it names this run's databases (e2e/support/database.ts).
  const run = crypto.randomBytes(4).toString('hex')
  // The unit suite's failures are printed again at the end: the e2e suite's output comes after
  // them, and a CI log shows only its tail.
  const report = path.join(os.tmpdir(), `warta-pg-unit-${run}.json`)
  const results = [
    step('unit suite', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { TEST_DIALECT: 'postgres' }),
  ]
  const unitFailures = failedUnitTests(report)
  try {
    results.push(step('e2e suite', 'npx', ['playwright', 'test'], { E2E_DIALECT: 'postgres', E2E_RUN: run }))
  } finally {
    const { dropRun } = await import('../e2e/support/database')
    await dropRun(run)
  }
  if (unitFailures.length) console.log(`\nPostgreSQL pass, unit tests that failed:\n${unitFailures.map((f) => `  ${f}`).join('\n')}`)
  console.log(`\nPostgreSQL pass: ${results.map((r) => `${r.name} ${r.ok ? 'passed' : 'FAILED'} (${r.seconds} s)`).join(', ')}`)
  if (results.some((r) => !r.ok)) process.exit(1)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
