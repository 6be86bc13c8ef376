// db:copy reads this file's SQLite database into a PostgreSQL database of its own: this file runs on SQLite whatever TEST_DIALECT says.
import '@/tests/sqlite-only'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { COPIED_TABLES, copySqliteToPostgres, type CopyReport, TRANSIENT_TABLES } from '@/db/pg/copy'
import { migratePg } from '@/db/pg/migrate'
import { createPgPool } from '@/db/pg/pool'
import { searchArticlesPg } from '@/db/pg/search'
import { seedDemo } from '@/db/seed'
import { createTestDatabase, isPostgresReachable, type TestDatabase } from '@/tests/setup/pg-database'

/*
 * `npm run db:copy`: the demo site, plus a row in every other copied table, goes from this test
 * file's SQLite database into a fresh PostgreSQL database with every count and checksum equal;
 * a second run refuses the now full target from the command line.
 */

const reachable = await isPostgresReachable('lib/cli/db-copy.test.ts')
const run = promisify(execFile)
const now = new Date('2026-03-10T05:00:00Z')

function sqliteCount(table: string): number {
  return getWriteConnection().$client.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number
}

/** A row in each table the demo seed leaves empty, and the users ↔ media cycle closed. */
function addTheRest(): void {
  const db = getWriteConnection().$client
  const userId = db.prepare(`SELECT id FROM users ORDER BY id LIMIT 1`).pluck().get() as number
  const mediaId = db.prepare(`SELECT id FROM media ORDER BY id DESC LIMIT 1`).pluck().get() as number
  const articleId = db.prepare(`SELECT id FROM articles WHERE status = 'published' ORDER BY id LIMIT 1`).pluck().get() as number
  const [labelA, labelB] = db.prepare(`SELECT id FROM labels ORDER BY id LIMIT 2`).pluck().all() as number[]
  const t = now.getTime()
  db.exec(`
    UPDATE users SET avatar_media_id = ${mediaId}, totp_last_step = 59000000, last_login_at = ${t} WHERE id = ${userId};
    INSERT INTO article_notes (article_id, kind, body, created_by, created_at) VALUES (${articleId}, 'correction', 'Nama narasumber diperbaiki.', ${userId}, ${t});
    INSERT INTO article_revisions (article_id, version, title, body_html, snapshot, created_by, created_at)
      VALUES (${articleId}, 1, 'Judul lama', '<p>Lama</p>', '{"z":1,"a":{"labels":[3,1],"é":"ü"},"m":null}', ${userId}, ${t});
    INSERT INTO contact_messages (name, email, message, ip_hash, created_at) VALUES ('Sari', 'sari@example.test', 'Halo redaksi 👋', 'abc', ${t});
    INSERT INTO recovery_codes (user_id, code_hash) VALUES (${userId}, 'h1'), (${userId}, 'h2');
    INSERT INTO redirects (from_path, to_path, code, reason, created_at) VALUES ('/2023/09/lama.html', '/2026/03/baru', 301, 'import', ${t}), ('/hapus', '', 410, '', ${t});
    INSERT INTO audit_log (actor_id, action, entity, entity_id, detail, created_at) VALUES (${userId}, 'article.publish', 'article', ${articleId}, '{"from":"draft","to":"published"}', ${t});
    INSERT INTO imported_entries (source, kind, external_id, entity_id, legacy_path, external_updated, content_hash, entity_version, imported_at)
      VALUES ('blogger', 'post', 'tag:blogger.com,1999:post-1', ${articleId}, '/2023/09/lama.html', '2023-09-01T00:00:00Z', 'ff', 1, ${t}),
             ('blogger', 'label', 'Zebra', ${labelA}, NULL, NULL, '', NULL, ${t}),
             ('blogger', 'label', 'apel', ${labelB}, NULL, NULL, '', NULL, ${t});
    INSERT INTO label_merge_suggestions (label_id, target_id, basis, created_at) VALUES (${labelB}, ${labelA}, 'case', ${t});
    INSERT INTO revoked_sessions (session_id, expires_at) VALUES ('Sess-B', ${t + 86_400_000}), ('sess-a', ${t + 86_400_000});
    INSERT INTO sign_in_throttle (key, attempts, blocked_until, expires_at) VALUES ('k1', 5, ${t + 60_000}, ${t + 86_400_000});
    INSERT INTO user_sessions (session_id, user_id, session_version, device, address, created_at, last_seen_at) VALUES ('sess-a', ${userId}, 1, 'Chrome di Android', '203.0.113.7', ${t}, ${t + 60_000});
    INSERT INTO cache_tag_events (tag, stale_at, expired_at, created_at) VALUES ('home', NULL, ${t}, ${t});
    INSERT INTO rate_limits (bucket, key, window_start, count, expires_at) VALUES ('contact', 'x', ${t}, 1, ${t + 60_000});
  `)
}

describe.skipIf(!reachable)('npm run db:copy', () => {
  let database: TestDatabase
  let report: CopyReport
  let pool: pg.Pool

  beforeAll(async () => {
    await seedDemo(getWriteConnection(), { now })
    addTheRest()
    database = await createTestDatabase()
    const lines: string[] = []
    report = await copySqliteToPostgres(getWriteConnection(), database.url, { log: (line) => lines.push(line) })
    pool = createPgPool(database.url, { max: 2 })
  }, 180_000)

  afterAll(async () => {
    await pool?.end()
    await database?.drop()
  })

  it('copies every table with equal counts and checksums', async () => {
    expect(report.tables.map((t) => t.table)).toEqual([...COPIED_TABLES])
    for (const t of report.tables) {
      const { rows } = await pool.query(`SELECT count(*) AS n FROM "${t.table}"`)
      expect(t, t.table).toMatchObject({ equal: true, sqliteRows: sqliteCount(t.table), postgresRows: rows[0].n })
      expect(t.sqliteRows, `${t.table} has rows to copy`).toBeGreaterThan(0)
    }
    expect(report.derived.every((d) => d.equal)).toBe(true)
    expect(report.derived.find((d) => d.table === 'search index')!.postgresRows).toBeGreaterThanOrEqual(55)
    for (const table of TRANSIENT_TABLES) {
      const { rows } = await pool.query(`SELECT count(*) AS n FROM "${table}"`)
      expect(rows[0].n, table).toBe(0)
    }
  })

  it('keeps values exactly: times, booleans, JSON, the avatar cycle, the label mirrors', async () => {
    const sqlite = getWriteConnection().$client
    const a = sqlite
      .prepare(`SELECT id, published_at, is_sponsored, status FROM articles ORDER BY id`)
      .raw()
      .all() as Array<[number, number | null, number, string]>
    const b = await pool.query({ text: `SELECT id, published_at, is_sponsored, status FROM articles ORDER BY id`, rowMode: 'array' })
    expect(b.rows).toEqual(a.map(([id, at, sponsored, status]) => [id, at, sponsored === 1, status]))
    const avatar = await pool.query(`SELECT count(*) AS n FROM users WHERE avatar_media_id IS NOT NULL`)
    expect(avatar.rows[0].n).toBe(1)
    const snapshot = await pool.query(`SELECT snapshot FROM article_revisions WHERE title = 'Judul lama'`)
    expect(snapshot.rows[0].snapshot).toEqual({ z: 1, a: { labels: [3, 1], é: 'ü' }, m: null })
    const mirrors = sqlite.prepare(`SELECT article_id, label_id, published_at FROM article_labels ORDER BY 1, 2`).raw().all()
    const pgMirrors = await pool.query({ text: `SELECT article_id, label_id, published_at FROM article_labels ORDER BY 1, 2`, rowMode: 'array' })
    expect(pgMirrors.rows).toEqual(mirrors)
  })

  it('leaves the sequences past the copied ids, and a searchable site', async () => {
    const maxId = sqliteCount('labels') && (getWriteConnection().$client.prepare('SELECT max(id) FROM labels').pluck().get() as number)
    const { rows } = await pool.query(`INSERT INTO labels (name, slug) VALUES ('Baru', 'baru') RETURNING id`)
    expect(rows[0].id).toBe(maxId + 1)
    const title = getWriteConnection().$client.prepare(`SELECT title FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1`).pluck().get() as string
    const result = await searchArticlesPg(pool, title, 1)
    expect(result.items.map((i) => i.title)).toContain(title)
  })

  it('leaves the planner statistics of every copied table, so the first queries are planned well', async () => {
    // Without them (autovacuum off, or not yet round), PostgreSQL guesses: a common search term
    // read every match through the GIN index and sorted them, 173 ms where 39 ms will do at 100,000.
    const tables = [...COPIED_TABLES, 'article_search', 'archive_months']
    const { rows } = await pool.query<{ tablename: string }>(`SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'public' AND tablename = ANY($1)`, [tables])
    const analysed = new Set(rows.map((r) => r.tablename))
    const withRows = []
    for (const table of tables) {
      const { rows: n } = await pool.query(`SELECT count(*) AS n FROM "${table}"`)
      if (n[0].n > 0) withRows.push(table)
    }
    expect(withRows.filter((t) => !analysed.has(t))).toEqual([])
  })

  it('commits nothing when a value arrives changed', async () => {
    // A target that alters what it is given (here a trigger; in life a lossy type or encoding).
    const other = await createTestDatabase()
    const otherPool = createPgPool(other.url, { max: 1 })
    try {
      await migratePg(otherPool)
      await otherPool.query(`
        CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.title := NEW.title || ' '; RETURN NEW; END $$;
        CREATE TRIGGER sabotage BEFORE INSERT ON pages FOR EACH ROW EXECUTE FUNCTION sabotage();`)
      await expect(copySqliteToPostgres(getWriteConnection(), other.url)).rejects.toThrow(/does not match the source in pages;/)
      const { rows } = await otherPool.query(`SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM users) AS n`)
      expect(rows[0].n).toBe(0)
    } finally {
      await otherPool.end()
      await other.drop()
    }
  })

  it('refuses a target that is not empty, from the command line, with exit code 1', async () => {
    const failure = await run(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'lib/cli/db-copy.ts', '--to', database.url], {
      env: { ...process.env, NODE_ENV: 'production' },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toMatch(/not empty \(rows in .*articles/)
    const { rows } = await pool.query(`SELECT count(*) AS n FROM labels WHERE slug = 'baru'`)
    expect(rows[0].n).toBe(1)
  })
})
