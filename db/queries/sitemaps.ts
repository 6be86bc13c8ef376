import 'server-only'
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { queryRow, queryRows } from '@/db/dialect'
import { articleLabels, articles, labels, pages, users } from '@/db/tables'
import { jakartaRange } from '@/lib/dates'

/**
 * URLs per sitemap file. The protocol allows 50,000 URLs and 50 MB; a file of 10,000 articles
 * is about 2 MB, small enough for any crawler and for a two-core server to stream.
 */
export const SITEMAP_MAX_URLS = 10_000
/** Rows read per query while streaming a sitemap file. */
const BATCH = 1000

const isPublic = eq(articles.status, 'published')

export type SitemapMonth = { year: number; month: number; count: number; lastmod: Date }

/*
 * Months, their counts, latest changes and versions come from archive_months, which triggers keep
 * in step with every publish, edit and removal (drizzle/0013_archive_months.sql): reading them is
 * a row per month, where grouping the stories themselves read every one (1.4 s at 100,000).
 */

/** Months that have public stories (Jakarta calendar of published_at), newest first, with how many stories and their latest change. */
export async function listSitemapMonths(): Promise<SitemapMonth[]> {
  const rows = await queryRows<{ month: string; stories: number; lastmod: number }>(
    getDb(),
    sql`SELECT month, stories, lastmod FROM archive_months WHERE scope = 'site' AND stories > 0 ORDER BY month DESC`,
  )
  return rows.map((r) => {
    const [year, month] = r.month.split('-').map(Number) as [number, number]
    return { year, month, count: r.stories, lastmod: new Date(r.lastmod) }
  })
}

/** What decides whether a month's sitemap changed: its count, latest change and version (raised by every change, a slug's included). */
export async function getSitemapMonthStats(year: number, month: number): Promise<{ count: number; lastmod: number; version: number }> {
  const row = await queryRow<{ stories: number; lastmod: number; version: number } | undefined>(
    getDb(),
    sql`SELECT stories, lastmod, version FROM archive_months WHERE scope = 'site' AND month = ${`${year}-${String(month).padStart(2, '0')}`}`,
  )
  return { count: row?.stories ?? 0, lastmod: row?.lastmod ?? 0, version: row?.version ?? 0 }
}

export type SitemapArticle = { slug: string; pathMonth: string; lastmod: Date }

/**
 * The public stories of one month, oldest first, `page` of SITEMAP_MAX_URLS. Reads BATCH rows
 * per query (keyset on published_at, id): a whole month is never held in memory, and the
 * connection is never left inside a half-read statement (better-sqlite3 refuses writes then).
 */
export async function* iterateSitemapArticles(
  year: number,
  month: number,
  page: number,
  perFile = SITEMAP_MAX_URLS,
  batch = BATCH,
): AsyncGenerator<SitemapArticle> {
  const { start, end } = jakartaRange(year, month)
  const db = getDb()
  let emitted = 0
  let after: { publishedAt: Date; id: number } | null = null
  while (emitted < perFile) {
    const inMonth = and(isPublic, gte(articles.publishedAt, start), lt(articles.publishedAt, end))
    const rows = await db
      .select({
        id: articles.id,
        slug: articles.slug,
        pathMonth: articles.pathMonth,
        publishedAt: articles.publishedAt,
        updatedAt: articles.updatedAt,
      })
      .from(articles)
      .where(
        after
          ? and(
              inMonth,
              sql`(${articles.publishedAt}, ${articles.id}) > (${after.publishedAt.getTime()}, ${after.id})`,
            )
          : inMonth,
      )
      .orderBy(asc(articles.publishedAt), asc(articles.id))
      .limit(Math.min(batch, perFile - emitted))
      .offset(after ? 0 : (page - 1) * perFile)
    for (const r of rows) {
      if (!r.pathMonth || !r.publishedAt) continue
      const lastmod = r.updatedAt && r.updatedAt > r.publishedAt ? r.updatedAt : r.publishedAt
      yield { slug: r.slug, pathMonth: r.pathMonth, lastmod }
    }
    emitted += rows.length
    const last = rows.at(-1)
    if (!last || rows.length < batch || !last.publishedAt) return
    after = { publishedAt: last.publishedAt, id: last.id }
  }
}

export type SitemapEntry = { slug: string; lastmod: Date }

/** How many labels have a public story (only those have an archive worth listing): one index probe per label. */
export async function countSitemapLabels(): Promise<number> {
  return (
    (await queryRow<{ n: number }>(
    getDb(),
      sql`SELECT count(*) AS n FROM ${labels} l
        WHERE EXISTS (SELECT 1 FROM ${articleLabels} al WHERE al.label_id = l.id AND al.published_at IS NOT NULL)`,
    ))?.n ?? 0
  )
}

/** Labels with a public story, by id, `page` of `perFile`; lastmod is their newest story (an index probe each). */
export async function listSitemapLabels(page: number, perFile = SITEMAP_MAX_URLS): Promise<SitemapEntry[]> {
  return (await queryRows<{ slug: string; lastmod: number }>(
    getDb(),
      sql`SELECT slug, lastmod FROM (
          SELECT l.id, l.slug, (SELECT max(al.published_at) FROM ${articleLabels} al WHERE al.label_id = l.id) AS lastmod FROM ${labels} l
        ) AS x WHERE lastmod IS NOT NULL ORDER BY id LIMIT ${perFile} OFFSET ${(page - 1) * perFile}`,
    ))
    .map((r) => ({ slug: r.slug, lastmod: new Date(r.lastmod) }))
}

/** How many authors have a public story: one index probe per person. */
export async function countSitemapAuthors(): Promise<number> {
  return (
    (await queryRow<{ n: number }>(
    getDb(),
      sql`SELECT count(*) AS n FROM ${users} u
        WHERE EXISTS (SELECT 1 FROM ${articles} a WHERE a.author_id = u.id AND a.status = 'published')`,
    ))?.n ?? 0
  )
}

/** Authors with a public story, by id, `page` of `perFile`; lastmod is their newest story (an index probe each). */
export async function listSitemapAuthors(page: number, perFile = SITEMAP_MAX_URLS): Promise<SitemapEntry[]> {
  return (await queryRows<{ slug: string; lastmod: number }>(
    getDb(),
      sql`SELECT slug, lastmod FROM (
          SELECT u.id, u.slug, (SELECT max(a.published_at) FROM ${articles} a WHERE a.author_id = u.id AND a.status = 'published') AS lastmod
          FROM ${users} u
        ) AS x WHERE lastmod IS NOT NULL ORDER BY id LIMIT ${perFile} OFFSET ${(page - 1) * perFile}`,
    ))
    .map((r) => ({ slug: r.slug, lastmod: new Date(r.lastmod) }))
}

/** Published static pages (/p/{slug}) with their last change. */
export async function listSitemapPages(): Promise<SitemapEntry[]> {
  return (await getDb()
    .select({ slug: pages.slug, updatedAt: pages.updatedAt, publishedAt: pages.publishedAt, createdAt: pages.createdAt })
    .from(pages)
    .where(eq(pages.status, 'published'))
    .orderBy(asc(pages.id)))
    .map((p) => ({ slug: p.slug, lastmod: p.updatedAt ?? p.publishedAt ?? p.createdAt }))
}

/** The newest public story's publication time: the homepage's lastmod. */
export async function getLatestPublicationTime(): Promise<Date | null> {
  return (
    (await getDb()
      .select({ publishedAt: articles.publishedAt })
      .from(articles)
      .where(isPublic)
      .orderBy(desc(articles.publishedAt))
      .limit(1))[0]?.publishedAt ?? null
  )
}

export type NewsSitemapArticle = { slug: string; pathMonth: string; title: string; publishedAt: Date }

/** Google News sitemap: non-sponsored public stories published since `since`, newest first, at most `limit`. */
export async function listNewsSitemapArticles(since: Date, limit = 1000): Promise<NewsSitemapArticle[]> {
  return (await getDb()
    .select({ slug: articles.slug, pathMonth: articles.pathMonth, title: articles.title, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(isPublic, gte(articles.publishedAt, since), eq(articles.isSponsored, false)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit))
    .flatMap((r) => (r.pathMonth && r.publishedAt ? [{ slug: r.slug, pathMonth: r.pathMonth, title: r.title, publishedAt: r.publishedAt }] : []))
}
