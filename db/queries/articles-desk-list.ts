import 'server-only'
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql } from 'drizzle-orm'
import { getDb, getDialect } from '@/db'
import { likeNoCase } from '@/db/dialect'
import { articleLabels, articles, labels, users, type ArticleStatus } from '@/db/tables'
import { slugify } from '@/lib/urls'
import { escapeLike } from './articles-desk-shared'

/* The newsroom's article list and the pickers beside it (authors, editors, labels). */

export const DESK_PAGE_SIZE = 25

export type DeskArticle = {
  id: number
  title: string
  slug: string
  pathMonth: string | null
  status: ArticleStatus
  authorId: number
  authorName: string
  publishedAt: Date | null
  savedAt: Date
  savedByName: string | null
}

export type DeskFilters = {
  status?: ArticleStatus
  authorId?: number
  labelId?: number
  /** Words in the title (case-insensitive for ASCII). */
  q?: string
  /** Keyset: the last row of the previous page. */
  after?: { savedAt: number; id: number }
}

export type DeskPage = { items: DeskArticle[]; next: { savedAt: number; id: number } | null }

/**
 * Rows of the desk order one statement of a filtered list walks at most. The label filter and the
 * title search are the two filters no index orders by the last save: one statement over the whole
 * archive held the event loop 85 ms for the biggest label (41,916 stories) and 93 ms for a title word
 * found nowhere, on the 100,000-story site. A slice of this many rows takes a few milliseconds.
 */
export const DESK_SLICE_ROWS = 4000

/**
 * The desk list, last saved first, by keyset on (saved_at, id). Status and author filters walk
 * articles_status_saved_idx / articles_author_saved_idx / articles_author_status_saved_idx, so a
 * list filtered by them alone is one statement that stops at its page. A label filter or title
 * words are checked row by row along that walk, `slice` rows of it per statement, with the event
 * loop free between statements, until the page is full or the walk has reached the oldest story:
 * the cost grows with how far back the matches lie, and never holds the loop for more than one slice.
 * On SQLite, whose statements run on the event loop; PostgreSQL gets the one statement.
 * A save between two slices can move a story to the top, where this walk has already been: the list
 * is as of each slice, as a keyset page is as of its request.
 */
export async function listArticlesForDesk(filters: DeskFilters, limit = DESK_PAGE_SIZE, slice = DESK_SLICE_ROWS): Promise<DeskPage> {
  const db = getDb()
  const indexed = and(
    filters.status ? eq(articles.status, filters.status) : undefined,
    filters.authorId ? eq(articles.authorId, filters.authorId) : undefined,
  )
  // Each row is checked by its own keys: the article's labels by their primary key, never the
  // label's whole list of stories (a big label's is tens of thousands).
  const checked = and(
    filters.labelId
      ? sql`exists (select 1 from ${articleLabels} where ${articleLabels.articleId} = ${articles.id} and ${articleLabels.labelId} = ${filters.labelId})`
      : undefined,
    filters.q ? likeNoCase(articles.title, `%${escapeLike(filters.q)}%`) : undefined,
  )
  const columns = {
    id: articles.id,
    title: articles.title,
    slug: articles.slug,
    pathMonth: articles.pathMonth,
    status: articles.status,
    authorId: articles.authorId,
    authorName: users.name,
    publishedAt: articles.publishedAt,
    savedAt: articles.savedAt,
    savedByName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${articles.savedBy})`,
  }
  const newest = (rows: DeskArticle[]): DeskPage => {
    const items = rows.slice(0, limit)
    const last = items.at(-1)
    return { items, next: rows.length > limit && last ? { savedAt: last.savedAt.getTime(), id: last.id } : null }
  }

  // PostgreSQL answers off the event loop, and plans one statement better than the walk's fifty:
  // a title found nowhere took 70 ms so against 206 ms in slices on the 100,000-story site.
  if (!checked || getDialect() === 'postgres') {
    const rows = await db
      .select(columns)
      .from(articles)
      .innerJoin(users, eq(users.id, articles.authorId))
      .where(and(indexed, olderThan(filters.after), checked))
      .orderBy(desc(articles.savedAt), desc(articles.id))
      .limit(limit + 1)
    return newest(rows)
  }

  const found: DeskArticle[] = []
  let from = filters.after
  for (;;) {
    // Where this slice ends: the slice-th row of the walk, read from the index alone.
    const [end] = await db
      .select({ savedAt: articles.savedAt, id: articles.id })
      .from(articles)
      .where(and(indexed, olderThan(from)))
      .orderBy(desc(articles.savedAt), desc(articles.id))
      .limit(1)
      .offset(slice - 1)
    const rows = await db
      .select(columns)
      .from(articles)
      .innerJoin(users, eq(users.id, articles.authorId))
      .where(and(indexed, olderThan(from), end ? notOlderThan(end) : undefined, checked))
      .orderBy(desc(articles.savedAt), desc(articles.id))
      .limit(limit + 1 - found.length)
    found.push(...rows)
    if (found.length > limit || !end) return newest(found)
    from = { savedAt: end.savedAt.getTime(), id: end.id }
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/**
 * Rows after `key` in the desk order (saved_at, id), newest first. The bare `saved_at <=` is the
 * range the index walks; SQLite cannot walk one from the OR alone, and would start every slice at
 * the newest story.
 */
function olderThan(key: { savedAt: number; id: number } | undefined) {
  if (!key) return undefined
  const at = new Date(key.savedAt)
  return and(lte(articles.savedAt, at), or(lt(articles.savedAt, at), lt(articles.id, key.id)))
}

/** Rows up to and including `key` in the desk order. */
function notOlderThan(key: { savedAt: Date; id: number }) {
  return and(gte(articles.savedAt, key.savedAt), or(gt(articles.savedAt, key.savedAt), gte(articles.id, key.id)))
}

/** People who can appear as authors in the desk filter. */
export async function listDeskAuthors(): Promise<Array<{ id: number; name: string }>> {
  return await getDb().select({ id: users.id, name: users.name }).from(users).orderBy(asc(users.name)).limit(500)
}

/** Active editors and admins: who may be named as the article's editor. */
export async function listEditors(): Promise<Array<{ id: number; name: string }>> {
  return await getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, ['editor', 'admin']), eq(users.active, true)))
    .orderBy(asc(users.name))
}

/** All labels by name, for the desk's label filter. */
export async function listLabelsForFilter(): Promise<Array<{ id: number; name: string }>> {
  return await getDb().select({ id: labels.id, name: labels.name }).from(labels).orderBy(asc(labels.name)).limit(1000)
}

/** Label autocomplete: names starting with the query first, then containing it. */
export async function searchLabels(q: string, limit = 8): Promise<Array<{ id: number; name: string; slug: string }>> {
  const query = q.trim()
  if (!query) return []
  const like = escapeLike(query)
  return await getDb()
    .select({ id: labels.id, name: labels.name, slug: labels.slug })
    .from(labels)
    .where(sql`${likeNoCase(labels.name, `%${like}%`)} or ${likeNoCase(labels.slug, `%${escapeLike(slugify(query))}%`)}`)
    .orderBy(sql`case when ${likeNoCase(labels.name, `${like}%`)} then 0 else 1 end`, asc(labels.name))
    .limit(limit)
}
