import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection, write } from '@/db'
import { execute, onPg, queryRow, queryRows, searchIndexTable } from '@/db/dialect'
import { listTagEventsSince } from '@/db/queries/cache-tag-events'
import { searchArticles } from '@/db/queries/search'
import { articles, settings } from '@/db/tables'
import { createArticle, createUser } from '@/tests/factories'
import { TAGS } from '@/lib/cache-tags'
import { readMainThreadSchedstat, startTurnWatch } from '@/lib/http/loop-turns.mjs'
import { getEnv } from '@/lib/env'
import { ImportError, ImportInterruptedError, importBloggerExport } from './import'
import type { ImportEvent } from './report'
import { stagingDir } from './staging'
import { writeSyntheticExport } from './synthetic'

/*
 * Issue 9, point 6: an import never stalls the site. These run real imports of a few thousand
 * synthetic posts while the test plays the newsroom: saving, and watching its own event loop.
 * The slices aim at 25 ms; the limits below leave room for a busy shared machine, and are still
 * far below what the import did before (one transaction, and the event loop held, for its whole
 * write phase: seconds at this size).
 */

// PostgreSQL: every statement is a round trip to the server (about fifteen per post), so the same
// number of posts takes several times as long on this shared machine; a third of them still
// gives hundreds of slices and saves, which is what these tests are about.
const POSTS = process.env.TEST_DIALECT === 'postgres' ? 1000 : 3000
const LONGEST_SLICE_MS = 200
const LONGEST_STALL_MS = 250
const SAVE_WITHIN_MS = 1000

let dir: string
let file: string

/** The messages of an error and its causes (drizzle wraps the driver's error). */
function causes(error: unknown): string {
  const out: string[] = []
  for (let e = error as { message?: string; cause?: unknown } | undefined; e && out.length < 5; e = e.cause as typeof e) out.push(String(e.message))
  return out.join(' ← ')
}

/** The process's CPU time in schedstat's shape ([ns on a core, ns waiting]), where schedstat is not readable. */
function processCpuAsSchedstat(): [number, number] {
  const cpu = process.cpuUsage()
  return [(cpu.user + cpu.system) * 1000, 0]
}

const count = async (query: ReturnType<typeof sql>) => (await queryRow<{ n: number }>(getWriteConnection(), query))!.n

/** What readers and the newsroom could see of imported content: every table an import writes, and the search index. */
async function visibleCounts() {
  const db = getWriteConnection()
  return (await queryRow<Record<string, number>>(db, sql`
    SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM article_labels) AS "articleLabels",
      (SELECT count(*) FROM labels) AS labels, (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM pages) AS pages,
      (SELECT count(*) FROM redirects) AS redirects, (SELECT count(*) FROM imported_entries) AS imported,
      (SELECT count(*) FROM ${searchIndexTable(db)}) AS "searchKeys", (SELECT count(*) FROM audit_log) AS audit`))!
}

async function reset() {
  const db = getWriteConnection()
  for (const table of ['article_labels', 'article_revisions', 'articles', 'label_merge_suggestions', 'labels', 'pages', 'redirects', 'imported_entries', 'audit_log', 'users']) {
    await execute(db, sql.raw(`delete from ${table}`))
  }
}

/**
 * A newsroom save, as the desk's actions write (through write()): a settings row and the title of
 * a live story, whose search-index triggers touch the rows an import's slices touch when their
 * stories go live (on PostgreSQL, the search index state's row lock; on SQLite, the one write lock).
 */
let saves = 0
let storyId = 0
async function newsroomStory(): Promise<void> {
  const author = await createUser()
  storyId = (await createArticle({ authorId: author.id, title: 'Berita redaksi yang disunting' })).id
}
async function save(): Promise<number> {
  const started = performance.now()
  const n = ++saves
  await write(async (tx) => {
    await tx.insert(settings).values({ key: 'uji.simpan', value: n }).onConflictDoUpdate({ target: settings.key, set: { value: n } })
    await tx.update(articles).set({ title: `Berita redaksi yang disunting ${n}`, version: n }).where(eq(articles.id, storyId))
  })
  return performance.now() - started
}

/**
 * Watches, from outside the import, how long a transaction stays open: `longestMs` is the longest
 * seen. SQLite: the write connection's transaction (better-sqlite3 reports it synchronously);
 * `acrossTurns` counts the times one was seen open at all, which on SQLite means a slice kept the
 * lock across an event-loop turn. PostgreSQL: every other session's open transaction on the
 * test's database (pg_stat_activity), sampled every 10 ms; a slice there awaits the server, so it
 * is open across turns by nature, and what matters is that none stays open long.
 */
function watchTransactions() {
  const db = getWriteConnection()
  const seen = { longestMs: 0, acrossTurns: 0 }
  let stopped = false
  if (!onPg(db)) {
    let openSince: number | null = null
    const probe = setInterval(() => {
      const now = performance.now()
      if (db.$client.inTransaction) {
        seen.acrossTurns++
        openSince ??= now
        seen.longestMs = Math.max(seen.longestMs, now - openSince)
      } else openSince = null
    }, 5)
    return { seen, stop: async () => clearInterval(probe) }
  }
  const sampling = (async () => {
    while (!stopped) {
      const row = await queryRow<{ ms: number }>(db, sql`
        SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start) * 1000), 0)::float8 AS ms
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`)
      seen.longestMs = Math.max(seen.longestMs, row!.ms)
      await sleep(10)
    }
  })()
  return {
    seen,
    stop: async () => {
      stopped = true
      await sampling
    },
  }
}

beforeAll(async () => {
  dir = path.join(getEnv().dataDir, 'slicing')
  fs.mkdirSync(dir, { recursive: true })
  file = path.join(dir, 'export.xml')
  await writeSyntheticExport(file, { posts: POSTS, seed: 11 })
})

describe('issue 9: an import shares the site', () => {
  it('writes in short slices, leaving the event loop free and a save acknowledged at once', async () => {
    await reset()
    await newsroomStory()
    // The longest turn of this process's event loop, as the time between two 5 ms ticks, counted
    // for no more than the main thread spent on a core in it (lib/http/loop-turns.mjs): on a shared
    // machine (CI, or a benchmark beside the tests) the process also waits for a core, which no
    // slicing can shorten (394 ms once, with the CPU time of the import's slices under 130 ms). A
    // slice that holds the loop runs all along, so it counts whole. Without Linux's schedstat, the
    // process's CPU time stands in for the main thread's.
    const turns = startTurnWatch({ intervalMs: 5, read: () => readMainThreadSchedstat() ?? processCpuAsSchedstat() })
    const transactions = watchTransactions()
    const saveTimes: number[] = []
    let importing = true
    const saving = (async () => {
      while (importing) {
        saveTimes.push(await save())
        await sleep(20)
      }
    })()
    try {
      const report = await importBloggerExport(file, { now: new Date('2026-11-27T00:00:00Z') })
      importing = false
      await saving
      expect(report.posts.created).toBe(POSTS)
      expect(report.writeLock.slices).toBeGreaterThan(10)
      expect(report.writeLock.longestMs).toBeLessThan(LONGEST_SLICE_MS)
      // The longest slice split into what its thread ran and waited for a core: never more than
      // the slice (schedstat is read just inside it) by more than Linux's granularity, one
      // scheduler tick (4 ms at 250 Hz, 10 ms at 100 Hz), and measured wherever Linux tells.
      const parts = report.writeLock.longest
      if (readMainThreadSchedstat() === null) expect(parts).toBeNull()
      else {
        expect(parts).not.toBeNull()
        expect(parts!.onCoreMs).toBeGreaterThan(0)
        expect(parts!.waitingForCoreMs).toBeGreaterThanOrEqual(0)
        expect(parts!.onCoreMs + parts!.waitingForCoreMs).toBeLessThanOrEqual(report.writeLock.longestMs + 10)
      }
    } finally {
      importing = false
      turns.stop()
      await transactions.stop()
    }
    const longestStall = turns.read()!.turnOnCoreMaxMs
    // No transaction, the import's or a save's, stays open longer than a slice may last.
    expect(transactions.seen.longestMs).toBeLessThan(LONGEST_SLICE_MS)
    // SQLite: whenever other work runs, the import holds no transaction open (the lock is only
    // ever held within one synchronous slice).
    if (!onPg(getWriteConnection())) expect(transactions.seen.acrossTurns).toBe(0)
    expect(saveTimes.length).toBeGreaterThan(20)
    expect(Math.max(...saveTimes)).toBeLessThan(SAVE_WITHIN_MS)
    expect(longestStall).toBeLessThan(LONGEST_STALL_MS)
  }, 300_000)

  it('lets another process’s saves through while the import writes', async () => {
    await reset()
    await newsroomStory()
    const transactions = watchTransactions()
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'lib/cli/import-blogger.ts', file, '--json'],
      { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let phase: string | null = null
    let report: { posts: { created: number } } | null = null
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += String(chunk)))
    const events = (async () => {
      for await (const line of readline.createInterface({ input: child.stdout })) {
        const event = JSON.parse(line) as ImportEvent
        if (event.type === 'progress') phase = event.phase
        else if (event.type === 'report') report = event.report
      }
    })()
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    let running = true
    void exited.then(() => (running = false))
    const whileWriting: number[] = []
    while (running) {
      const took = await save()
      if (phase === 'writing') whileWriting.push(took)
      await sleep(20)
    }
    await transactions.stop()
    expect(await exited, stderr).toBe(0)
    await events
    expect(transactions.seen.longestMs).toBeLessThan(LONGEST_SLICE_MS)
    expect(report!.posts.created).toBe(POSTS)
    expect(Math.max(...whileWriting)).toBeLessThan(SAVE_WITHIN_MS)
    // The write phase lasts seconds; saves kept going through all of it.
    expect(whileWriting.length).toBeGreaterThan(10)
  }, 300_000)

  it('shows nothing of a malformed export, at any moment of the import, and leaves no scratch file', async () => {
    await reset()
    const before = await visibleCounts()
    // Broken near its end: everything before it has been read (and staged) when the reader finds it.
    const xml = fs.readFileSync(file, 'utf8')
    const at = xml.lastIndexOf('</entry>', Math.floor(xml.length * 0.97))
    const broken = path.join(dir, 'broken.xml')
    fs.writeFileSync(broken, `${xml.slice(0, at)}</entri>${xml.slice(at + '</entry>'.length)}`)
    let checks = 0
    let importing = true
    const watching = (async () => {
      while (importing) {
        expect(await visibleCounts()).toEqual(before)
        checks++
        await sleep(5)
      }
    })()
    const error = await importBloggerExport(broken, { now: new Date('2026-11-27T00:00:00Z') }).then(
      () => null,
      (e: unknown) => e,
    )
    importing = false
    await watching
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).line).toBeGreaterThan(1000)
    expect(checks).toBeGreaterThan(10)
    expect(await visibleCounts()).toEqual(before)
    expect(fs.readdirSync(stagingDir(getEnv().dataDir))).toEqual([])
  }, 120_000)
})

describe('an import that stops while writing', () => {
  it('leaves every entry it wrote complete, and the same import run again finishes it', async () => {
    await reset()
    const fixture = path.resolve('tests/fixtures/blogger/small-2018.xml')
    const db = getWriteConnection()
    // The disk fills up (say) when the 20th story of the file is written; slices of one story.
    const victim = 'Warga Sarai Panjang Keluhkan Jalan Rusak di Koto Baru Hilir'
    expect(fs.readFileSync(fixture, 'utf8').split(`<title>${victim}</title>`)).toHaveLength(2)
    const title = `'${victim.replace(/'/g, "''")}'`
    if (onPg(db)) {
      await execute(db, sql.raw(`CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.title = ${title} THEN RAISE EXCEPTION 'database or disk is full'; END IF; RETURN NEW; END $$`))
      await execute(db, sql.raw('CREATE TRIGGER fail_import BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION fail_import()'))
    } else {
      await execute(db, sql.raw(`CREATE TEMP TRIGGER fail_import BEFORE INSERT ON articles WHEN NEW.title = ${title}
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`))
    }
    const error = await importBloggerExport(fixture, { now: new Date('2026-11-27T00:00:00Z'), slices: { budgetMs: 0, gapMs: 0 } }).then(
      () => null,
      (e: unknown) => e,
    )
    if (onPg(db)) {
      await execute(db, sql`DROP TRIGGER fail_import ON articles`)
      await execute(db, sql`DROP FUNCTION fail_import()`)
    } else await execute(db, sql`DROP TRIGGER temp.fail_import`)
    expect(error).toBeInstanceOf(ImportInterruptedError)
    expect(causes(error)).toMatch(/database or disk is full/)
    const { written } = error as ImportInterruptedError
    // Whatever went in is whole: each story with its labels, its import record and its old URL.
    const stories = await queryRows<{ id: number; status: string; labels: number; mapped: number; legacy: string | null; redirected: number }>(db, sql`
      SELECT a.id, a.status, (SELECT count(*) FROM article_labels l WHERE l.article_id = a.id) AS labels,
        (SELECT count(*) FROM imported_entries e WHERE e.kind = 'post' AND e.entity_id = a.id) AS mapped,
        (SELECT legacy_path FROM imported_entries e WHERE e.kind = 'post' AND e.entity_id = a.id) AS legacy,
        (SELECT count(*) FROM redirects r WHERE r.from_path = lower((SELECT legacy_path FROM imported_entries e WHERE e.kind = 'post' AND e.entity_id = a.id))) AS redirected
      FROM articles a`)
    expect(stories).toHaveLength(19)
    expect(written).toBe(19 + 3)
    for (const story of stories) {
      expect(story.mapped).toBe(1)
      expect(story.labels).toBeGreaterThan(0)
      if (story.status === 'published' && story.legacy) expect(story.redirected).toBe(1)
    }
    expect(await count(sql`SELECT count(*) AS n FROM ${searchIndexTable(db)}`)).toBe(stories.filter((s) => s.status === 'published').length)

    const again = await importBloggerExport(fixture, { now: new Date('2026-11-27T00:00:00Z') })
    expect(again.posts.unchanged).toBe(stories.length)
    expect(again.posts.created + again.posts.unchanged).toBe(35)
    expect(fs.readdirSync(stagingDir(getEnv().dataDir))).toEqual([])
  })
})

describe('after an import', () => {
  it('keeps the search index right: one key per live story, found by its words, intact', async () => {
    await reset()
    const report = await importBloggerExport(file, { now: new Date('2026-11-27T00:00:00Z') })
    const db = getWriteConnection()
    const index = searchIndexTable(db)
    const published = await count(sql`SELECT count(*) AS n FROM articles WHERE status = 'published'`)
    expect(published).toBe(report.posts.published)
    // One index row per live story, each for a live story.
    expect(await count(sql`SELECT count(*) AS n FROM ${index}`)).toBe(published)
    expect(await count(sql`SELECT count(DISTINCT article_id) AS n FROM ${index}`)).toBe(published)
    expect(await count(sql`SELECT count(*) AS n FROM ${index} k LEFT JOIN articles a ON a.id = k.article_id AND a.status = 'published' WHERE a.id IS NULL`)).toBe(0)
    if (onPg(db)) {
      // Each row is what the trigger makes of the story now: its time and its document.
      expect(
        await count(sql`SELECT count(*) AS n FROM article_search s JOIN articles a ON a.id = s.article_id
          WHERE s.published_at IS DISTINCT FROM a.published_at OR s.document IS DISTINCT FROM warta_search_document(a.title, a.excerpt, a.body_html)`),
      ).toBe(0)
    } else {
      // FTS5: every indexed row belongs to a key, and the index's own check passes (the import
      // writes one segment per slice).
      expect(await count(sql`SELECT count(*) AS n FROM articles_fts f LEFT JOIN article_search_keys k ON k.key = f.rowid WHERE k.key IS NULL`)).toBe(0)
      expect(await count(sql`SELECT count(*) AS n FROM articles_fts`)).toBe(published)
      await execute(db, sql`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`)
    }
    // A story's own title finds it through the site's search (either dialect's).
    const story = (await queryRow<{ id: number; title: string }>(db, sql`SELECT id, title FROM articles WHERE status = 'published' ORDER BY id DESC LIMIT 1`))!
    const words = story.title.match(/[\p{L}\p{N}]{4,}/gu)!.join(' ')
    let found = false
    for (let page = 1; page <= 20 && !found; page++) {
      const result = await searchArticles(words, page)
      found = result.items.some((item) => item.id === story.id)
      if (result.items.length === 0) break
    }
    expect(found, words).toBe(true)
    // Labels' archives list the live stories (the denormalised publication time is set).
    expect(await count(sql`SELECT count(*) AS n FROM article_labels l JOIN articles a ON a.id = l.article_id WHERE a.status = 'published' AND l.published_at IS NULL`)).toBe(0)
  }, 300_000)

  it('expires every page through the shared tag store, with no server to ask', async () => {
    const since = (await queryRow<{ seq: number }>(getWriteConnection(), sql`SELECT coalesce(max(seq), 0) AS seq FROM cache_tag_events`))!.seq
    await importBloggerExport(path.resolve('tests/fixtures/blogger/small-2018.xml'), { now: new Date('2026-11-27T00:00:00Z') })
    const tags = (await listTagEventsSince(since)).map((e) => e.tag)
    // Every public page, the 404 at an imported story's address included, carries the site's tag.
    expect(tags).toEqual(expect.arrayContaining([TAGS.site, TAGS.redirects]))
  })

  it('leaves nothing behind on a dry run, not even its scratch file', async () => {
    await reset()
    const before = await visibleCounts()
    const since = (await queryRow<{ seq: number }>(getWriteConnection(), sql`SELECT coalesce(max(seq), 0) AS seq FROM cache_tag_events`))!.seq
    const report = await importBloggerExport(path.resolve('tests/fixtures/blogger/small-classic.xml'), { now: new Date('2026-11-27T00:00:00Z'), dryRun: true })
    expect(report.posts.created).toBeGreaterThan(0)
    expect(report.labels.created).toBeGreaterThan(0)
    expect(report.mergeSuggestions.length).toBeGreaterThan(0)
    expect(report.writeLock.slices).toBe(0)
    expect(await visibleCounts()).toEqual(before)
    expect(await listTagEventsSince(since)).toEqual([])
    expect(fs.readdirSync(stagingDir(getEnv().dataDir))).toEqual([])
  })
})
