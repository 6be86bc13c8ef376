import 'server-only'
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import { getDb } from '@/db'
import { type ArticleImage, toImage } from '@/db/queries/articles'
import { articleLabels, articles, labels, media, users } from '@/db/tables'

/** Items per RSS feed. */
export const FEED_SIZE = 20

export type FeedItem = {
  id: number
  title: string
  slug: string
  pathMonth: string
  excerpt: string
  bodyHtml: string
  publishedAt: Date
  updatedAt: Date | null
  isSponsored: boolean
  authorId: number
  authorName: string
  labels: string[]
  labelIds: number[]
  image: ArticleImage | null
}

const isPublic = eq(articles.status, 'published')

async function hydrate(ids: number[]): Promise<FeedItem[]> {
  if (ids.length === 0) return []
  const db = getDb()
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      slug: articles.slug,
      pathMonth: articles.pathMonth,
      excerpt: articles.excerpt,
      bodyHtml: articles.bodyHtml,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      isSponsored: articles.isSponsored,
      featuredImageUrl: articles.featuredImageUrl,
      featuredAlt: articles.featuredAlt,
      authorId: articles.authorId,
      authorName: users.name,
      mediaKey: media.storageKey,
      mediaWidth: media.width,
      mediaHeight: media.height,
      mediaAlt: media.alt,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(media, eq(media.id, articles.featuredMediaId))
    .where(and(inArray(articles.id, ids), isPublic))
  const labelRows = await db
    .select({ articleId: articleLabels.articleId, id: labels.id, name: labels.name })
    .from(articleLabels)
    .innerJoin(labels, eq(labels.id, articleLabels.labelId))
    .where(inArray(articleLabels.articleId, ids))
    .orderBy(asc(articleLabels.position), asc(labels.name))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const r = byId.get(id)
    if (!r || !r.publishedAt || !r.pathMonth) return []
    return [
      {
        id: r.id,
        title: r.title,
        slug: r.slug,
        pathMonth: r.pathMonth,
        excerpt: r.excerpt,
        bodyHtml: r.bodyHtml,
        publishedAt: r.publishedAt,
        updatedAt: r.updatedAt,
        isSponsored: r.isSponsored,
        authorId: r.authorId,
        authorName: r.authorName,
        labels: labelRows.filter((l) => l.articleId === r.id).map((l) => l.name),
        labelIds: labelRows.filter((l) => l.articleId === r.id).map((l) => l.id),
        image: toImage(r),
      },
    ]
  })
}

/** The newest public stories of the whole site, with full bodies. */
export async function listSiteFeedItems(limit = FEED_SIZE): Promise<FeedItem[]> {
  const ids = await getDb()
    .select({ id: articles.id })
    .from(articles)
    .where(isPublic)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
  return hydrate(ids.map((r) => r.id))
}

/** The newest public stories of one label, through the archive index. */
export async function listLabelFeedItems(labelId: number, limit = FEED_SIZE): Promise<FeedItem[]> {
  const ids = await getDb()
    .select({ id: articleLabels.articleId })
    .from(articleLabels)
    .where(and(eq(articleLabels.labelId, labelId), isNotNull(articleLabels.publishedAt)))
    .orderBy(desc(articleLabels.publishedAt), desc(articleLabels.articleId))
    .limit(limit)
  return hydrate(ids.map((r) => r.id))
}

/** The newest public stories of one author. */
export async function listAuthorFeedItems(authorId: number, limit = FEED_SIZE): Promise<FeedItem[]> {
  const ids = await getDb()
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.authorId, authorId), isPublic))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
  return hydrate(ids.map((r) => r.id))
}
