import 'server-only'
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, notInArray, sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { queryRow, queryRows } from '@/db/dialect'
import { jakartaParts, jakartaRange } from '@/lib/dates'
import { articleLabels, articleNotes, articles, labels, media, users, type NoteKind } from '@/db/tables'

/** Stories per archive page (label, author, month, year). */
export const PAGE_SIZE = 20
/** Deepest archive page we answer; past it a page is 404 like any other page past the end. */
export const MAX_PAGE = 10_000

export type ArticleImage =
  | { kind: 'media'; storageKey: string; width: number; height: number; alt: string }
  | { kind: 'url'; url: string; alt: string }

export type ArticleCard = {
  id: number
  title: string
  slug: string
  pathMonth: string
  excerpt: string
  publishedAt: Date
  isSponsored: boolean
  sponsorName: string
  authorName: string
  authorSlug: string
  image: ArticleImage | null
  section: { id: number; name: string; slug: string } | null
}

export type Page<T> = { items: T[]; page: number; hasNext: boolean }

const isPublic = eq(articles.status, 'published')

/*
 * "Before/after this story in the date order", as one row-value comparison. SQLite seeks an index
 * to a row value and walks from there; the same condition spelt with OR and bound parameters is
 * planned as a walk from one end of the index, filtering as it goes (17–38 ms for an old story
 * at 100,000 stories, against 0.1 ms).
 */
const storyBefore = (articleId: number, publishedAt: Date) => sql`(${articles.publishedAt}, ${articles.id}) < (${publishedAt.getTime()}, ${articleId})`
const storyAfter = (articleId: number, publishedAt: Date) => sql`(${articles.publishedAt}, ${articles.id}) > (${publishedAt.getTime()}, ${articleId})`
const entryBefore = (articleId: number, publishedAt: Date) =>
  sql`(${articleLabels.publishedAt}, ${articleLabels.articleId}) < (${publishedAt.getTime()}, ${articleId})`
const entryAfter = (articleId: number, publishedAt: Date) =>
  sql`(${articleLabels.publishedAt}, ${articleLabels.articleId}) > (${publishedAt.getTime()}, ${articleId})`

/**
 * Turns ordered article ids into cards in two indexed queries. List queries first find
 * ids on a narrow index (so an archive's page 500 skips index entries, never article rows),
 * then hydrate only the 20 rows they show, by primary key. Whether a row is public is checked
 * here, not in the WHERE clause: given `status = ?` SQLite picks a status index and walks every
 * published story to find the 20 (8–11 ms per card read at 100,000 stories).
 */
async function hydrateCards(ids: number[]): Promise<ArticleCard[]> {
  if (ids.length === 0) return []
  const db = getDb()
  const rows = await db
    .select({
      id: articles.id,
      status: articles.status,
      title: articles.title,
      slug: articles.slug,
      pathMonth: articles.pathMonth,
      excerpt: articles.excerpt,
      publishedAt: articles.publishedAt,
      isSponsored: articles.isSponsored,
      sponsorName: articles.sponsorName,
      featuredImageUrl: articles.featuredImageUrl,
      featuredAlt: articles.featuredAlt,
      authorName: users.name,
      authorSlug: users.slug,
      mediaKey: media.storageKey,
      mediaWidth: media.width,
      mediaHeight: media.height,
      mediaAlt: media.alt,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(media, eq(media.id, articles.featuredMediaId))
    .where(inArray(articles.id, ids))
  const sections = await db
    .select({ articleId: articleLabels.articleId, id: labels.id, name: labels.name, slug: labels.slug })
    .from(articleLabels)
    .innerJoin(labels, eq(labels.id, articleLabels.labelId))
    .where(and(inArray(articleLabels.articleId, ids), eq(articleLabels.position, 0)))
  const sectionOf = new Map(sections.map((s) => [s.articleId, { id: s.id, name: s.name, slug: s.slug }]))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const r = byId.get(id)
    if (!r || r.status !== 'published' || !r.publishedAt || !r.pathMonth) return []
    return [
      {
        id: r.id,
        title: r.title,
        slug: r.slug,
        pathMonth: r.pathMonth,
        excerpt: r.excerpt,
        publishedAt: r.publishedAt,
        isSponsored: r.isSponsored,
        sponsorName: r.sponsorName,
        authorName: r.authorName,
        authorSlug: r.authorSlug,
        image: toImage(r),
        section: sectionOf.get(r.id) ?? null,
      },
    ]
  })
}

/** The image to show for an article: its media row, else an imported URL. Shared with the desk preview. */
export function toImage(r: {
  mediaKey: string | null
  mediaWidth: number | null
  mediaHeight: number | null
  mediaAlt: string | null
  featuredImageUrl: string | null
  featuredAlt: string
}): ArticleImage | null {
  if (r.mediaKey && r.mediaWidth && r.mediaHeight) {
    return {
      kind: 'media',
      storageKey: r.mediaKey,
      width: r.mediaWidth,
      height: r.mediaHeight,
      alt: r.featuredAlt || r.mediaAlt || '',
    }
  }
  if (r.featuredImageUrl) return { kind: 'url', url: r.featuredImageUrl, alt: r.featuredAlt }
  return null
}

/** `ids` holds one more than a page, so the caller learns whether another page follows. */
async function pageOf(ids: number[], page: number, pageSize = PAGE_SIZE): Promise<Page<ArticleCard>> {
  return { items: await hydrateCards(ids.slice(0, pageSize)), page, hasNext: ids.length > pageSize }
}

function offsetFor(page: number, pageSize = PAGE_SIZE): number {
  return (Math.min(Math.max(1, Math.trunc(page)), MAX_PAGE) - 1) * pageSize
}

/**
 * Index entries an archive page may skip with OFFSET. A deeper page first finds the month its
 * stories start in from archive_months (a row per month), then skips only within that month:
 * page 2,000 of a 40,000-story label reads a few hundred entries, not 40,000.
 */
export const DEEP_OFFSET = 1000

/** A list of public stories as archive_months counts it (drizzle/0014_archive_months.sql). */
export type ArchiveScope = 'site' | `label:${number}` | `author:${number}`

const monthKey = (date: Date) => {
  const p = jakartaParts(date)
  return `${p.year}-${String(p.month).padStart(2, '0')}`
}

/**
 * Where the list's `offset`-th newest story lies: before `end` (the end of its month, WIB), after
 * `skip` newer stories of that month. `offset` must be at least DEEP_OFFSET. Months are summed
 * newest first, from `to` back to `from` when given ('YYYY-MM'). Null past the list's end.
 */
async function seekArchiveMonth(scope: ArchiveScope, offset: number, range?: { from: string; to: string }): Promise<{ end: Date; skip: number } | null> {
  const rows = await queryRows<{ month: string; stories: number }>(
    getDb(),
    range
      ? sql`SELECT month, stories FROM archive_months WHERE scope = ${scope} AND month >= ${range.from} AND month <= ${range.to} AND stories > 0 ORDER BY month DESC`
      : sql`SELECT month, stories FROM archive_months WHERE scope = ${scope} AND stories > 0 ORDER BY month DESC`,
  )
  let newer = 0
  for (const row of rows) {
    if (newer + row.stories > offset) {
      const [year, month] = row.month.split('-').map(Number) as [number, number]
      return { end: jakartaRange(year, month).end, skip: offset - newer }
    }
    newer += row.stories
  }
  return null
}

/**
 * Whether a list (or its months `from`..`to`, 'YYYY-MM') holds a `page`-th page: more than
 * (page − 1) × PAGE_SIZE public stories, summed from archive_months (a row per month). A page's
 * metadata asks, so that a page past the end, which answers 404, is not titled as a page of the
 * list.
 */
export async function listReachesPage(scope: ArchiveScope, page: number, range?: { from: string; to: string }): Promise<boolean> {
  const rows = await queryRows<{ stories: number | string | null }>(
    getDb(),
    range
      ? sql`SELECT SUM(stories) AS stories FROM archive_months WHERE scope = ${scope} AND month >= ${range.from} AND month <= ${range.to}`
      : sql`SELECT SUM(stories) AS stories FROM archive_months WHERE scope = ${scope}`,
  )
  return Number(rows[0]?.stories ?? 0) > (page - 1) * PAGE_SIZE
}

/** OFFSET for a shallow page; for a deep one, the month to start in (or null: past the end). */
function placeOf(offset: number, scope: ArchiveScope | null, range?: { from: string; to: string }) {
  if (offset < DEEP_OFFSET || !scope) return { end: undefined, skip: offset }
  return seekArchiveMonth(scope, offset, range)
}

const emptyPage = (page: number): Page<ArticleCard> => ({ items: [], page, hasNext: false })

/** The newest public stories, for the homepage. */
export async function listLatestArticles(limit: number, excludeIds: number[] = []): Promise<ArticleCard[]> {
  const ids = (await getDb()
    .select({ id: articles.id })
    .from(articles)
    .where(excludeIds.length ? and(isPublic, notInArray(articles.id, excludeIds)) : isPublic)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit))
    .map((r) => r.id)
  return hydrateCards(ids)
}

/**
 * The newest public stories of one label (homepage blocks), leaving out `excludeIds` (stories the
 * page already shows): reads ids from the archive index and hydrates only the ones it returns.
 */
export async function listLatestArticlesByLabel(labelId: number, limit: number, excludeIds: readonly number[] = []): Promise<ArticleCard[]> {
  const skip = new Set(excludeIds)
  const ids = (await getDb()
    .select({ id: articleLabels.articleId })
    .from(articleLabels)
    .where(and(eq(articleLabels.labelId, labelId), isNotNull(articleLabels.publishedAt)))
    .orderBy(desc(articleLabels.publishedAt), desc(articleLabels.articleId))
    .limit(limit + skip.size))
    .map((r) => r.id)
    .filter((id) => !skip.has(id))
    .slice(0, limit)
  return hydrateCards(ids)
}

/** A label archive page, newest first, 20 per page. Reads only article_labels' archive index to page. */
export async function listArticlesByLabel(labelId: number, page: number, pageSize = PAGE_SIZE): Promise<Page<ArticleCard>> {
  const place = await placeOf(offsetFor(page, pageSize), `label:${labelId}`)
  if (!place) return emptyPage(page)
  const ids = (await getDb()
    .select({ id: articleLabels.articleId })
    .from(articleLabels)
    .where(
      and(
        eq(articleLabels.labelId, labelId),
        isNotNull(articleLabels.publishedAt),
        place.end ? lt(articleLabels.publishedAt, place.end) : undefined,
      ),
    )
    .orderBy(desc(articleLabels.publishedAt), desc(articleLabels.articleId))
    .limit(pageSize + 1)
    .offset(place.skip))
    .map((r) => r.id)
  return pageOf(ids, page, pageSize)
}

/** An author page, newest first. */
export async function listArticlesByAuthor(authorId: number, page: number): Promise<Page<ArticleCard>> {
  const place = await placeOf(offsetFor(page), `author:${authorId}`)
  if (!place) return emptyPage(page)
  const ids = (await getDb()
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.authorId, authorId), isPublic, place.end ? lt(articles.publishedAt, place.end) : undefined))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(PAGE_SIZE + 1)
    .offset(place.skip))
    .map((r) => r.id)
  return pageOf(ids, page)
}

/**
 * Month and year archives, and the daily index: public stories published in [start, end). A range
 * of whole WIB months (a year) pages deep through archive_months; any other skips within itself.
 */
export async function listArticlesPublishedBetween(start: Date, end: Date, page: number, pageSize = PAGE_SIZE): Promise<Page<ArticleCard>> {
  const from = monthKey(start)
  const to = monthKey(new Date(end.getTime() - 1))
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number]
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number]
  const wholeMonths =
    jakartaRange(fromYear, fromMonth).start.getTime() === start.getTime() && jakartaRange(toYear, toMonth).end.getTime() === end.getTime()
  const place = await placeOf(offsetFor(page, pageSize), wholeMonths ? 'site' : null, { from, to })
  if (!place) return emptyPage(page)
  const until = place.end && place.end < end ? place.end : end
  const ids = (await getDb()
    .select({ id: articles.id })
    .from(articles)
    .where(and(isPublic, gte(articles.publishedAt, start), lt(articles.publishedAt, until)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(pageSize + 1)
    .offset(place.skip))
    .map((r) => r.id)
  return pageOf(ids, page, pageSize)
}

export type ArticleNote = { id: number; kind: NoteKind; body: string; createdAt: Date }

export type PublicArticle = {
  id: number
  title: string
  slug: string
  pathMonth: string
  dateline: string
  excerpt: string
  bodyHtml: string
  image: ArticleImage | null
  featuredCaption: string
  publishedAt: Date
  updatedAt: Date | null
  isSponsored: boolean
  sponsorName: string
  seoTitle: string
  seoDescription: string
  author: { id: number; name: string; slug: string }
  editor: { id: number; name: string; slug: string } | null
  labels: Array<{ id: number; name: string; slug: string }>
  notes: ArticleNote[]
  /** Readers are told the story still needs verification (Pedoman Pemberitaan Media Siber 2.c). */
  needsVerification: boolean
}

/** One published article by its URL (/{yyyy}/{mm}/{slug}), or null. */
export async function getPublishedArticle(pathMonth: string, slug: string): Promise<PublicArticle | null> {
  const db = getDb()
  const row = (await db
    .select({
      id: articles.id,
      title: articles.title,
      slug: articles.slug,
      pathMonth: articles.pathMonth,
      dateline: articles.dateline,
      excerpt: articles.excerpt,
      bodyHtml: articles.bodyHtml,
      featuredImageUrl: articles.featuredImageUrl,
      featuredAlt: articles.featuredAlt,
      featuredCaption: articles.featuredCaption,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      isSponsored: articles.isSponsored,
      sponsorName: articles.sponsorName,
      seoTitle: articles.seoTitle,
      seoDescription: articles.seoDescription,
      verificationPendingAt: articles.verificationPendingAt,
      editorId: articles.editorId,
      authorId: users.id,
      authorName: users.name,
      authorSlug: users.slug,
      mediaKey: media.storageKey,
      mediaWidth: media.width,
      mediaHeight: media.height,
      mediaAlt: media.alt,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(media, eq(media.id, articles.featuredMediaId))
    .where(and(eq(articles.slug, slug), eq(articles.pathMonth, pathMonth), isPublic)).limit(1))[0]
  if (!row || !row.publishedAt || !row.pathMonth) return null

  const editor = row.editorId
    ? ((await db.select({ id: users.id, name: users.name, slug: users.slug }).from(users).where(eq(users.id, row.editorId)).limit(1))[0] ?? null)
    : null
  const articleLabelRows = await db
    .select({ id: labels.id, name: labels.name, slug: labels.slug })
    .from(articleLabels)
    .innerJoin(labels, eq(labels.id, articleLabels.labelId))
    .where(eq(articleLabels.articleId, row.id))
    .orderBy(asc(articleLabels.position), asc(labels.name))
  const notes = await db
    .select({ id: articleNotes.id, kind: articleNotes.kind, body: articleNotes.body, createdAt: articleNotes.createdAt })
    .from(articleNotes)
    .where(eq(articleNotes.articleId, row.id))
    .orderBy(asc(articleNotes.createdAt))

  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    pathMonth: row.pathMonth,
    dateline: row.dateline,
    excerpt: row.excerpt,
    bodyHtml: row.bodyHtml,
    image: toImage(row),
    featuredCaption: row.featuredCaption,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    isSponsored: row.isSponsored,
    sponsorName: row.sponsorName,
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    author: { id: row.authorId, name: row.authorName, slug: row.authorSlug },
    editor,
    labels: articleLabelRows,
    notes,
    needsVerification: row.verificationPendingAt !== null,
  }
}

/**
 * How many public stories before an article each of its labels offers as related candidates.
 * Related stories come only from before the article, so a new story changes the related list of
 * at most this many later stories per label (listRelatedFollowerIds), never of a whole label:
 * a publish expires a bounded set of article pages (ADR 007).
 */
export const RELATED_WINDOW = 20

/**
 * Stories that share labels with an article, among those published before it: most shared
 * labels first, then newest. Looks at the RELATED_WINDOW stories before it in each label,
 * through the archive index. Ids only: getStoryCompanions reads their cards.
 */
async function relatedIds(articleId: number, labelIds: number[], publishedAt: Date, limit: number): Promise<number[]> {
  if (labelIds.length === 0) return []
  const db = getDb()
  const candidates = new Map<number, { shared: number; publishedAt: number }>()
  for (const labelId of labelIds) {
    const rows = await db
      .select({ id: articleLabels.articleId, publishedAt: articleLabels.publishedAt })
      .from(articleLabels)
      .where(
        and(eq(articleLabels.labelId, labelId), entryBefore(articleId, publishedAt)),
      )
      .orderBy(desc(articleLabels.publishedAt), desc(articleLabels.articleId))
      .limit(RELATED_WINDOW)
    for (const r of rows) {
      const c = candidates.get(r.id)
      if (c) c.shared += 1
      else candidates.set(r.id, { shared: 1, publishedAt: r.publishedAt?.getTime() ?? 0 })
    }
  }
  return [...candidates.entries()]
    .sort((a, b) => b[1].shared - a[1].shared || b[1].publishedAt - a[1].publishedAt || b[0] - a[0])
    .slice(0, limit)
    .map(([id]) => id)
}

/**
 * The later stories whose related lists may show a story at `publishedAt` in these labels: the
 * RELATED_WINDOW public stories after it in each label (the mirror of relatedIds).
 */
export async function listRelatedFollowerIds(articleId: number, labelIds: number[], publishedAt: Date): Promise<number[]> {
  const db = getDb()
  const ids = new Set<number>()
  for (const labelId of labelIds) {
    const rows = await db
      .select({ id: articleLabels.articleId })
      .from(articleLabels)
      .where(
        and(eq(articleLabels.labelId, labelId), entryAfter(articleId, publishedAt)),
      )
      .orderBy(asc(articleLabels.publishedAt), asc(articleLabels.articleId))
      .limit(RELATED_WINDOW)
    for (const r of rows) ids.add(r.id)
  }
  return [...ids]
}

/**
 * Whether a story at `publishedAt` is (or would be) among the `limit` newest public stories,
 * leaving the story itself out: counts at most `limit` index entries.
 */
export async function isAmongNewest(articleId: number, publishedAt: Date, limit: number): Promise<boolean> {
  const rows = await getDb()
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(isPublic, storyAfter(articleId, publishedAt)),
    )
    .limit(limit)
  return rows.length < limit
}

/**
 * The public stories just before and just after a moment in the global order, leaving one story
 * out: an article's previous/next links, found from where it stands (or stood).
 */
export async function listNeighbourIds(articleId: number, publishedAt: Date): Promise<number[]> {
  const { previous, next } = await adjacentIds(articleId, publishedAt)
  return [previous, next].filter((id): id is number => id !== undefined)
}

async function adjacentIds(articleId: number, publishedAt: Date): Promise<{ previous?: number; next?: number }> {
  const db = getDb()
  const older = (await db
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(isPublic, storyBefore(articleId, publishedAt)),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(1))[0]
  const newer = (await db
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(isPublic, storyAfter(articleId, publishedAt)),
    )
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(1))[0]
  return { previous: older?.id, next: newer?.id }
}

export type StoryCompanions = { related: ArticleCard[]; previous: ArticleCard | null; next: ArticleCard | null }

/**
 * What an article page shows beside the story: up to `relatedLimit` related stories (relatedIds)
 * and the public stories published just before and just after it. Their cards are read together,
 * in one hydration, not one per list.
 */
export async function getStoryCompanions(
  articleId: number,
  labelIds: number[],
  publishedAt: Date,
  relatedLimit = 4,
): Promise<StoryCompanions> {
  const related = await relatedIds(articleId, labelIds, publishedAt, relatedLimit)
  const adjacent = await adjacentIds(articleId, publishedAt)
  const wanted = [...new Set([...related, adjacent.previous, adjacent.next].filter((id): id is number => id !== undefined))]
  const cards = new Map((await hydrateCards(wanted)).map((card) => [card.id, card]))
  const cardOf = (id: number | undefined) => (id === undefined ? null : (cards.get(id) ?? null))
  return {
    related: related.flatMap((id) => cards.get(id) ?? []),
    previous: cardOf(adjacent.previous),
    next: cardOf(adjacent.next),
  }
}
