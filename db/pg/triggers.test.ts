// SQLite's triggers beside PostgreSQL's, on a database of its own: this file runs on SQLite whatever TEST_DIALECT says.
import '@/tests/sqlite-only'
import pgJournal from '../../drizzle-pg/meta/_journal.json'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { htmlToText } from '@/lib/html/text'
import { createTestDatabase, isPostgresReachable, type TestDatabase } from '@/tests/setup/pg-database'
import { migratePg } from './migrate'
import { createPgPool } from './pool'

/*
 * The PostgreSQL triggers (drizzle-pg/0001) against the SQLite ones they replace: the same
 * writes, in portable SQL, run on both databases must leave the same label mirrors, the same
 * archive_months and the same stories in the search index.
 */

const reachable = await isPostgresReachable('db/pg/triggers.test.ts')

// 2026-01-31 17:30 UTC is 1 February 00:30 in WIB: the month boundary the triggers must respect.
const T1 = Date.UTC(2026, 0, 31, 17, 30)
const T2 = Date.UTC(2026, 0, 15, 9, 0)
const T3 = Date.UTC(2026, 2, 3, 2, 0)

const STEPS: string[][] = [
  [
    `INSERT INTO users (id, name, slug) VALUES (1, 'Ana', 'ana'), (2, 'Budi', 'budi')`,
    `INSERT INTO labels (id, name, slug) VALUES (1, 'Politik', 'politik'), (2, 'Olahraga', 'olahraga'), (3, 'Ekonomi', 'ekonomi')`,
    `INSERT INTO articles (id, title, slug, author_id, status, published_at, excerpt, body_html) VALUES
      (1, 'Banjir di Medan', 'banjir', 1, 'published', ${T1}, 'Ringkas', '<p>Air &amp; lumpur</p>'),
      (2, 'Pemilu daerah', 'pemilu', 2, 'published', ${T2}, '', '<p>Suara</p>'),
      (3, 'Draf', 'draf', 1, 'draft', NULL, '', '<p>Belum</p>'),
      (4, 'Jadwal', 'jadwal', 2, 'scheduled', ${T3}, '', '')`,
    `INSERT INTO article_labels (article_id, label_id, position) VALUES (1, 1, 0), (1, 2, 1), (2, 1, 0), (3, 2, 0), (4, 3, 0)`,
  ],
  // Publish the scheduled story, edit a draft, re-date a public one, change an author.
  [
    `UPDATE articles SET status = 'published' WHERE id = 4`,
    `UPDATE articles SET body_html = '<p>Masih draf</p>' WHERE id = 3`,
    `UPDATE articles SET published_at = ${T3} WHERE id = 2`,
    `UPDATE articles SET author_id = 1 WHERE id = 2`,
    `UPDATE articles SET updated_at = ${T3 + 1000} WHERE id = 1`,
  ],
  // Unpublish, publish the draft, move a label link, delete a label and a story.
  [
    `UPDATE articles SET status = 'unpublished' WHERE id = 1`,
    `UPDATE articles SET status = 'published', published_at = ${T2} WHERE id = 3`,
    `UPDATE article_labels SET label_id = 3 WHERE article_id = 2 AND label_id = 1`,
    `DELETE FROM labels WHERE id = 2`,
    `DELETE FROM articles WHERE id = 4`,
    `UPDATE articles SET title = 'Banjir surut' WHERE id = 1`,
  ],
]

type State = {
  labels: Array<[number, number, number | null]>
  months: Array<[string, string, number]>
  searchable: number[]
}

function sqliteState(): State {
  const db = getWriteConnection().$client
  return {
    labels: db
      .prepare('SELECT article_id, label_id, published_at FROM article_labels ORDER BY 1, 2')
      .raw()
      .all() as State['labels'],
    months: db.prepare('SELECT scope, month, stories FROM archive_months ORDER BY 1, 2').raw().all() as State['months'],
    searchable: db.prepare('SELECT article_id FROM article_search_keys ORDER BY 1').pluck().all() as number[],
  }
}

async function pgState(pool: pg.Pool): Promise<State> {
  const rows = async (text: string) => (await pool.query({ text, rowMode: 'array' })).rows
  return {
    labels: (await rows('SELECT article_id, label_id, published_at FROM article_labels ORDER BY 1, 2')) as State['labels'],
    months: (await rows('SELECT scope, month, stories FROM archive_months ORDER BY 1, 2')) as State['months'],
    searchable: (await rows('SELECT article_id FROM article_search ORDER BY 1')).map((r) => r[0] as number),
  }
}

describe.skipIf(!reachable)('PostgreSQL migrations and triggers', () => {
  let database: TestDatabase
  let pool: pg.Pool

  beforeAll(async () => {
    database = await createTestDatabase()
    pool = createPgPool(database.url, { max: 2 })
  })

  afterAll(async () => {
    await pool?.end()
    await database?.drop()
  })

  it('migrates once when several servers start at the same time, and again is a no-op', async () => {
    const pools = Array.from({ length: 4 }, () => createPgPool(database.url, { max: 1 }))
    try {
      await Promise.all(pools.map((p) => migratePg(p)))
      await migratePg(pools[0]!)
    } finally {
      await Promise.all(pools.map((p) => p.end()))
    }
    const { rows } = await pool.query('SELECT count(*) AS n FROM drizzle.__drizzle_migrations')
    // Each migration of drizzle-pg/ once.
    expect(rows[0].n).toBe(pgJournal.entries.length)
    const tables = await pool.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`)
    // The 21 tables of db/pg/schema.ts, article_search, search_index_state and archive_months.
    expect(tables.rows[0].n).toBe(24)
  })

  it('keeps label mirrors, archive_months and the search index as the SQLite triggers do', async () => {
    for (const step of STEPS) {
      for (const statement of step) {
        getWriteConnection().$client.exec(statement)
        await pool.query(statement)
      }
      expect(await pgState(pool)).toEqual(sqliteState())
    }
    // The final state is not trivial: months on both sides of the WIB boundary, emptied rows kept.
    const { months, searchable } = sqliteState()
    expect(searchable).toEqual([1, 2, 3].filter((id) => id !== 1))
    expect(months).toContainEqual(['site', '2026-03', 1])
    expect(months).toContainEqual(['site', '2026-02', 0])
  })

  it('strips HTML as htmlToText does', async () => {
    const samples = [
      '<p>Satu</p><p>dua&nbsp;tiga</p>',
      '<h2>Judul</h2>\n<ul><li>a &amp; b</li><li>&lt;tag&gt; &quot;kutip&quot;</li></ul>',
      '<p>Kode &#233;t&#xE9; &#128512; &amp;lt; tetap</p>',
      '<p>x</p><script>alert(1)</script><STYLE>p{}</STYLE><p>y</p>',
      '<p>Rp&nbsp;1.000 &ndash; &mdash; &hellip; &ldquo;ok&rdquo; &lsquo;ya&rsquo; &unknown;</p>',
      'tanpa tag sama sekali',
    ]
    for (const html of samples) {
      const { rows } = await pool.query('SELECT warta_strip_html($1) AS text', [html])
      expect(rows[0].text, html).toBe(htmlToText(html))
    }
  })

  it('indexes accented and plain spellings alike, without stop words', async () => {
    const { rows } = await pool.query(
      `SELECT warta_search_document('Kafé di Bandung', '', '<p>yang dan</p>') @@ to_tsquery('warta_id', 'kafe & di & yang') AS hit`,
    )
    expect(rows[0].hit).toBe(true)
  })
})
