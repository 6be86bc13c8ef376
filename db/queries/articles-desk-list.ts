import 'server-only'
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm'
import { getDb } from '@/db'
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
 * The desk list, last saved first, by keyset on (saved_at, id). Status and author filters
 * walk articles_status_saved_idx / articles_author_saved_idx; a label filter reads its ids
 * from the label's archive index.
 */
export async function listArticlesForDesk(filters: DeskFilters, limit = DESK_PAGE_SIZE): Promise<DeskPage> {
  const db = getDb()
  const savedBy = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${articles.savedBy})`
  const where = and(
    filters.status ? eq(articles.status, filters.status) : undefined,
    filters.authorId ? eq(articles.authorId, filters.authorId) : undefined,
    filters.labelId
      ? inArray(
          articles.id,
          db.select({ id: articleLabels.articleId }).from(articleLabels).where(eq(articleLabels.labelId, filters.labelId)),
        )
      : undefined,
    filters.q ? likeNoCase(articles.title, `%${escapeLike(filters.q)}%`) : undefined,
    filters.after
      ? or(
          lt(articles.savedAt, new Date(filters.after.savedAt)),
          and(eq(articles.savedAt, new Date(filters.after.savedAt)), lt(articles.id, filters.after.id)),
        )
      : undefined,
  )
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      slug: articles.slug,
      pathMonth: articles.pathMonth,
      status: articles.status,
      authorId: articles.authorId,
      authorName: users.name,
      publishedAt: articles.publishedAt,
      savedAt: articles.savedAt,
      savedByName: savedBy,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .where(where)
    .orderBy(desc(articles.savedAt), desc(articles.id))
    .limit(limit + 1)
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, next: rows.length > limit && last ? { savedAt: last.savedAt.getTime(), id: last.id } : null }
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
