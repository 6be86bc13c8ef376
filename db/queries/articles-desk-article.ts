import 'server-only'
import { asc, eq, sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { articleLabels, articleNotes, articles, labels, media, users, type ArticleStatus, type NoteKind } from '@/db/tables'
import { toPathMonth } from '@/lib/dates'
import { type ArticleImage, type PublicArticle, toImage } from './articles'
import type { Tx } from './articles-desk-shared'

/* One article as the newsroom reads it: the editor's fields, the preview, the ref an action authorizes on. */

export type ArticleForEdit = {
  id: number
  title: string
  slug: string
  pathMonth: string | null
  dateline: string
  excerpt: string
  bodyHtml: string
  featuredMediaId: number | null
  featuredMedia: { storageKey: string; width: number; height: number; alt: string } | null
  featuredImageUrl: string | null
  featuredAlt: string
  featuredCaption: string
  authorId: number
  authorName: string
  editorId: number | null
  status: ArticleStatus
  version: number
  publishedAt: Date | null
  updatedAt: Date | null
  isSponsored: boolean
  sponsorName: string
  seoTitle: string
  seoDescription: string
  retractedAt: Date | null
  retractionReason: string
  /** Since when the story is marked as still needing verification; null when it is not. */
  verificationPendingAt: Date | null
  savedAt: Date
  savedByName: string | null
  labels: Array<{ id: number; name: string; slug: string }>
  notes: Array<{ id: number; kind: NoteKind; body: string; createdAt: Date; createdByName: string | null }>
}

async function listArticleLabels(db: ReturnType<typeof getDb> | Tx, articleId: number) {
  return await db
    .select({ id: labels.id, name: labels.name, slug: labels.slug })
    .from(articleLabels)
    .innerJoin(labels, eq(labels.id, articleLabels.labelId))
    .where(eq(articleLabels.articleId, articleId))
    .orderBy(asc(articleLabels.position), asc(labels.name))
}

/** Everything the editor shows, whatever the status. `authorId` decides `own` permissions. */
export async function getArticleForEdit(id: number): Promise<ArticleForEdit | null> {
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
      featuredMediaId: articles.featuredMediaId,
      featuredImageUrl: articles.featuredImageUrl,
      featuredAlt: articles.featuredAlt,
      featuredCaption: articles.featuredCaption,
      authorId: articles.authorId,
      authorName: users.name,
      editorId: articles.editorId,
      status: articles.status,
      version: articles.version,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      isSponsored: articles.isSponsored,
      sponsorName: articles.sponsorName,
      seoTitle: articles.seoTitle,
      seoDescription: articles.seoDescription,
      retractedAt: articles.retractedAt,
      retractionReason: articles.retractionReason,
      verificationPendingAt: articles.verificationPendingAt,
      savedAt: articles.savedAt,
      savedByName: sql<string | null>`(select u.name from users u where u.id = ${articles.savedBy})`,
      mediaKey: media.storageKey,
      mediaWidth: media.width,
      mediaHeight: media.height,
      mediaAlt: media.alt,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(media, eq(media.id, articles.featuredMediaId))
    .where(eq(articles.id, id)).limit(1))[0]
  if (!row) return null
  const { mediaKey, mediaWidth, mediaHeight, mediaAlt, ...rest } = row
  const notes = await db
    .select({
      id: articleNotes.id,
      kind: articleNotes.kind,
      body: articleNotes.body,
      createdAt: articleNotes.createdAt,
      createdByName: users.name,
    })
    .from(articleNotes)
    .leftJoin(users, eq(users.id, articleNotes.createdBy))
    .where(eq(articleNotes.articleId, id))
    .orderBy(asc(articleNotes.createdAt), asc(articleNotes.id))
  return {
    ...rest,
    featuredMedia:
      mediaKey && mediaWidth && mediaHeight ? { storageKey: mediaKey, width: mediaWidth, height: mediaHeight, alt: mediaAlt ?? '' } : null,
    labels: await listArticleLabels(db, id),
    notes,
  }
}

/**
 * A draft (or any article) shaped as the public page renders it, for the preview. An
 * unpublished article gets the URL month and date it would have if published now.
 */
export async function getArticlePreview(id: number, now = new Date()): Promise<PublicArticle | null> {
  const a = await getArticleForEdit(id)
  if (!a) return null
  const db = getDb()
  const editor = a.editorId
    ? ((await db.select({ id: users.id, name: users.name, slug: users.slug }).from(users).where(eq(users.id, a.editorId)).limit(1))[0] ?? null)
    : null
  const author = (await db.select({ id: users.id, name: users.name, slug: users.slug }).from(users).where(eq(users.id, a.authorId)).limit(1))[0]!
  const image: ArticleImage | null = toImage({
    mediaKey: a.featuredMedia?.storageKey ?? null,
    mediaWidth: a.featuredMedia?.width ?? null,
    mediaHeight: a.featuredMedia?.height ?? null,
    mediaAlt: a.featuredMedia?.alt ?? null,
    featuredImageUrl: a.featuredImageUrl,
    featuredAlt: a.featuredAlt,
  })
  const publishedAt = a.publishedAt ?? now
  return {
    id: a.id,
    title: a.title,
    slug: a.slug,
    pathMonth: a.pathMonth ?? toPathMonth(publishedAt),
    dateline: a.dateline,
    excerpt: a.excerpt,
    bodyHtml: a.bodyHtml,
    image,
    featuredCaption: a.featuredCaption,
    publishedAt,
    updatedAt: a.updatedAt,
    isSponsored: a.isSponsored,
    sponsorName: a.sponsorName,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    author,
    editor,
    labels: a.labels,
    notes: a.notes.map(({ id, kind, body, createdAt }) => ({ id, kind, body, createdAt })),
    needsVerification: a.verificationPendingAt !== null,
  }
}

/** Who owns an article and where it stands: what an action's authorization needs, nothing more. */
export async function getArticleRef(id: number): Promise<{ id: number; authorId: number; status: ArticleStatus; version: number } | null> {
  return (
    (await getDb()
      .select({ id: articles.id, authorId: articles.authorId, status: articles.status, version: articles.version })
      .from(articles)
      .where(eq(articles.id, id)).limit(1))[0] ?? null
  )
}
