// These tests are about SQLite's query planner (EXPLAIN QUERY PLAN): this file runs on SQLite whatever TEST_DIALECT says.
import '@/tests/sqlite-only'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { createLabel, createUser } from '@/tests/factories'
import { captureStatements, type RanStatement } from '@/tests/query-plans'
import { jakartaRange } from '@/lib/dates'
import {
  getStoryCompanions,
  isAmongNewest,
  listArticlesByAuthor,
  listArticlesByLabel,
  listArticlesPublishedBetween,
  listLatestArticles,
  listNeighbourIds,
  listReachesPage,
  listRelatedFollowerIds,
} from './articles'

/*
 * How the reader pages' queries read, at any archive size (issue 9 #5). SQLite plans them without
 * statistics, so the plan for a few thousand rows is the plan for 100,000: on the 100,000-story
 * site the scans named below cost 8–40 ms per query, several per page.
 */
const STORIES = 3000
const NEWEST = Date.UTC(2025, 11, 31)
let authorId: number
let labelId: number
let otherLabelId: number

beforeAll(async () => {
  authorId = (await createUser()).id
  labelId = (await createLabel()).id
  otherLabelId = (await createLabel()).id
  const db = getWriteConnection()
  await db.run(sql`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${STORIES - 1})
    INSERT INTO articles (title, slug, path_month, body_html, author_id, status, published_at)
    SELECT 'Berita ' || i, 'berita-plan-' || i, '2025/12', '<p>Isi.</p>', ${authorId}, 'published', ${NEWEST} - i * 3600000 FROM n`)
  await db.run(sql`
    INSERT INTO article_labels (article_id, label_id, position)
    SELECT id, ${labelId}, 0 FROM articles WHERE slug LIKE 'berita-plan-%'`)
  await db.run(sql`
    INSERT INTO article_labels (article_id, label_id, position)
    SELECT id, ${otherLabelId}, 1 FROM articles WHERE slug LIKE 'berita-plan-%' AND id % 3 = 0`)
})

/** The oldest story: the one a walk down from the newest reaches last. */
function oldest() {
  return getWriteConnection().$client.prepare(`SELECT id, published_at AS at FROM articles WHERE status = 'published' ORDER BY published_at, id LIMIT 1`).get() as {
    id: number
    at: number
  }
}

const cardReads = (ran: RanStatement[]) => ran.filter((s) => /"articles"\."id" in \(/.test(s.sql))

/** Statements that read the date-ordered indexes. */
const orderedReads = (ran: RanStatement[]) =>
  ran.filter((s) => s.plan.some((line) => /articles_status_published_idx|article_labels_archive_idx/.test(line)))

describe('reader queries read bounded ranges of their indexes', () => {
  it('finding 1: cards are read by primary key (each card read walked every published story through the status index)', async () => {
    const { start, end } = jakartaRange(2025, 12)
    const old = oldest()
    const ran = await captureStatements(async () => {
      await listLatestArticles(13)
      await listArticlesByLabel(labelId, 2)
      await listArticlesByAuthor(authorId, 3)
      await listArticlesPublishedBetween(start, end, 2)
      await getStoryCompanions(old.id, [labelId, otherLabelId], new Date(old.at + 1))
    })
    const reads = cardReads(ran)
    expect(reads.length).toBeGreaterThanOrEqual(5)
    for (const read of reads) expect(read.plan[0], read.sql).toMatch(/^SEARCH articles USING INTEGER PRIMARY KEY/)
  })

  it('whether a list reaches a page is read from archive_months by its key, a row per month', async () => {
    const ran = await captureStatements(async () => {
      await listReachesPage(`label:${labelId}`, 40)
      await listReachesPage('site', 3, { from: '2025-01', to: '2025-12' })
    })
    expect(ran).toHaveLength(2)
    for (const read of ran) expect(read.plan.join(' | '), read.sql).toMatch(/^SEARCH archive_months USING PRIMARY KEY \(scope=\?/)
  })

  it('finding 2: previous/next, related stories and their followers seek to the story\'s place (they walked down from the newest story)', async () => {
    const old = oldest()
    const at = new Date(old.at)
    const ran = await captureStatements(async () => {
      await getStoryCompanions(old.id, [labelId, otherLabelId], at)
      await listNeighbourIds(old.id, at)
      await listRelatedFollowerIds(old.id, [labelId, otherLabelId], at)
      await isAmongNewest(old.id, at, 13)
    })
    const reads = orderedReads(ran)
    expect(reads.length).toBeGreaterThanOrEqual(9)
    // A range on the time column: the walk starts at the story, whatever its age.
    for (const read of reads) expect(read.plan.join(' | '), read.sql).toMatch(/\(published_at,(?:id|article_id)\)[<>]\(\?,\?\)|published_at[<>]\?/)
  })

  it("an article's related stories and neighbours are read as one set of cards: six statements in all", async () => {
    const mid = getWriteConnection().$client.prepare(`SELECT id, published_at AS at FROM articles WHERE slug = 'berita-plan-1500'`).get() as { id: number; at: number }
    const ran = await captureStatements(async () => {
      const { related, previous, next } = await getStoryCompanions(mid.id, [labelId, otherLabelId], new Date(mid.at))
      expect(related).toHaveLength(4)
      expect(previous).not.toBeNull()
      expect(next).not.toBeNull()
    })
    // One walk per label, one per neighbour, and the cards of all six stories in one read (with
    // their sections): the page read the cards twice, once per list, before.
    expect(cardReads(ran)).toHaveLength(1)
    expect(ran).toHaveLength(6)
  })

  it('the answers are those of the walk: neighbours and related stories of the oldest and a middle story', async () => {
    const old = oldest()
    const first = await getStoryCompanions(old.id, [labelId], new Date(old.at))
    expect(first.previous).toBeNull()
    expect(first.related).toEqual([])
    const mid = getWriteConnection().$client.prepare(`SELECT id, published_at AS at FROM articles WHERE slug = 'berita-plan-1500'`).get() as { id: number; at: number }
    const { previous, next, related } = await getStoryCompanions(mid.id, [labelId, otherLabelId], new Date(mid.at))
    expect([previous?.title, next?.title]).toEqual(['Berita 1501', 'Berita 1499'])
    // Stories in both labels (every third id) share two labels: the four newest of them before it.
    const inBoth = Array.from({ length: 20 }, (_, k) => `Berita ${1501 + k}`).filter((title) => {
      const row = getWriteConnection().$client.prepare(`SELECT id FROM articles WHERE title = ?`).get(title) as { id: number }
      return row.id % 3 === 0
    })
    expect(related.map((c) => c.title)).toEqual(inBoth.slice(0, 4))
    expect(await listRelatedFollowerIds(mid.id, [labelId], new Date(mid.at))).toHaveLength(20)
    expect(await isAmongNewest(mid.id, new Date(mid.at), 13)).toBe(false)
  })
})

// Moved from articles.test.ts: raw SQL through SQLite's planner, so it lives with the SQLite-only plans.
describe('archive queries use indexes, not scans over articles', () => {
  function plan(sql: string): string {
    return getWriteConnection()
      .$client.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n')
  }

  it('pages a label through the archive covering index', () => {
    const p = plan(
      'SELECT article_id FROM article_labels WHERE label_id = 1 AND published_at IS NOT NULL ORDER BY published_at DESC, article_id DESC LIMIT 21 OFFSET 9980',
    )
    expect(p).toMatch(/USING COVERING INDEX article_labels_archive_idx/)
    expect(p).not.toMatch(/TEMP B-TREE/)
  })

  it('pages the latest stories and a date range through the status index', () => {
    const p = plan(
      "SELECT id FROM articles WHERE status = 'published' AND published_at >= 0 AND published_at < 9e15 ORDER BY published_at DESC, id DESC LIMIT 21 OFFSET 9980",
    )
    expect(p).toMatch(/USING COVERING INDEX articles_status_published_idx/)
    expect(p).not.toMatch(/TEMP B-TREE/)
  })

  it('pages an author through the author index', () => {
    const p = plan(
      "SELECT id FROM articles WHERE author_id = 1 AND status = 'published' ORDER BY published_at DESC, id DESC LIMIT 21 OFFSET 9980",
    )
    expect(p).toMatch(/USING COVERING INDEX articles_author_status_published_idx/)
    expect(p).not.toMatch(/TEMP B-TREE/)
  })
})
