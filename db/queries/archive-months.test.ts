import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDialect, getWriteConnection } from '@/db'
import { execute, queryRow, queryRows } from '@/db/dialect'
import { articleLabels, articles } from '@/db/tables'
import { jakartaRange } from '@/lib/dates'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import { captureStatements } from '@/tests/query-plans'
import { DEEP_OFFSET, listArticlesByAuthor, listArticlesByLabel, listArticlesPublishedBetween, listReachesPage, PAGE_SIZE } from './articles'
import { deleteLabel, mergeLabels } from './labels-desk-merge'

type Row = { scope: string; month: string; stories: number }

/** archive_months as the triggers left it (months with stories). */
async function kept(): Promise<Row[]> {
  return numbers(await queryRows<Row>(getWriteConnection(), sql`SELECT scope, month, stories FROM archive_months WHERE stories > 0 ORDER BY scope, month`))
}

/** PostgreSQL returns count(*) and bigint columns as strings. */
const numbers = (rows: Row[]): Row[] => rows.map((r) => ({ ...r, stories: Number(r.stories) }))

/** The same figures counted from the stories themselves. */
async function counted(): Promise<Row[]> {
  // The Jakarta month of an epoch-milliseconds column, in each dialect's own words.
  const month = (column: string) =>
    sql.raw(
      getDialect() === 'postgres'
        ? `to_char(to_timestamp(${column} / 1000.0) AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM')`
        : `strftime('%Y-%m', ${column} / 1000, 'unixepoch', '+7 hours')`,
    )
  return numbers(await queryRows<Row>(getWriteConnection(), sql`
    SELECT scope, month, stories FROM (
      SELECT 'site' AS scope, ${month('published_at')} AS month, count(*) AS stories FROM articles
        WHERE status = 'published' AND published_at IS NOT NULL GROUP BY 2
      UNION ALL
      SELECT 'author:' || author_id, ${month('published_at')}, count(*) FROM articles
        WHERE status = 'published' AND published_at IS NOT NULL GROUP BY author_id, 2
      UNION ALL
      SELECT 'label:' || label_id, ${month('published_at')}, count(*) FROM article_labels
        WHERE published_at IS NOT NULL GROUP BY label_id, 2
    ) AS counted ORDER BY scope, month`))
}

const version = async (month: string) =>
  Number((await queryRow<{ version: number }>(getWriteConnection(), sql`SELECT version FROM archive_months WHERE scope = 'site' AND month = ${month}`))?.version ?? 0)

describe('archive_months', () => {
  it('follows every change to what the archives list: publish, unpublish, re-date, author, labels, merge, delete', async () => {
    const a = await createUser()
    const b = await createUser()
    const l1 = await createLabel()
    const l2 = await createLabel()
    const l3 = await createLabel()
    const db = getWriteConnection()
    const at = (m: number, d = 5) => new Date(Date.UTC(2021, m - 1, d, 3))
    const s1 = await createArticle({ authorId: a.id, labelIds: [l1.id, l2.id], publishedAt: at(3) })
    const s2 = await createArticle({ authorId: a.id, labelIds: [l1.id], publishedAt: at(3, 20) })
    const s3 = await createArticle({ authorId: b.id, labelIds: [l2.id], status: 'draft', publishedAt: at(4) })
    // 31 March 20:00 UTC is 1 April in Jakarta.
    const s4 = await createArticle({ authorId: b.id, labelIds: [l3.id], publishedAt: new Date(Date.UTC(2021, 2, 31, 20)) })
    expect(await kept()).toEqual(await counted())

    const steps: Array<[string, () => Promise<unknown>]> = [
      ['publish a draft', async () => await db.update(articles).set({ status: 'published' }).where(eq(articles.id, s3.id))],
      ['unpublish', async () => await db.update(articles).set({ status: 'unpublished' }).where(eq(articles.id, s1.id))],
      ['republish', async () => await db.update(articles).set({ status: 'published' }).where(eq(articles.id, s1.id))],
      ['re-date into another month', async () => await db.update(articles).set({ publishedAt: at(6) }).where(eq(articles.id, s2.id))],
      ['change the author', async () => await db.update(articles).set({ authorId: b.id }).where(eq(articles.id, s2.id))],
      ['retract', async () => await db.update(articles).set({ status: 'retracted' }).where(eq(articles.id, s4.id))],
      ['add a label', async () => await db.insert(articleLabels).values({ articleId: s2.id, labelId: l3.id, position: 1 })],
      ['remove a label', async () => await db.delete(articleLabels).where(eq(articleLabels.articleId, s1.id))],
      ['merge labels', () => mergeLabels([l2.id], l1.id)],
      ['delete a label', () => deleteLabel(l3.id)],
      ['delete a story', async () => await db.delete(articles).where(eq(articles.id, s2.id))],
    ]
    for (const [name, step] of steps) {
      await step()
      expect(await kept(), name).toEqual(await counted())
    }
  })

  it('raises the month version on a change a sitemap shows (a new address, an update time) and not on other saves', async () => {
    const author = await createUser()
    const story = await createArticle({ authorId: author.id, publishedAt: new Date(Date.UTC(2020, 6, 10)) })
    const db = getWriteConnection()
    const before = await version('2020-07')
    await db.update(articles).set({ title: 'Judul baru saja' }).where(eq(articles.id, story.id))
    expect(await version('2020-07')).toBe(before)
    await db.update(articles).set({ slug: `${story.slug}-baru` }).where(eq(articles.id, story.id))
    expect(await version('2020-07')).toBeGreaterThan(before)
    const afterSlug = await version('2020-07')
    await db.update(articles).set({ updatedAt: new Date(Date.UTC(2020, 7, 1)) }).where(eq(articles.id, story.id))
    expect(await version('2020-07')).toBeGreaterThan(afterSlug)
  })
})

describe('deep archive pages', () => {
  // 3,000 stories, 100 a month over 30 months, in one label and by one author: pages past
  // DEEP_OFFSET / PAGE_SIZE start from a month found in archive_months.
  const STORIES = 3000
  let authorId: number
  let labelId: number

  beforeAll(async () => {
    authorId = (await createUser()).id
    labelId = (await createLabel()).id
    const db = getWriteConnection()
    // Every seventh story is a draft: it holds no place on any page.
    await execute(db, sql`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${STORIES - 1})
      INSERT INTO articles (title, slug, path_month, body_html, author_id, status, published_at)
      SELECT 'Arsip ' || i, 'arsip-dalam-' || i, '2019/01', '<p>Isi.</p>', ${authorId},
        CASE WHEN i % 7 = 3 THEN 'draft' ELSE 'published' END,
        CAST(${Date.UTC(2019, 0, 1)} AS bigint) + i * CAST(26280000 AS bigint)
      FROM n`)
    await execute(db, sql`INSERT INTO article_labels (article_id, label_id, position) SELECT id, ${labelId}, 0 FROM articles WHERE slug LIKE 'arsip-dalam-%'`)
  })

  /** The page as a plain OFFSET over the whole list reads it. */
  async function byOffset(where: ReturnType<typeof sql>, page: number): Promise<string[]> {
    return (await queryRows<{ title: string }>(getWriteConnection(), sql`SELECT title FROM articles WHERE ${where} ORDER BY published_at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`))
      .map((r) => r.title)
  }

  it('shows the same stories as an OFFSET over the whole list, on every page, and nothing past the end', async () => {
    const inLabel = sql`status = 'published' AND id IN (SELECT article_id FROM article_labels WHERE label_id = ${labelId})`
    const byAuthor = sql`status = 'published' AND author_id = ${authorId}`
    const { start, end } = jakartaRange(2020)
    const inYear = sql`status = 'published' AND published_at >= ${start.getTime()} AND published_at < ${end.getTime()}`
    const published = Math.ceil((STORIES * 6) / 7)
    const last = Math.ceil(published / PAGE_SIZE)
    for (const page of [1, 49, 50, 51, 52, 77, 100, last - 1, last]) {
      expect((await listArticlesByLabel(labelId, page)).items.map((c) => c.title), `label page ${page}`).toEqual(await byOffset(inLabel, page))
      expect((await listArticlesByAuthor(authorId, page)).items.map((c) => c.title), `author page ${page}`).toEqual(await byOffset(byAuthor, page))
    }
    expect((await listArticlesByLabel(labelId, last)).hasNext).toBe(false)
    expect((await listArticlesByLabel(labelId, last - 1)).hasNext).toBe(true)
    expect((await listArticlesByLabel(labelId, last + 1)).items).toEqual([])
    expect((await listArticlesByAuthor(authorId, last + 5)).items).toEqual([])
    const yearPages = Math.ceil(Number((await queryRow<{ n: number }>(getWriteConnection(), sql`SELECT count(*) AS n FROM articles WHERE ${inYear}`))!.n) / PAGE_SIZE)
    for (const page of [1, 51, 60, yearPages]) {
      expect((await listArticlesPublishedBetween(start, end, page)).items.map((c) => c.title), `year page ${page}`).toEqual(await byOffset(inYear, page))
    }
  })

  it('a list reaches a page exactly when that page lists stories (the metadata of a page past the end)', async () => {
    const published = Math.ceil((STORIES * 6) / 7)
    const last = Math.ceil(published / PAGE_SIZE)
    for (const page of [1, 2, 60, last - 1, last, last + 1, last + 40]) {
      expect(await listReachesPage(`label:${labelId}`, page), `label page ${page}`).toBe((await listArticlesByLabel(labelId, page)).items.length > 0)
      expect(await listReachesPage(`author:${authorId}`, page), `author page ${page}`).toBe((await listArticlesByAuthor(authorId, page)).items.length > 0)
    }
    const year = jakartaRange(2020)
    const month = jakartaRange(2020, 2)
    for (const page of [1, 5, 6, 7, 50, 51, 52]) {
      expect(await listReachesPage('site', page, { from: '2020-01', to: '2020-12' }), `year page ${page}`).toBe(
        (await listArticlesPublishedBetween(year.start, year.end, page)).items.length > 0,
      )
      expect(await listReachesPage('site', page, { from: '2020-02', to: '2020-02' }), `month page ${page}`).toBe(
        (await listArticlesPublishedBetween(month.start, month.end, page)).items.length > 0,
      )
    }
    // A month without stories has no first page.
    expect(await listReachesPage('site', 1, { from: '1999-01', to: '1999-01' })).toBe(false)
  })

  it('finding 4: a deep page skips only within one month (page 2,000 of a 40,000-story label skipped 40,000 index entries)', async () => {
    const ran = await captureStatements(async () => {
      await listArticlesByLabel(labelId, 120)
      await listArticlesByAuthor(authorId, 120)
    }, { plans: false })
    const skips = ran.filter((s) => /\boffset (\?|\$\d+)/i.test(s.sql)).map((s) => Number(s.params.at(-1)))
    expect(skips).toHaveLength(2)
    // A month holds about 100 of these stories; the page is 2,380 stories deep.
    for (const skip of skips) expect(skip).toBeLessThan(100)
    expect(DEEP_OFFSET).toBeLessThan(119 * PAGE_SIZE)
  })
})
