import 'server-only'
import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm'
import { runWrite } from '@/db/write-lock'
import { getDb, type Executor } from '@/db'
import {
  articleLabels,
  articleNotes,
  articleRevisions,
  articles,
  auditLog,
  labels,
  media,
  redirects,
  users,
  type ArticleStatus,
  type NoteKind,
} from '@/db/schema'
import { toPathMonth } from '@/lib/dates'
import type { ArticleFootprint } from '@/lib/revalidate'
import { articlePath, slugify } from '@/lib/urls'
import { type ArticleImage, type PublicArticle, toImage } from './articles'
import { addRedirect, recordArticleDeletion, redirectImportedLegacyPath } from './redirects'

/*
 * The newsroom's reads and writes of articles. Every write runs in one synchronous
 * better-sqlite3 transaction (sanitize and validate before calling), checks the version the
 * editor was opened at, and returns a typed result: a stale save is refused before anything
 * is written, so the writer's unsaved text stays in their browser. Writes return the
 * article's public "footprint" before and after, for revalidateArticle().
 */

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0]

export const DESK_PAGE_SIZE = 25

// ---------------------------------------------------------------------------------------
// Reads

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

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * The desk list, last saved first, by keyset on (saved_at, id). Status and author filters
 * walk articles_status_saved_idx / articles_author_saved_idx; a label filter reads its ids
 * from the label's archive index.
 */
export function listArticlesForDesk(filters: DeskFilters, limit = DESK_PAGE_SIZE): DeskPage {
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
    filters.q ? sql`${articles.title} like ${`%${escapeLike(filters.q)}%`} escape '\\'` : undefined,
    filters.after
      ? or(
          lt(articles.savedAt, new Date(filters.after.savedAt)),
          and(eq(articles.savedAt, new Date(filters.after.savedAt)), lt(articles.id, filters.after.id)),
        )
      : undefined,
  )
  const rows = db
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
    .all()
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, next: rows.length > limit && last ? { savedAt: last.savedAt.getTime(), id: last.id } : null }
}

/** People who can appear as authors in the desk filter. */
export function listDeskAuthors(): Array<{ id: number; name: string }> {
  return getDb().select({ id: users.id, name: users.name }).from(users).orderBy(asc(users.name)).limit(500).all()
}

/** Active editors and admins: who may be named as the article's editor. */
export function listEditors(): Array<{ id: number; name: string }> {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, ['editor', 'admin']), eq(users.active, true)))
    .orderBy(asc(users.name))
    .all()
}

/** All labels by name, for the desk's label filter. */
export function listLabelsForFilter(): Array<{ id: number; name: string }> {
  return getDb().select({ id: labels.id, name: labels.name }).from(labels).orderBy(asc(labels.name)).limit(1000).all()
}

/** Label autocomplete: names starting with the query first, then containing it. */
export function searchLabels(q: string, limit = 8): Array<{ id: number; name: string; slug: string }> {
  const query = q.trim()
  if (!query) return []
  const like = escapeLike(query)
  return getDb()
    .select({ id: labels.id, name: labels.name, slug: labels.slug })
    .from(labels)
    .where(sql`${labels.name} like ${`%${like}%`} escape '\\' or ${labels.slug} like ${`%${escapeLike(slugify(query))}%`} escape '\\'`)
    .orderBy(sql`case when ${labels.name} like ${`${like}%`} escape '\\' then 0 else 1 end`, asc(labels.name))
    .limit(limit)
    .all()
}

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
  savedAt: Date
  savedByName: string | null
  labels: Array<{ id: number; name: string; slug: string }>
  notes: Array<{ id: number; kind: NoteKind; body: string; createdAt: Date; createdByName: string | null }>
}

function listArticleLabels(db: ReturnType<typeof getDb> | Tx, articleId: number) {
  return db
    .select({ id: labels.id, name: labels.name, slug: labels.slug })
    .from(articleLabels)
    .innerJoin(labels, eq(labels.id, articleLabels.labelId))
    .where(eq(articleLabels.articleId, articleId))
    .orderBy(asc(articleLabels.position), asc(labels.name))
    .all()
}

/** Everything the editor shows, whatever the status. `authorId` decides `own` permissions. */
export function getArticleForEdit(id: number): ArticleForEdit | null {
  const db = getDb()
  const row = db
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
    .where(eq(articles.id, id))
    .get()
  if (!row) return null
  const { mediaKey, mediaWidth, mediaHeight, mediaAlt, ...rest } = row
  const notes = db
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
    .all()
  return {
    ...rest,
    featuredMedia:
      mediaKey && mediaWidth && mediaHeight ? { storageKey: mediaKey, width: mediaWidth, height: mediaHeight, alt: mediaAlt ?? '' } : null,
    labels: listArticleLabels(db, id),
    notes,
  }
}

/**
 * A draft (or any article) shaped as the public page renders it, for the preview. An
 * unpublished article gets the URL month and date it would have if published now.
 */
export function getArticlePreview(id: number, now = new Date()): PublicArticle | null {
  const a = getArticleForEdit(id)
  if (!a) return null
  const db = getDb()
  const editor = a.editorId
    ? (db.select({ id: users.id, name: users.name, slug: users.slug }).from(users).where(eq(users.id, a.editorId)).get() ?? null)
    : null
  const author = db.select({ id: users.id, name: users.name, slug: users.slug }).from(users).where(eq(users.id, a.authorId)).get()!
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
  }
}

export type RevisionSummary = {
  id: number
  version: number
  createdAt: Date
  createdByName: string | null
  isAutosave: boolean
  restoredFrom: number | null
}

/** An article's revisions, newest first. */
export function listRevisions(articleId: number): RevisionSummary[] {
  return getDb()
    .select({
      id: articleRevisions.id,
      version: articleRevisions.version,
      createdAt: articleRevisions.createdAt,
      createdByName: users.name,
      snapshot: articleRevisions.snapshot,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.version), desc(articleRevisions.id))
    .all()
    .map(({ snapshot, ...r }) => ({
      ...r,
      isAutosave: snapshot.autosave === true,
      restoredFrom: typeof snapshot.restoredFrom === 'number' ? snapshot.restoredFrom : null,
    }))
}

export type Revision = RevisionSummary & { title: string; excerpt: string; bodyHtml: string; snapshot: RevisionSnapshot }

export function getRevision(articleId: number, revisionId: number): Revision | null {
  const row = getDb()
    .select({
      id: articleRevisions.id,
      version: articleRevisions.version,
      createdAt: articleRevisions.createdAt,
      createdByName: users.name,
      title: articleRevisions.title,
      excerpt: articleRevisions.excerpt,
      bodyHtml: articleRevisions.bodyHtml,
      snapshot: articleRevisions.snapshot,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.id, revisionId)))
    .get()
  if (!row) return null
  const snapshot = row.snapshot as RevisionSnapshot
  return {
    ...row,
    snapshot,
    isAutosave: snapshot.autosave === true,
    restoredFrom: typeof snapshot.restoredFrom === 'number' ? snapshot.restoredFrom : null,
  }
}

// ---------------------------------------------------------------------------------------
// Writes

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

export type WriteError =
  | { code: 'not-found' }
  | { code: 'stale'; currentVersion: number; savedAt: Date; savedByName: string | null }
  | { code: 'wrong-status'; status: ArticleStatus }
  | { code: 'slug-taken' }
  | { code: 'media-missing' }
  | { code: 'editor-invalid' }
  | { code: 'label-create-forbidden'; name: string }
  | { code: 'publish-at-past' }
  | { code: 'revision-missing' }

export type WriteOk = {
  ok: true
  id: number
  version: number
  status: ArticleStatus
  slug: string
  pathMonth: string | null
  publishedAt: Date | null
  savedAt: Date
  /** Where the article showed publicly before and shows after (null when not public). */
  before: ArticleFootprint | null
  after: ArticleFootprint | null
}

export type WriteResult = WriteOk | ({ ok: false } & WriteError)

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
  /** Save, then move to this status in the same transaction. */
  transition?: Transition
  now?: Date
}

type ArticleRow = typeof articles.$inferSelect

/** Where the transitions may start from. */
const FROM: Record<'save' | 'submitted' | 'published' | 'scheduled', readonly ArticleStatus[]> = {
  save: ['draft', 'submitted', 'scheduled', 'published', 'unpublished'],
  submitted: ['draft', 'submitted', 'unpublished'],
  published: ['draft', 'submitted', 'scheduled', 'unpublished', 'published'],
  scheduled: ['draft', 'submitted', 'unpublished', 'scheduled'],
}

export const LIVE_STATUSES: readonly ArticleStatus[] = ['published', 'scheduled']

type FootprintRow = Pick<ArticleRow, 'id' | 'authorId' | 'status' | 'pathMonth' | 'slug' | 'publishedAt' | 'isSponsored'>

/** Where the story shows publicly (lib/cache/article.ts), or null when it shows nowhere. */
function footprint(row: FootprintRow, labelIds: number[]): ArticleFootprint | null {
  if (row.status !== 'published' || !row.pathMonth || !row.publishedAt) return null
  return {
    id: row.id,
    authorId: row.authorId,
    labelIds,
    pathMonth: row.pathMonth,
    slug: row.slug,
    publishedAt: row.publishedAt,
    isSponsored: row.isSponsored,
  }
}

function labelIdsOf(tx: Tx, articleId: number): number[] {
  return tx
    .select({ id: articleLabels.labelId })
    .from(articleLabels)
    .where(eq(articleLabels.articleId, articleId))
    .orderBy(asc(articleLabels.position))
    .all()
    .map((r) => r.id)
}

function staleError(tx: Tx, row: ArticleRow): WriteError {
  const savedByName = row.savedBy ? (tx.select({ name: users.name }).from(users).where(eq(users.id, row.savedBy)).get()?.name ?? null) : null
  return { code: 'stale', currentVersion: row.version, savedAt: row.savedAt, savedByName }
}

function writeAudit(tx: Tx, actorId: number | null, action: string, articleId: number, detail: Record<string, unknown>) {
  tx.insert(auditLog).values({ actorId, action, entity: 'article', entityId: articleId, detail }).run()
}

/** A slug free among all articles: `base`, else `base-2`, `base-3`… */
function uniqueArticleSlug(tx: Tx, base: string, exceptId?: number): string {
  const taken = new Set(
    tx
      .select({ slug: articles.slug })
      .from(articles)
      .where(
        and(
          sql`(${articles.slug} = ${base} or ${articles.slug} like ${`${escapeLike(base)}-%`} escape '\\')`,
          exceptId ? sql`${articles.id} <> ${exceptId}` : undefined,
        ),
      )
      .all()
      .map((r) => r.slug),
  )
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}

function isSlugTaken(tx: Tx, slug: string, exceptId: number): boolean {
  return Boolean(
    tx
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.slug, slug), sql`${articles.id} <> ${exceptId}`))
      .get(),
  )
}

/**
 * Finds labels by name (through their slug) and creates the missing ones, or, when creating
 * is not allowed, names the first missing one without writing anything.
 */
function resolveLabels(tx: Tx, names: string[], canCreate: boolean): { ok: true; ids: number[] } | { ok: false; name: string } {
  const found = names.map((name) => {
    const slug = slugify(name, 80)
    return { name, slug, id: tx.select({ id: labels.id }).from(labels).where(eq(labels.slug, slug)).get()?.id }
  })
  const missing = found.find((l) => l.id === undefined)
  if (missing && !canCreate) return { ok: false, name: missing.name }
  const ids: number[] = []
  for (const label of found) {
    const id = label.id ?? tx.insert(labels).values({ name: label.name, slug: label.slug }).returning({ id: labels.id }).get().id
    if (!ids.includes(id)) ids.push(id)
  }
  return { ok: true, ids }
}

function replaceLabels(tx: Tx, articleId: number, labelIds: number[]) {
  tx.delete(articleLabels).where(eq(articleLabels.articleId, articleId)).run()
  labelIds.forEach((labelId, position) => tx.insert(articleLabels).values({ articleId, labelId, position }).run())
}

export type RevisionSnapshot = {
  slug: string
  dateline: string
  featuredMediaId: number | null
  featuredImageUrl: string | null
  featuredAlt: string
  featuredCaption: string
  labelIds: number[]
  labelNames: string[]
  isSponsored: boolean
  sponsorName: string
  seoTitle: string
  seoDescription: string
  editorId: number | null
  status: ArticleStatus
  autosave?: boolean
  restoredFrom?: number
}

/** Snapshots an article as it stands (before a write replaces it); the import uses it too. */
export function writeRevision(tx: Executor, row: ArticleRow, labelIds: number[], createdBy: number | null, extra: Partial<RevisionSnapshot> = {}) {
  const labelNames = labelIds.length
    ? tx.select({ id: labels.id, name: labels.name }).from(labels).where(inArray(labels.id, labelIds)).all()
    : []
  const snapshot: RevisionSnapshot = {
    slug: row.slug,
    dateline: row.dateline,
    featuredMediaId: row.featuredMediaId,
    featuredImageUrl: row.featuredImageUrl,
    featuredAlt: row.featuredAlt,
    featuredCaption: row.featuredCaption,
    labelIds,
    labelNames: labelIds.map((id) => labelNames.find((l) => l.id === id)?.name ?? ''),
    isSponsored: row.isSponsored,
    sponsorName: row.sponsorName,
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    editorId: row.editorId,
    status: row.status,
    ...extra,
  }
  tx.insert(articleRevisions)
    .values({ articleId: row.id, version: row.version, title: row.title, excerpt: row.excerpt, bodyHtml: row.bodyHtml, snapshot, createdBy })
    .run()
}

/** A live article always wins its address: a redirect away from it would hide it. */
function clearRedirectsFrom(tx: Tx, path: string) {
  tx.delete(redirects).where(eq(redirects.fromPath, path)).run()
}

function okResult(row: ArticleRow, before: ArticleFootprint | null, after: ArticleFootprint | null): WriteOk {
  return {
    ok: true,
    id: row.id,
    version: row.version,
    status: row.status,
    slug: row.slug,
    pathMonth: row.pathMonth,
    publishedAt: row.publishedAt,
    savedAt: row.savedAt,
    before,
    after,
  }
}

/** The publication fields for going live now: the first publication fixes the URL month for good. */
function publishNowFields(row: ArticleRow, now: Date) {
  const publishedAt = row.pathMonth && row.publishedAt && row.publishedAt <= now ? row.publishedAt : now
  return { status: 'published' as const, publishedAt, pathMonth: row.pathMonth ?? toPathMonth(publishedAt) }
}

/** Creates a draft owned by `authorId`, with a unique slug from the title, and its first revision. */
export function createDraft(authorId: number, title: string): { id: number } {
  const db = getDb()
  return db.transaction(
    (tx) => {
      const slug = uniqueArticleSlug(tx, slugify(title, 120))
      const row = tx
        .insert(articles)
        .values({ title, slug, authorId, status: 'draft', version: 1, savedAt: new Date(), savedBy: authorId })
        .returning()
        .get()
      writeRevision(tx, row, [], authorId)
      return { id: row.id }
    },
    { behavior: 'immediate' },
  )
}

/**
 * Saves the editor's content if `expectedVersion` is still current (else refuses with
 * 'stale' and writes nothing), records a revision, bumps the version, and optionally moves
 * the article to submitted / published / scheduled in the same transaction. Changing the
 * slug of an article that has had a public URL records a 301 from the old URL.
 */
export function saveArticle(
  id: number,
  content: ArticleContent,
  expectedVersion: number,
  staffId: number,
  opts: SaveOptions,
): WriteResult {
  const now = opts.now ?? new Date()
  const db = getDb()
  return db.transaction(
    (tx): WriteResult => {
      const current = tx.select().from(articles).where(eq(articles.id, id)).get()
      if (!current) return { ok: false, code: 'not-found' }
      if (current.version !== expectedVersion) return { ok: false, ...staleError(tx, current) }
      const allowedFrom = FROM[opts.transition?.to ?? 'save']
      if (!allowedFrom.includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      if (opts.autosave && LIVE_STATUSES.includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      if (opts.transition?.to === 'scheduled' && opts.transition.at <= now) return { ok: false, code: 'publish-at-past' }

      const beforeLabelIds = labelIdsOf(tx, id)
      const before = footprint(current, beforeLabelIds)

      // Slug: typed, or from the title. Before first publication a clash just gets a suffix;
      // once the URL has been public, the writer must choose a free one.
      const wanted = content.slug ?? slugify(content.title, 120)
      let slug = current.slug
      if (wanted !== current.slug) {
        if (current.pathMonth) {
          if (isSlugTaken(tx, wanted, id)) return { ok: false, code: 'slug-taken' }
          slug = wanted
        } else {
          slug = uniqueArticleSlug(tx, wanted, id)
        }
      }

      if (content.featuredMediaId !== null) {
        const exists = tx.select({ id: media.id }).from(media).where(eq(media.id, content.featuredMediaId)).get()
        if (!exists) return { ok: false, code: 'media-missing' }
      }

      let editorId = current.editorId
      if (opts.editorId !== undefined) {
        if (opts.editorId !== null) {
          const editor = tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, opts.editorId)).get()
          if (!editor || !editor.active || (editor.role !== 'editor' && editor.role !== 'admin')) return { ok: false, code: 'editor-invalid' }
        }
        editorId = opts.editorId
      }

      const resolved = resolveLabels(tx, content.labels, opts.canCreateLabels)
      if (!resolved.ok) return { ok: false, code: 'label-create-forbidden', name: resolved.name }
      const labelIds = resolved.ids

      let statusFields: Partial<ArticleRow> = {}
      const transition = opts.transition
      if (transition?.to === 'submitted') statusFields = { status: 'submitted' }
      else if (transition?.to === 'published') {
        statusFields = publishNowFields(current, now)
        if (editorId === null && opts.defaultEditorId !== undefined) editorId = opts.defaultEditorId
      } else if (transition?.to === 'scheduled') statusFields = { status: 'scheduled', publishedAt: transition.at }

      const row = tx
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
        .returning()
        .get()
      replaceLabels(tx, id, labelIds)
      writeRevision(tx, row, labelIds, staffId, opts.autosave ? { autosave: true } : {})

      if (row.pathMonth && slug !== current.slug && current.pathMonth) {
        addRedirect(articlePath(current), articlePath(row), 'article-slug')
      }
      if (row.status === 'published' && current.status !== 'published') {
        clearRedirectsFrom(tx, articlePath(row))
        redirectImportedLegacyPath(tx, row.id, articlePath(row))
        writeAudit(tx, staffId, 'article.publish', id, { title: row.title, path: articlePath(row) })
      } else if (row.status === 'scheduled' && transition?.to === 'scheduled') {
        writeAudit(tx, staffId, 'article.schedule', id, { title: row.title, at: row.publishedAt?.toISOString() })
      } else if (row.status === 'submitted' && current.status !== 'submitted') {
        writeAudit(tx, staffId, 'article.submit', id, { title: row.title })
      }
      return okResult(row, before, footprint(row, labelIds))
    },
    { behavior: 'immediate' },
  )
}

type StatusChange = {
  from: readonly ArticleStatus[]
  set: (row: ArticleRow, now: Date) => Partial<ArticleRow>
  audit?: (row: ArticleRow) => [string, Record<string, unknown>]
}

function changeStatus(id: number, expectedVersion: number, staffId: number | null, change: StatusChange, now: Date): WriteResult {
  const db = getDb()
  return db.transaction(
    (tx): WriteResult => {
      const current = tx.select().from(articles).where(eq(articles.id, id)).get()
      if (!current) return { ok: false, code: 'not-found' }
      if (current.version !== expectedVersion) return { ok: false, ...staleError(tx, current) }
      if (!change.from.includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      const labelIds = labelIdsOf(tx, id)
      const row = tx
        .update(articles)
        .set({ ...change.set(current, now), version: current.version + 1, savedAt: now, savedBy: staffId })
        .where(eq(articles.id, id))
        .returning()
        .get()
      if (change.audit) {
        const [action, detail] = change.audit(row)
        writeAudit(tx, staffId, action, id, detail)
      }
      return okResult(row, footprint(current, labelIds), footprint(row, labelIds))
    },
    { behavior: 'immediate' },
  )
}

/** Takes a published article off the site (its URL answers 404 until it is published again). */
export function unpublishArticle(id: number, expectedVersion: number, staffId: number, now = new Date()): WriteResult {
  return changeStatus(id, expectedVersion, staffId, {
    from: ['published'],
    set: () => ({ status: 'unpublished' }),
    audit: (row) => ['article.unpublish', { title: row.title, path: articlePath(row) }],
  }, now)
}

/** Retraction: off every list, and its URL keeps a public notice with the reason (HTTP 410). */
export function retractArticle(id: number, expectedVersion: number, staffId: number, reason: string, now = new Date()): WriteResult {
  return changeStatus(id, expectedVersion, staffId, {
    from: ['published', 'unpublished'],
    set: () => ({ status: 'retracted', retractedAt: now, retractionReason: reason }),
    audit: (row) => ['article.retract', { title: row.title, path: articlePath(row), reason }],
  }, now)
}

/** A scheduled article back to draft; an editor's "return to writer" from the review queue. */
export function unscheduleArticle(id: number, expectedVersion: number, staffId: number, now = new Date()): WriteResult {
  return changeStatus(id, expectedVersion, staffId, {
    from: ['scheduled'],
    // An article that was never public has no publication time while it waits again.
    set: (row) => ({ status: 'draft', publishedAt: row.pathMonth ? row.publishedAt : null }),
    audit: (row) => ['article.unschedule', { title: row.title }],
  }, now)
}

export function returnArticleToWriter(id: number, expectedVersion: number, staffId: number, now = new Date()): WriteResult {
  return changeStatus(id, expectedVersion, staffId, {
    from: ['submitted'],
    set: () => ({ status: 'draft' }),
    audit: (row) => ['article.return', { title: row.title }],
  }, now)
}

/**
 * Deletes an article that is not public (live or retracted articles must be taken down first).
 * One that readers once saw leaves a 410 at its URL (db/queries/redirects.ts).
 */
export function deleteArticle(id: number, expectedVersion: number, staffId: number): { ok: true } | ({ ok: false } & WriteError) {
  const db = getDb()
  return db.transaction(
    (tx): { ok: true } | ({ ok: false } & WriteError) => {
      const current = tx.select().from(articles).where(eq(articles.id, id)).get()
      if (!current) return { ok: false, code: 'not-found' }
      if (current.version !== expectedVersion) return { ok: false, ...staleError(tx, current) }
      if (!['draft', 'submitted', 'unpublished'].includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      tx.delete(articles).where(eq(articles.id, id)).run()
      // Once public (an unpublished story), its URL answers 410 from now on rather than 404.
      recordArticleDeletion(current)
      writeAudit(tx, staffId, 'article.delete', id, { title: current.title, slug: current.slug, path: current.pathMonth ? articlePath(current) : null })
      return { ok: true }
    },
    { behavior: 'immediate' },
  )
}

/**
 * A correction, update or right of reply on a published article: shown on the article with
 * its time, and the article's public "updated" time moves to now. The version does not
 * change, so a colleague's open editor is not made stale by a note.
 */
export function addNote(
  articleId: number,
  kind: NoteKind,
  body: string,
  staffId: number,
  now = new Date(),
): { ok: true; noteId: number; footprint: ArticleFootprint } | ({ ok: false } & WriteError) {
  const db = getDb()
  return db.transaction(
    (tx) => {
      const current = tx.select().from(articles).where(eq(articles.id, articleId)).get()
      if (!current) return { ok: false as const, code: 'not-found' as const }
      if (current.status !== 'published') return { ok: false as const, code: 'wrong-status' as const, status: current.status }
      const note = tx.insert(articleNotes).values({ articleId, kind, body, createdBy: staffId, createdAt: now }).returning({ id: articleNotes.id }).get()
      tx.update(articles).set({ updatedAt: now }).where(eq(articles.id, articleId)).run()
      writeAudit(tx, staffId, 'article.note', articleId, { kind })
      return { ok: true as const, noteId: note.id, footprint: footprint(current, labelIdsOf(tx, articleId))! }
    },
    { behavior: 'immediate' },
  )
}

/**
 * Restores a revision's content (title, text, image, labels, SEO…; not the slug or status)
 * as a new version, with its own revision. The version check applies as for a save.
 */
export function restoreRevision(articleId: number, revisionId: number, expectedVersion: number, staffId: number, now = new Date()): WriteResult {
  const db = getDb()
  return db.transaction(
    (tx): WriteResult => {
      const current = tx.select().from(articles).where(eq(articles.id, articleId)).get()
      if (!current) return { ok: false, code: 'not-found' }
      if (current.version !== expectedVersion) return { ok: false, ...staleError(tx, current) }
      if (!FROM.save.includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      const revision = tx
        .select()
        .from(articleRevisions)
        .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.id, revisionId)))
        .get()
      if (!revision) return { ok: false, code: 'revision-missing' }
      const snap = revision.snapshot as Partial<RevisionSnapshot>
      const beforeLabelIds = labelIdsOf(tx, articleId)

      // Whatever the revision referred to may have been deleted since.
      const mediaId =
        typeof snap.featuredMediaId === 'number' && tx.select({ id: media.id }).from(media).where(eq(media.id, snap.featuredMediaId)).get()
          ? snap.featuredMediaId
          : null
      const labelIds = Array.isArray(snap.labelIds) && snap.labelIds.length
        ? tx.select({ id: labels.id }).from(labels).where(inArray(labels.id, snap.labelIds)).all().map((l) => l.id)
        : []
      const orderedLabelIds = (snap.labelIds ?? []).filter((id) => labelIds.includes(id))
      const editorId =
        typeof snap.editorId === 'number' && tx.select({ id: users.id }).from(users).where(eq(users.id, snap.editorId)).get()
          ? snap.editorId
          : null

      const row = tx
        .update(articles)
        .set({
          title: revision.title,
          excerpt: revision.excerpt,
          bodyHtml: revision.bodyHtml,
          dateline: snap.dateline ?? current.dateline,
          featuredMediaId: mediaId,
          featuredImageUrl: mediaId === null ? (snap.featuredImageUrl ?? null) : null,
          featuredAlt: snap.featuredAlt ?? '',
          featuredCaption: snap.featuredCaption ?? '',
          isSponsored: snap.isSponsored ?? false,
          sponsorName: snap.sponsorName ?? '',
          seoTitle: snap.seoTitle ?? '',
          seoDescription: snap.seoDescription ?? '',
          editorId,
          version: current.version + 1,
          savedAt: now,
          savedBy: staffId,
        })
        .where(eq(articles.id, articleId))
        .returning()
        .get()
      replaceLabels(tx, articleId, orderedLabelIds)
      writeRevision(tx, row, orderedLabelIds, staffId, { restoredFrom: revision.version })
      writeAudit(tx, staffId, 'article.restore', articleId, { fromVersion: revision.version, toVersion: row.version })
      return okResult(row, footprint(current, beforeLabelIds), footprint(row, orderedLabelIds))
    },
    { behavior: 'immediate' },
  )
}

/**
 * The scheduler's job: every scheduled article whose time has come goes live, with its URL
 * month fixed now if it never had one. Returns what each now shows on, for revalidation.
 */
export async function publishDueArticles(now = new Date()): Promise<ArticleFootprint[]> {
  const db = getDb()
  // Nearly every tick finds nothing due: a plain read says so without taking SQLite's write lock,
  // which another process (a long Blogger import) may hold. better-sqlite3 waits for a lock
  // synchronously, so asking for it would stall the whole server for up to the busy timeout.
  const anyDue = db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishedAt, now)))
    .limit(1)
    .get()
  if (!anyDue) return []
  // Every server process runs this; the status check inside the one write transaction publishes
  // each story once. runWrite waits for the lock without blocking this process's requests.
  return runWrite((tx) => {
      const due = tx
        .select()
        .from(articles)
        .where(and(eq(articles.status, 'scheduled'), lte(articles.publishedAt, now)))
        .orderBy(asc(articles.publishedAt))
        .all()
      const out: ArticleFootprint[] = []
      for (const current of due) {
        const publishedAt = current.publishedAt ?? now
        const row = tx
          .update(articles)
          .set({ status: 'published', publishedAt, pathMonth: current.pathMonth ?? toPathMonth(publishedAt), version: current.version + 1 })
          .where(and(eq(articles.id, current.id), eq(articles.status, 'scheduled')))
          .returning()
          .get()
        clearRedirectsFrom(tx, articlePath(row))
        redirectImportedLegacyPath(tx, row.id, articlePath(row))
        writeAudit(tx, null, 'article.publish', row.id, { title: row.title, path: articlePath(row), scheduled: true })
        const shown = footprint(row, labelIdsOf(tx, row.id))
        if (shown) out.push(shown)
      }
      return out
  })
}

/** Who owns an article and where it stands: what an action's authorization needs, nothing more. */
export function getArticleRef(id: number): { id: number; authorId: number; status: ArticleStatus; version: number } | null {
  return (
    getDb()
      .select({ id: articles.id, authorId: articles.authorId, status: articles.status, version: articles.version })
      .from(articles)
      .where(eq(articles.id, id))
      .get() ?? null
  )
}
