// better-sqlite3 beside node-postgres, on a database of its own: this file runs on SQLite whatever TEST_DIALECT says.
import '@/tests/sqlite-only'
import { and, desc, eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import * as sqliteSchema from '@/db/schema'
import { createTestDatabase, isPostgresReachable, type TestDatabase } from '@/tests/setup/pg-database'
import { migratePg } from './migrate'
import { createPgPool } from './pool'
import * as pgSchema from './schema'

/*
 * The drizzle behaviour docs/decisions/019-dialect-seam.md builds the next step on, checked
 * against the installed versions: one query-builder function, written once and awaited, runs on
 * both dialects with the same TypeScript values; better-sqlite3 refuses an async transaction
 * callback while node-postgres runs one on a client of its own and rolls it back on a throw.
 */

const reachable = await isPostgresReachable('db/pg/dialect-seam.test.ts')

// The shared code is typed against the SQLite schema; the PostgreSQL tables are given in their
// place. db/pg/schema-drift.test.ts keeps names, nullability and kinds of value equal, so the
// types describe both.
type Tables = typeof sqliteSchema
type SharedDb = BaseSQLiteDatabase<'sync' | 'async', unknown, Tables>

async function writeNewsroom(db: SharedDb, t: Tables) {
  const [author] = await db.insert(t.users).values({ name: 'Ana', slug: 'ana-seam', role: 'reporter' }).returning({ id: t.users.id })
  await db.insert(t.articles).values([
    { title: 'Satu', slug: 'seam-satu', authorId: author!.id, status: 'published', publishedAt: new Date(Date.UTC(2026, 0, 2)), isSponsored: true },
    { title: 'Dua', slug: 'seam-dua', authorId: author!.id, status: 'published', publishedAt: new Date(Date.UTC(2026, 0, 3)) },
    { title: 'Draf', slug: 'seam-draf', authorId: author!.id },
  ])
  // An upsert: the same builder call on both dialects.
  for (const name of ['Politik', 'POLITIK']) {
    await db
      .insert(t.labels)
      .values({ name, slug: 'seam-politik' })
      .onConflictDoUpdate({ target: t.labels.slug, set: { name, updatedAt: new Date(Date.UTC(2026, 0, 4)) } })
  }
}

async function readNewsroom(db: SharedDb, t: Tables) {
  const stories = await db
    .select({ title: t.articles.title, publishedAt: t.articles.publishedAt, isSponsored: t.articles.isSponsored, author: t.users.name })
    .from(t.articles)
    .innerJoin(t.users, eq(t.users.id, t.articles.authorId))
    .where(and(eq(t.users.slug, 'ana-seam'), eq(t.articles.status, 'published')))
    .orderBy(desc(t.articles.publishedAt), desc(t.articles.id))
    .limit(10)
  const label = await db.select({ name: t.labels.name, updatedAt: t.labels.updatedAt }).from(t.labels).where(eq(t.labels.slug, 'seam-politik'))
  const [{ drafts }] = (await db.select({ drafts: sql<number>`count(*)`.mapWith(Number) }).from(t.articles).where(eq(t.articles.status, 'draft'))) as [{ drafts: number }]
  return { stories, label, drafts }
}

describe.skipIf(!reachable)('one data-access style on both dialects', () => {
  let database: TestDatabase
  let pool: pg.Pool

  beforeAll(async () => {
    database = await createTestDatabase()
    pool = createPgPool(database.url, { max: 3 })
    await migratePg(pool)
  })

  afterAll(async () => {
    await pool?.end()
    await database?.drop()
  })

  it('runs the same awaited query-builder code with the same results', async () => {
    const sqliteDb = getWriteConnection() as unknown as SharedDb
    const pgDb = drizzle({ client: pool, schema: pgSchema }) as unknown as SharedDb
    const pgTables = pgSchema as unknown as Tables
    await writeNewsroom(sqliteDb, sqliteSchema)
    await writeNewsroom(pgDb, pgTables)
    const fromSqlite = await readNewsroom(sqliteDb, sqliteSchema)
    const fromPg = await readNewsroom(pgDb, pgTables)
    expect(fromPg).toEqual(fromSqlite)
    expect(fromSqlite.stories).toEqual([
      { title: 'Dua', publishedAt: new Date(Date.UTC(2026, 0, 3)), isSponsored: false, author: 'Ana' },
      { title: 'Satu', publishedAt: new Date(Date.UTC(2026, 0, 2)), isSponsored: true, author: 'Ana' },
    ])
    expect(fromSqlite.label).toEqual([{ name: 'POLITIK', updatedAt: new Date(Date.UTC(2026, 0, 4)) }])
  })

  it('better-sqlite3 refuses an async transaction callback; node-postgres rolls one back', async () => {
    expect(() => getWriteConnection().transaction(async () => {})).toThrow(/cannot return a promise/i)

    const pgDb = drizzle({ client: pool, schema: pgSchema })
    await expect(
      pgDb.transaction(async (tx) => {
        await tx.insert(pgSchema.labels).values({ name: 'Sementara', slug: 'seam-rollback' })
        // Another statement outside the transaction, on another pooled client, must not see it.
        const outside = await pool.query(`SELECT count(*) AS n FROM labels WHERE slug = 'seam-rollback'`)
        expect(outside.rows[0].n).toBe(0)
        throw new Error('cancelled')
      }),
    ).rejects.toThrow('cancelled')
    const after = await pool.query(`SELECT count(*) AS n FROM labels WHERE slug = 'seam-rollback'`)
    expect(after.rows[0].n).toBe(0)
  })
})
