import 'server-only'
import { and, eq } from 'drizzle-orm'
import { write } from '@/db'
import { lockingRead } from '@/db/dialect'
import { articles, media, users } from '@/db/tables'
import { articlePath, slugify } from '@/lib/urls'
import { recordRedirect, redirectImportedLegacyPath } from './redirects'
import { writeRevision } from './articles-desk-revisions'
import {
  type ArticleRow,
  clearRedirectsFrom,
  FROM,
  footprint,
  isLiveEditRefused,
  isSlugTaken,
  labelIdsOf,
  LIVE_STATUSES,
  okResult,
  publishNowFields,
  replaceLabels,
  resolveLabels,
  staleError,
  uniqueArticleSlug,
  writeAudit,
  type WriteResult,
} from './articles-desk-shared'

/* The editor's save path: a new draft, and saving (optionally submitting, publishing or scheduling) its content. */

/** What the editor saves; status, author and version are never part of it. */
export type ArticleContent = {
  title: string
  /** null: made from the title. */
  slug: string | null
  dateline: string
  excerpt: string
  /** Already cleaned and sanitized (lib/validation/article.ts). */
  bodyHtml: string
  featuredMediaId: number | null
  keepFeaturedUrl: boolean
  featuredAlt: string
  featuredCaption: string
  labels: string[]
  isSponsored: boolean
  sponsorName: string
  seoTitle: string
  seoDescription: string
}

export type Transition = { to: 'submitted' } | { to: 'published' } | { to: 'scheduled'; at: Date }

export type SaveOptions = {
  /** Autosave: refused for live (published/scheduled) articles; marked on the revision. */
  autosave?: boolean
  /** undefined keeps the current editor; null clears it; a number names an active editor or admin. */
  editorId?: number | null
  /** When publishing with no editor named: who to record (the publishing editor). */
  defaultEditorId?: number
  /** Whether unknown label names may be created (permission 'label:create'). */
  canCreateLabels: boolean
  /**
   * Whether the writer holds 'article:publish' on this article. Without it a live (published or
   * scheduled) article is refused inside the transaction, and so is a move to published or scheduled.
   */
  canPublish: boolean
  /** Save, then move to this status in the same transaction. */
  transition?: Transition
  now?: Date
}

/** Creates a draft owned by `authorId`, with a unique slug from the title, and its first revision. */
export async function createDraft(authorId: number, title: string): Promise<{ id: number }> {
  return write(
    async (tx) => {
      const slug = await uniqueArticleSlug(tx, slugify(title, 120))
      const row = (await tx
        .insert(articles)
        .values({ title, slug, authorId, status: 'draft', version: 1, savedAt: new Date(), savedBy: authorId })
        .returning())[0]!
      await writeRevision(tx, row, [], authorId)
      return { id: row.id }
    },
  )
}

/**
 * Saves the editor's content if `expectedVersion` is still current (else refuses with
 * 'stale' and writes nothing), records a revision, bumps the version, and optionally moves
 * the article to submitted / published / scheduled in the same transaction. Changing the
 * slug of an article that has had a public URL records a 301 from the old URL.
 */
export async function saveArticle(
  id: number,
  content: ArticleContent,
  expectedVersion: number,
  staffId: number,
  opts: SaveOptions,
): Promise<WriteResult> {
  const now = opts.now ?? new Date()
  return write(
    async (tx): Promise<WriteResult> => {
      // PostgreSQL: the version and status checks below read the row as locked (db/dialect.ts lockingRead).
      const current = (await lockingRead(tx, tx.select().from(articles).where(eq(articles.id, id)).limit(1)))[0]
      if (!current) return { ok: false, code: 'not-found' }
      if (current.version !== expectedVersion) return { ok: false, ...(await staleError(tx, current)) }
      const allowedFrom = FROM[opts.transition?.to ?? 'save']
      if (!allowedFrom.includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      const goesLive = opts.transition?.to === 'published' || opts.transition?.to === 'scheduled'
      if (isLiveEditRefused(current, opts.canPublish) || (goesLive && !opts.canPublish)) return { ok: false, code: 'live-needs-publish' }
      if (opts.autosave && LIVE_STATUSES.includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      if (opts.transition?.to === 'scheduled' && opts.transition.at <= now) return { ok: false, code: 'publish-at-past' }

      const beforeLabelIds = await labelIdsOf(tx, id)
      const before = footprint(current, beforeLabelIds)

      // Slug: typed, or from the title. Before first publication a clash just gets a suffix;
      // once the URL has been public, the writer must choose a free one.
      const wanted = content.slug ?? slugify(content.title, 120)
      let slug = current.slug
      if (wanted !== current.slug) {
        if (current.pathMonth) {
          if ((await isSlugTaken(tx, wanted, id))) return { ok: false, code: 'slug-taken' }
          slug = wanted
        } else {
          slug = (await uniqueArticleSlug(tx, wanted, id))
        }
      }

      if (content.featuredMediaId !== null) {
        const exists = (await tx.select({ id: media.id }).from(media).where(eq(media.id, content.featuredMediaId)).limit(1))[0]
        if (!exists) return { ok: false, code: 'media-missing' }
      }

      let editorId = current.editorId
      if (opts.editorId !== undefined) {
        if (opts.editorId !== null) {
          const editor = (await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, opts.editorId)).limit(1))[0]
          if (!editor || !editor.active || (editor.role !== 'editor' && editor.role !== 'admin')) return { ok: false, code: 'editor-invalid' }
        }
        editorId = opts.editorId
      }

      const resolved = await resolveLabels(tx, content.labels, opts.canCreateLabels)
      if (!resolved.ok) return { ok: false, code: 'label-create-forbidden', name: resolved.name }
      const labelIds = resolved.labels.map((l) => l.id)

      let statusFields: Partial<ArticleRow> = {}
      const transition = opts.transition
      // submitted_at: a new wait starts on each submission; a live story is no longer anyone's work.
      if (transition?.to === 'submitted') statusFields = { status: 'submitted', submittedAt: current.status === 'submitted' ? current.submittedAt : now }
      else if (transition?.to === 'published') {
        statusFields = { ...publishNowFields(current, now), submittedAt: null }
        if (editorId === null && opts.defaultEditorId !== undefined) editorId = opts.defaultEditorId
      } else if (transition?.to === 'scheduled') statusFields = { status: 'scheduled', publishedAt: transition.at, submittedAt: null }

      const row = (await tx
        .update(articles)
        .set({
          title: content.title,
          slug,
          dateline: content.dateline,
          excerpt: content.excerpt,
          bodyHtml: content.bodyHtml,
          featuredMediaId: content.featuredMediaId,
          featuredImageUrl: content.featuredMediaId === null && content.keepFeaturedUrl ? current.featuredImageUrl : null,
          featuredAlt: content.featuredAlt,
          featuredCaption: content.featuredCaption,
          isSponsored: content.isSponsored,
          sponsorName: content.isSponsored ? content.sponsorName : '',
          seoTitle: content.seoTitle,
          seoDescription: content.seoDescription,
          editorId,
          ...statusFields,
          version: current.version + 1,
          savedAt: now,
          savedBy: staffId,
        })
        .where(and(eq(articles.id, id), eq(articles.version, expectedVersion)))
        .returning())[0]!
      await replaceLabels(tx, id, labelIds, beforeLabelIds)
      await writeRevision(tx, row, resolved.labels, staffId, opts.autosave ? { autosave: true } : {})

      if (row.pathMonth && slug !== current.slug && current.pathMonth) {
        await recordRedirect(articlePath(current), articlePath(row), 'article-slug')
      }
      if (row.status === 'published' && current.status !== 'published') {
        await clearRedirectsFrom(tx, articlePath(row))
        await redirectImportedLegacyPath(tx, row.id, articlePath(row))
        await writeAudit(tx, staffId, 'article.publish', id, { title: row.title, path: articlePath(row) })
      } else if (row.status === 'scheduled' && transition?.to === 'scheduled') {
        await writeAudit(tx, staffId, 'article.schedule', id, { title: row.title, at: row.publishedAt?.toISOString() })
      } else if (row.status === 'submitted' && current.status !== 'submitted') {
        await writeAudit(tx, staffId, 'article.submit', id, { title: row.title })
      }
      return okResult(row, before, footprint(row, labelIds))
    },
  )
}
