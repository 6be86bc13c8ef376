import { eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getEnv } from '@/lib/env'
import { openDatabase } from './connection'
import { createTestDatabase, isPostgresReachable, type TestDatabase } from '@/tests/setup/pg-database'
import type { Db } from './connection'
import { execute, larger, onPg, queryRow, queryRows, relaxCommitDurability, searchIndexTable, smaller, sweepExpiredSql } from './dialect'
import { migratePg } from './pg/migrate'
import { createPgPool } from './pg/pool'
import * as pgSchema from './pg/schema'
import * as sqliteSchema from './schema'
import { isRetryablePgError, openTransaction, PG_ATTEMPTS, transaction } from './transaction'

/*
 * The dialect helpers (db/dialect.ts) and the transaction runner, the same checks on both
 * dialects: SQLite on the test file's database, PostgreSQL on a database of its own.
 */

const t = sqliteSchema

async function checks(db: Db) {
  const now = 1_800_000_000_000
  // A bounded sweep removes at most `limit` expired rows and no live one.
  await db.delete(t.rateLimits)
  for (let i = 0; i < 5; i++) {
    await db.insert(t.rateLimits).values({ bucket: 'dialect', key: `k${i}`, windowStart: now, count: 1, expiresAt: i < 4 ? now - 1 : now + 1 })
  }
  await execute(db, sweepExpiredSql(db, 'rate_limits', now, 3))
  expect((await db.select().from(t.rateLimits)).length).toBe(2)
  await execute(db, sweepExpiredSql(db, 'rate_limits', now, 3))
  expect((await db.select({ key: t.rateLimits.key }).from(t.rateLimits)).map((r) => r.key)).toEqual(['k4'])

  expect(await queryRow<{ a: number; b: number }>(db, sql`SELECT ${smaller(db, sql`3`, sql`5`)} AS a, ${larger(db, sql`3`, sql`5`)} AS b`)).toEqual({ a: 3, b: 5 })
  expect(await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM rate_limits`)).toEqual([{ n: 1 }])
  expect(await queryRow(db, sql`SELECT 1 AS n FROM rate_limits WHERE key = 'none'`)).toBeUndefined()

  // The search index's one-row-per-story table: one row per live story, none for a draft.
  const indexed = async () => (await queryRow<{ n: number }>(db, sql`SELECT count(article_id) AS n FROM ${searchIndexTable(db)}`))!.n
  const before = await indexed()
  const [author] = await db.insert(t.users).values({ name: 'Indeks', slug: `indeks-${Date.now()}`, role: 'reporter' }).returning({ id: t.users.id })
  const story = { authorId: author!.id, title: 'Indeks', bodyHtml: '<p>indeks</p>', pathMonth: '2024/01', publishedAt: new Date(Date.UTC(2024, 0, 2)) }
  await db.insert(t.articles).values([{ ...story, slug: `indeks-live-${Date.now()}`, status: 'published' }, { ...story, slug: `indeks-draft-${Date.now()}`, status: 'draft', pathMonth: null, publishedAt: null }])
  expect(await indexed()).toBe(before + 1)

  // One transaction: committed when the callback resolves, rolled back when it throws, joined by a nested call.
  await transaction(db, async (tx) => {
    await tx.insert(t.settings).values({ key: 'dialect.a', value: '1' })
    await transaction(db, async (inner) => {
      expect(openTransaction()).toBe(tx)
      await inner.insert(t.settings).values({ key: 'dialect.b', value: '2' })
    })
  })
  await expect(
    transaction(db, async (tx) => {
      await tx.insert(t.settings).values({ key: 'dialect.c', value: '3' })
      throw new Error('stop')
    }),
  ).rejects.toThrow('stop')
  const keys = (await db.select({ key: t.settings.key }).from(t.settings).where(sql`${t.settings.key} like 'dialect.%'`)).map((r) => r.key).sort()
  expect(keys).toEqual(['dialect.a', 'dialect.b'])
  expect(openTransaction()).toBeUndefined()
}

describe('dialect helpers on SQLite', () => {
  it('sweeps, compares, reads raw rows and runs transactions', async () => {
    // Its own connection: the file's database is PostgreSQL when the suite runs there.
    const db = openDatabase(getEnv().databasePath)
    try {
      expect(onPg(db)).toBe(false)
      await checks(db)
    } finally {
      db.$client.close()
    }
  })
})

const reachable = await isPostgresReachable('db/dialect.test.ts')

describe.skipIf(!reachable)('dialect helpers on PostgreSQL', () => {
  let database: TestDatabase
  let pool: pg.Pool
  let db: Db

  beforeAll(async () => {
    database = await createTestDatabase()
    pool = createPgPool(database.url, { max: 3 })
    await migratePg(pool)
    db = drizzle({ client: pool, schema: pgSchema }) as unknown as Db
  })

  afterAll(async () => {
    await pool?.end()
    await database?.drop()
  })

  it('sweeps, compares, reads raw rows and runs transactions', async () => {
    expect(onPg(db)).toBe(true)
    await checks(db)
  })

  it('runs a transaction again after a serialization failure, and only then', async () => {
    let attempts = 0
    const value = await transaction(db, async (tx) => {
      attempts++
      await tx.insert(t.settings).values({ key: `dialect.retry.${attempts}`, value: 'x' })
      if (attempts === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' })
      return 'done'
    })
    expect({ value, attempts }).toEqual({ value: 'done', attempts: 2 })
    // The failed attempt's row was rolled back.
    expect(await db.select().from(t.settings).where(eq(t.settings.key, 'dialect.retry.1'))).toEqual([])
    let failures = 0
    await expect(
      transaction(db, async () => {
        failures++
        throw Object.assign(new Error('not null'), { code: '23502' })
      }),
    ).rejects.toThrow('not null')
    expect(failures).toBe(1)
    expect(isRetryablePgError({ message: 'wrapped', cause: { code: '40P01' } })).toBe(true)
  })

  it('relaxes commit durability for the open transaction only', async () => {
    const setting = async (runner: Db) => (await queryRow<{ synchronous_commit: string }>(runner, sql`SHOW synchronous_commit`))!.synchronous_commit
    const inside = await transaction(db, async (tx) => {
      await relaxCommitDurability(tx as unknown as Db)
      return setting(tx as unknown as Db)
    })
    expect(inside).toBe('off')
    expect(await transaction(db, async (tx) => setting(tx as unknown as Db))).toBe('on')
  })

  it('runs a callback that cannot run twice (an import slice) once, even after a deadlock', async () => {
    let runs = 0
    const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' })
    await expect(
      transaction(
        db,
        async () => {
          runs++
          throw deadlock()
        },
        { attempts: 1 },
      ),
    ).rejects.toThrow('deadlock detected')
    expect(runs).toBe(1)
    runs = 0
    await expect(
      transaction(db, async () => {
        runs++
        throw deadlock()
      }),
    ).rejects.toThrow('deadlock detected')
    expect(runs).toBe(PG_ATTEMPTS)
  })
})
