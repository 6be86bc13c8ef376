import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { closeReadConnection, readActiveJournal, withoutMigrationsTable, withoutNewestMigration } from '@/tests/migrations'
import { openTestRedis } from '@/tests/redis'
import { databaseCheck, type HealthCheck, logHealthReport, migrationsCheck, runHealthChecks } from './health'

const redis = await openTestRedis('lib/health.test.ts')
afterAll(() => redis?.cleanup())

const pass = (name: string): HealthCheck => ({ name, run: () => undefined })

describe('runHealthChecks', () => {
  it('is ok when every check passes, with a result per check', async () => {
    const report = await runHealthChecks([pass('a'), { name: 'b', run: async () => 'PONG' }])
    expect(report.ok).toBe(true)
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['a', true],
      ['b', true],
    ])
  })

  it('fails when one check throws, synchronously or not, and names it', async () => {
    const report = await runHealthChecks([
      pass('a'),
      {
        name: 'sync',
        run: () => {
          throw new Error('disk I/O error')
        },
      },
      { name: 'async', run: async () => Promise.reject(new Error('ECONNREFUSED')) },
    ])
    expect(report.ok).toBe(false)
    expect(report.checks.find((c) => c.name === 'a')?.ok).toBe(true)
    expect(report.checks.find((c) => c.name === 'sync')).toMatchObject({ ok: false, error: 'Error: disk I/O error' })
    expect(report.checks.find((c) => c.name === 'async')).toMatchObject({ ok: false, error: 'Error: ECONNREFUSED' })
  })

  it('fails a check that does not answer within its timeout, and aborts it', async () => {
    let signal: AbortSignal | undefined
    const started = performance.now()
    const report = await runHealthChecks([
      pass('quick'),
      {
        name: 'hung',
        timeoutMs: 50,
        run: (s) => {
          signal = s
          return new Promise(() => {})
        },
      },
    ])
    expect(performance.now() - started).toBeLessThan(1000)
    expect(report.ok).toBe(false)
    expect(report.checks.find((c) => c.name === 'hung')).toMatchObject({ ok: false, error: 'HealthCheckTimeout: no answer within 50 ms' })
    expect(signal?.aborted).toBe(true)
  })

  it('fails a synchronous check that answered, but too late', async () => {
    const report = await runHealthChecks([
      {
        name: 'slow',
        timeoutMs: 5,
        run: () => {
          for (const until = performance.now() + 20; performance.now() < until; );
        },
      },
    ])
    expect(report.checks[0]).toMatchObject({ ok: false, error: 'HealthCheckTimeout: no answer within 5 ms' })
  })
})

describe('migrationsCheck', () => {
  it('passes on a database with every migration of its journal applied', async () => {
    expect((await runHealthChecks([migrationsCheck()])).ok).toBe(true)
  })

  it('fails, naming the first missing migration, when one has not been applied', async () => {
    let error: string | undefined
    const newest = await withoutNewestMigration(async () => {
      error = (await runHealthChecks([migrationsCheck()])).checks[0]!.error
    })
    expect(error).toContain(`1 of ${(await readActiveJournal()).length} migrations not applied (first: ${newest.tag})`)
    // Put back: passes again.
    expect((await runHealthChecks([migrationsCheck()])).ok).toBe(true)
  })

  it('fails when no migration ever ran (no drizzle table)', async () => {
    await withoutMigrationsTable(async (missingTable) => {
      const report = await runHealthChecks([migrationsCheck()])
      expect(report.checks[0]).toMatchObject({ ok: false })
      expect(report.checks[0]!.error).toMatch(missingTable)
    })
  })

  it('passes when the database has migrations newer than this code (a rolling deploy)', async () => {
    const check = migrationsCheck({ readJournal: async () => [{ tag: '0000_a', when: 1 }], readApplied: async () => [1, 2] })
    expect((await runHealthChecks([check])).ok).toBe(true)
  })

  it('fails when the journal cannot be read, and reads it again next time', async () => {
    const readJournal = vi.fn().mockRejectedValueOnce(new Error('ENOENT')).mockResolvedValue([{ tag: '0000_a', when: 1 }])
    const check = migrationsCheck({ readJournal, readApplied: async () => [1] })
    expect((await runHealthChecks([check])).checks[0]).toMatchObject({ ok: false, error: 'Error: ENOENT' })
    expect((await runHealthChecks([check])).ok).toBe(true)
    expect((await runHealthChecks([check])).ok).toBe(true)
    expect(readJournal).toHaveBeenCalledTimes(2)
  })
})

describe('logHealthReport', () => {
  const failing = { ok: false, checks: [{ name: 'database', ok: false, ms: 1, error: 'x' }] }
  const ok = { ok: true, checks: [{ name: 'database', ok: true, ms: 1 }] }

  it('logs when checks start failing, once a minute while they keep failing, and once on recovery', () => {
    const log = vi.fn()
    logHealthReport(ok, 0, log)
    expect(log).not.toHaveBeenCalled()
    logHealthReport(failing, 1_000, log)
    logHealthReport(failing, 3_000, log)
    expect(log).toHaveBeenCalledTimes(1)
    expect(log.mock.calls[0]![0]).toBe('Health check failing (database): answering 503')
    logHealthReport(failing, 62_000, log)
    expect(log).toHaveBeenCalledTimes(2)
    logHealthReport(ok, 63_000, log)
    logHealthReport(ok, 64_000, log)
    expect(log).toHaveBeenCalledTimes(3)
    expect(log.mock.calls[2]![0]).toBe('Health check: all checks pass again')
  })
})

// Last: it closes this file's connection.
describe('databaseCheck', () => {
  it('passes while the database answers and fails once it does not', async () => {
    expect((await runHealthChecks([databaseCheck])).ok).toBe(true)
    const closed = await closeReadConnection()
    const report = await runHealthChecks([databaseCheck])
    expect(report.ok).toBe(false)
    expect(report.checks[0]!.error).toMatch(closed)
  })
})

describe('the Redis check', () => {
  const saved = process.env.REDIS_URL

  async function healthModule(url: string | undefined) {
    if (url === undefined) delete process.env.REDIS_URL
    else process.env.REDIS_URL = url
    vi.resetModules()
    return { health: await import('./health'), client: await import('@/lib/redis/client') }
  }

  afterEach(async () => {
    const { closeRedis } = await import('@/lib/redis/client')
    await closeRedis()
    if (saved === undefined) delete process.env.REDIS_URL
    else process.env.REDIS_URL = saved
    vi.resetModules()
  })

  it('is not asked without REDIS_URL', async () => {
    const { health } = await healthModule(undefined)
    expect(health.healthChecks().map((c) => c.name)).toEqual(['database', 'migrations'])
  })

  it('fails the answer when REDIS_URL is set and Redis does not answer', async () => {
    const { health, client } = await healthModule('redis://127.0.0.1:1')
    expect(health.healthChecks().map((c) => c.name)).toEqual(['database', 'migrations', 'redis'])
    await new Promise((resolve) => client.getRedis()!.once('error', resolve))
    const report = await health.runHealthChecks(health.healthChecks())
    expect(report.ok).toBe(false)
    expect(report.checks.find((c) => c.name === 'redis')).toMatchObject({ ok: false })
  })

  it.skipIf(!redis)('passes while Redis answers', async () => {
    const { health } = await healthModule(redis!.url)
    const report = await health.runHealthChecks(health.healthChecks())
    // Only this check: an earlier test closed the database connection this process keeps.
    expect(report.checks.find((c) => c.name === 'redis')).toMatchObject({ ok: true })
  })
})
