import 'server-only'
import { and, asc, count, countDistinct, desc, eq, gte, isNotNull, lt, max, sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { articleLabels, articles, labels, pages, users } from '@/db/schema'
import { jakartaRange } from '@/lib/dates'

/**
 * URLs per sitemap file. The protocol allows 50,000 URLs and 50 MB; a file of 10,000 articles
 * is about 2 MB, small enough for any crawler and for a two-core server to stream.
 */
export const SITEMAP_MAX_URLS = 10_000
/** Rows read per query while streaming a sitemap file. */
const BATCH = 1000

const isPublic = eq(articles.status, 'published')
// "Last modified" of a story for crawlers: its public update time, else its publication.
const lastmodOf = sql<number>`max(coalesce(max(${articles.updatedAt}, ${articles.publishedAt}), ${articles.publishedAt}))`

export type SitemapMonth = { year: number; month: number; count: number; lastmod: Date }

/**
 * Months that have public stories (Jakarta calendar of published_at), newest first, with how
 * many stories and their latest change. One pass over the status index; cached by the caller.
 */
export function listSitemapMonths(): SitemapMonth[] {
  const rows = getDb()
    .select({
      ym: sql<string>`strftime('%Y-%m', ${articles.publishedAt} / 1000, 'unixepoch', '+7 hours')`,
      n: count(),
      lastmod: lastmodOf,
    })
    .from(articles)
    .where(and(isPublic, isNotNull(articles.publishedAt)))
    .groupBy(sql`1`)
    .orderBy(sql`1 DESC`)
    .all()
  return rows.map((r) => {
    const [year, month] = r.ym.split('-').map(Number) as [number, number]
    return { year, month, count: r.n, lastmod: new Date(r.lastmod) }
  })
}

/** What decides whether a month's sitemap changed: count, latest lastmod, latest save (a slug change). */
export function getSitemapMonthStats(year: number, month: number): { count: number; lastmod: number; savedAt: number } {
  const { start, end } = jakartaRange(year, month)
  const row = getDb()
    .select({ n: count(), lastmod: lastmodOf, savedAt: max(articles.savedAt) })
    .from(articles)
    .where(and(isPublic, gte(articles.publishedAt, start), lt(articles.publishedAt, end)))
    .get()
  return { count: row?.n ?? 0, lastmod: Number(row?.lastmod ?? 0), savedAt: row?.savedAt?.getTime() ?? 0 }
}

export type SitemapArticle = { slug: string; pathMonth: string; lastmod: Date }

/**
 * The public stories of one month, oldest first, `page` of SITEMAP_MAX_URLS. Reads BATCH rows
 * per query (keyset on published_at, id): a whole month is never held in memory, and the
 * connection is never left inside a half-read statement (better-sqlite3 refuses writes then).
 */
export function* iterateSitemapArticles(
  year: number,
  month: number,
  page: number,
  perFile = SITEMAP_MAX_URLS,
  batch = BATCH,
): Generator<SitemapArticle> {
  const { start, end } = jakartaRange(year, month)
  const db = getDb()
  let emitted = 0
  let after: { publishedAt: Date; id: number } | null = null
  while (emitted < perFile) {
    const inMonth = and(isPublic, gte(articles.publishedAt, start), lt(articles.publishedAt, end))
    const rows = db
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
      .all()
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

/** How many labels have a public story (only those have an archive worth listing). */
export function countSitemapLabels(): number {
  return (
    getDb()
      .select({ n: countDistinct(articleLabels.labelId) })
      .from(articleLabels)
      .where(isNotNull(articleLabels.publishedAt))
      .get()?.n ?? 0
  )
}

/** Labels with a public story, by id, `page` of `perFile`; lastmod is their newest story. */
export function listSitemapLabels(page: number, perFile = SITEMAP_MAX_URLS): SitemapEntry[] {
  return getDb()
    .select({ slug: labels.slug, lastmod: max(articleLabels.publishedAt) })
    .from(labels)
    .innerJoin(articleLabels, eq(articleLabels.labelId, labels.id))
    .where(isNotNull(articleLabels.publishedAt))
    .groupBy(labels.id)
    .orderBy(asc(labels.id))
    .limit(perFile)
    .offset((page - 1) * perFile)
    .all()
    .flatMap((r) => (r.lastmod ? [{ slug: r.slug, lastmod: r.lastmod }] : []))
}

/** How many authors have a public story. */
export function countSitemapAuthors(): number {
  return (
    getDb()
      .select({ n: countDistinct(articles.authorId) })
      .from(articles)
      .where(isPublic)
      .get()?.n ?? 0
  )
}

/** Authors with a public story, by id, `page` of `perFile`; lastmod is their newest story. */
export function listSitemapAuthors(page: number, perFile = SITEMAP_MAX_URLS): SitemapEntry[] {
  return getDb()
    .select({ slug: users.slug, lastmod: max(articles.publishedAt) })
    .from(users)
    .innerJoin(articles, and(eq(articles.authorId, users.id), isPublic))
    .groupBy(users.id)
    .orderBy(asc(users.id))
    .limit(perFile)
    .offset((page - 1) * perFile)
    .all()
    .flatMap((r) => (r.lastmod ? [{ slug: r.slug, lastmod: r.lastmod }] : []))
}

/** Published static pages (/p/{slug}) with their last change. */
export function listSitemapPages(): SitemapEntry[] {
  return getDb()
    .select({ slug: pages.slug, updatedAt: pages.updatedAt, publishedAt: pages.publishedAt, createdAt: pages.createdAt })
    .from(pages)
    .where(eq(pages.status, 'published'))
    .orderBy(asc(pages.id))
    .all()
    .map((p) => ({ slug: p.slug, lastmod: p.updatedAt ?? p.publishedAt ?? p.createdAt }))
}

/** The newest public story's publication time: the homepage's lastmod. */
export function getLatestPublicationTime(): Date | null {
  return (
    getDb()
      .select({ publishedAt: articles.publishedAt })
      .from(articles)
      .where(isPublic)
      .orderBy(desc(articles.publishedAt))
      .limit(1)
      .get()?.publishedAt ?? null
  )
}

export type NewsSitemapArticle = { slug: string; pathMonth: string; title: string; publishedAt: Date }

/** Google News sitemap: non-sponsored public stories published since `since`, newest first, at most `limit`. */
export function listNewsSitemapArticles(since: Date, limit = 1000): NewsSitemapArticle[] {
  return getDb()
    .select({ slug: articles.slug, pathMonth: articles.pathMonth, title: articles.title, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(isPublic, gte(articles.publishedAt, since), eq(articles.isSponsored, false)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all()
    .flatMap((r) => (r.pathMonth && r.publishedAt ? [{ slug: r.slug, pathMonth: r.pathMonth, title: r.title, publishedAt: r.publishedAt }] : []))
}
