import 'server-only'
import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { getDb } from '@/db'
import { articleNotes, articles, contactMessages, users, type ArticleStatus, type NoteKind, type Role } from '@/db/tables'
import { jakartaParts, jakartaRange } from '@/lib/dates'
import { canRole, scopeFor } from '@/lib/auth/policy'

/*
 * The desk home ("Meja redaksi"): what is waiting for whom. Every list is bounded (a few rows
 * plus one, to tell whether "lihat semua" has more) and walks an index in its own order, so
 * none of them grows with the archive (schema.ts names the index each one uses).
 */

/** Rows per list on the desk home. */
export const DESK_HOME_LIMIT = 5
/** Counts in the menu stop here ("99+"): a count is a nudge, not a report. */
export const MENU_COUNT_CAP = 99
/** Notes added within this window show on the desk home. */
export const RECENT_NOTES_MS = 7 * 24 * 60 * 60 * 1000
/** Rows per page of the desk's full lists (notes, verification). */
export const DESK_LIST_PAGE_SIZE = 25

export type Viewer = { id: number; role: Role }

export type DeskStory = {
  id: number
  title: string
  slug: string
  pathMonth: string | null
  status: ArticleStatus
  authorId: number
  authorName: string
}

export type Bounded<T> = { items: T[]; more: boolean }

function bounded<T>(rows: T[], limit: number): Bounded<T> {
  return { items: rows.slice(0, limit), more: rows.length > limit }
}

const storyColumns = {
  id: articles.id,
  title: articles.title,
  slug: articles.slug,
  pathMonth: articles.pathMonth,
  status: articles.status,
  authorId: articles.authorId,
  authorName: users.name,
}

/**
 * One writer's rows among a short list that has its own index (the review queue, marked
 * stories). The unary + keeps SQLite from walking the writer's whole archive on an author
 * index instead, which it prefers when the database has no ANALYZE statistics.
 */
const ofAuthor = (authorId: number | undefined): SQL | undefined => (authorId === undefined ? undefined : sql`+${articles.authorId} = ${authorId}`)

/** Submitted stories, the longest waiting first (articles_review_idx). `authorId` narrows to one writer's. */
export async function listReviewQueue(opts: { authorId?: number; limit?: number } = {}): Promise<Bounded<DeskStory & { submittedAt: Date | null }>> {
  const limit = opts.limit ?? DESK_HOME_LIMIT
  const rows = await getDb()
    .select({ ...storyColumns, submittedAt: articles.submittedAt })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articles.status, 'submitted'), ofAuthor(opts.authorId)))
    .orderBy(asc(articles.submittedAt), asc(articles.id))
    .limit(limit + 1)
  return bounded(rows, limit)
}

/** One writer's drafts that no editor has returned, last saved first (articles_author_status_saved_idx). */
export async function listDraftsOf(authorId: number, limit = DESK_HOME_LIMIT): Promise<Bounded<DeskStory & { savedAt: Date }>> {
  const rows = await getDb()
    .select({ ...storyColumns, savedAt: articles.savedAt })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articles.authorId, authorId), eq(articles.status, 'draft'), isNull(articles.submittedAt)))
    .orderBy(desc(articles.savedAt), desc(articles.id))
    .limit(limit + 1)
  return bounded(rows, limit)
}

/**
 * Drafts an editor returned to this writer (a draft that keeps its submitted_at), last saved
 * first. Reads the newsroom's returned drafts on articles_review_idx (a handful, whatever the
 * archive) and sorts those, rather than walking all of the writer's drafts.
 */
export async function listReturnedTo(authorId: number, limit = DESK_HOME_LIMIT): Promise<Bounded<DeskStory & { savedAt: Date; savedByName: string | null }>> {
  const savedBy = alias(users, 'saved_by')
  const rows = await getDb()
    .select({ ...storyColumns, savedAt: articles.savedAt, savedByName: savedBy.name })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(savedBy, eq(savedBy.id, articles.savedBy))
    .where(and(sql`${articles.status} = 'draft' and ${articles.submittedAt} is not null`, ofAuthor(authorId)))
    // `+saved_at`: sorting the few returned drafts beats walking every draft in saved order.
    .orderBy(sql`+${articles.savedAt} desc`, desc(articles.id))
    .limit(limit + 1)
  return bounded(rows, limit)
}

/** Scheduled stories, the next to go live first (articles_status_published_idx, or the author's). */
export async function listScheduled(opts: { authorId?: number; limit?: number } = {}): Promise<Bounded<DeskStory & { publishedAt: Date | null }>> {
  const limit = opts.limit ?? DESK_HOME_LIMIT
  const rows = await getDb()
    .select({ ...storyColumns, publishedAt: articles.publishedAt })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articles.status, 'scheduled'), opts.authorId === undefined ? undefined : eq(articles.authorId, opts.authorId)))
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(limit + 1)
  return bounded(rows, limit)
}

/** The Jakarta calendar day an instant falls on, as UTC bounds [start, end). */
export function jakartaDayOf(now: Date): { start: Date; end: Date } {
  const p = jakartaParts(now)
  return jakartaRange(p.year, p.month, p.day)
}

/** Stories published today (WIB), newest first, with their writer and editor (articles_status_published_idx). */
export async function listPublishedToday(
  now = new Date(),
  limit = DESK_HOME_LIMIT,
): Promise<Bounded<DeskStory & { publishedAt: Date | null; editorName: string | null }>> {
  const { start, end } = jakartaDayOf(now)
  const editor = alias(users, 'editor')
  const rows = await getDb()
    .select({ ...storyColumns, publishedAt: articles.publishedAt, editorName: editor.name })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(editor, eq(editor.id, articles.editorId))
    .where(and(eq(articles.status, 'published'), gte(articles.publishedAt, start), lt(articles.publishedAt, end)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit + 1)
  return bounded(rows, limit)
}

export type DeskMessage = { id: number; name: string; preview: string; createdAt: Date }

/** Readers' messages nobody has handled yet, newest first (contact_messages_created_idx). */
export async function listUnhandledMessages(limit = DESK_HOME_LIMIT): Promise<Bounded<DeskMessage>> {
  const rows = await getDb()
    .select({
      id: contactMessages.id,
      name: contactMessages.name,
      preview: sql<string>`substr(${contactMessages.message}, 1, 140)`,
      createdAt: contactMessages.createdAt,
    })
    .from(contactMessages)
    .where(isNull(contactMessages.handledAt))
    .orderBy(desc(contactMessages.createdAt), desc(contactMessages.id))
    .limit(limit + 1)
  return bounded(rows, limit)
}

export type DeskNote = {
  id: number
  kind: NoteKind
  body: string
  createdAt: Date
  createdByName: string | null
  article: DeskStory
}

/** Notes, newest first, from `since` on, by keyset on (created_at, id) (article_notes_created_idx). */
export async function listNotes(opts: { since?: Date; after?: { createdAt: number; id: number }; limit?: number } = {}): Promise<Bounded<DeskNote>> {
  const limit = opts.limit ?? DESK_HOME_LIMIT
  const createdBy = alias(users, 'created_by')
  const after = opts.after
  const rows = await getDb()
    .select({
      id: articleNotes.id,
      kind: articleNotes.kind,
      body: sql<string>`substr(${articleNotes.body}, 1, 200)`,
      createdAt: articleNotes.createdAt,
      createdByName: createdBy.name,
      articleId: articles.id,
      title: articles.title,
      slug: articles.slug,
      pathMonth: articles.pathMonth,
      status: articles.status,
      authorId: articles.authorId,
      authorName: users.name,
    })
    .from(articleNotes)
    .innerJoin(articles, eq(articles.id, articleNotes.articleId))
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(createdBy, eq(createdBy.id, articleNotes.createdBy))
    .where(
      and(
        opts.since ? gte(articleNotes.createdAt, opts.since) : undefined,
        // The bare range first, so SQLite walks the index from there in order (no sort).
        after ? lte(articleNotes.createdAt, new Date(after.createdAt)) : undefined,
        after ? or(lt(articleNotes.createdAt, new Date(after.createdAt)), lt(articleNotes.id, after.id)) : undefined,
      ),
    )
    .orderBy(desc(articleNotes.createdAt), desc(articleNotes.id))
    .limit(limit + 1)
  return bounded(
    rows.map(({ id, kind, body, createdAt, createdByName, articleId, ...story }) => ({
      id,
      kind,
      body,
      createdAt,
      createdByName,
      article: { id: articleId, ...story },
    })),
    limit,
  )
}

/**
 * Stories marked as still needing verification, the oldest mark first, by keyset on
 * (verification_pending_at, id) (the partial articles_verification_idx). Retracted ones are done with.
 */
export async function listAwaitingVerification(
  opts: { authorId?: number; after?: { since: number; id: number }; limit?: number } = {},
): Promise<Bounded<DeskStory & { verificationPendingAt: Date }>> {
  const limit = opts.limit ?? DESK_HOME_LIMIT
  const after = opts.after
  const rows = await getDb()
    .select({ ...storyColumns, verificationPendingAt: articles.verificationPendingAt })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .where(
      and(
        isNotNull(articles.verificationPendingAt),
        ne(articles.status, 'retracted'),
        ofAuthor(opts.authorId),
        after ? gte(articles.verificationPendingAt, new Date(after.since)) : undefined,
        after ? or(gt(articles.verificationPendingAt, new Date(after.since)), gt(articles.id, after.id)) : undefined,
      ),
    )
    .orderBy(asc(articles.verificationPendingAt), asc(articles.id))
    .limit(limit + 1)
  // The WHERE clause keeps only marked rows.
  return bounded(
    rows.map((r) => ({ ...r, verificationPendingAt: r.verificationPendingAt! })),
    limit,
  )
}

/**
 * The counts the admin menu shows beside its links, for what this person handles. Each reads at
 * most MENU_COUNT_CAP + 1 index entries: above the cap the menu says "99+".
 */
export async function countMenuBadges(viewer: Viewer): Promise<{ reviewQueue: number | null; unhandledMessages: number | null }> {
  const db = getDb()
  const cap = MENU_COUNT_CAP + 1
  return {
    reviewQueue: canRole(viewer.role, 'article:review')
      ? (await db.select({ id: articles.id }).from(articles).where(eq(articles.status, 'submitted')).limit(cap)).length
      : null,
    unhandledMessages: canRole(viewer.role, 'contact:manage')
      ? (await db.select({ id: contactMessages.id }).from(contactMessages).where(isNull(contactMessages.handledAt)).limit(cap)).length
      : null,
  }
}

export type DeskHome = {
  /** Editors: the whole queue; writers: their own stories waiting for an editor. */
  reviewQueue: { scope: 'all' | 'own'; list: Awaited<ReturnType<typeof listReviewQueue>> }
  returned: Awaited<ReturnType<typeof listReturnedTo>> | null
  drafts: Awaited<ReturnType<typeof listDraftsOf>> | null
  scheduled: { scope: 'all' | 'own'; list: Awaited<ReturnType<typeof listScheduled>> }
  publishedToday: Awaited<ReturnType<typeof listPublishedToday>>
  messages: Awaited<ReturnType<typeof listUnhandledMessages>> | null
  notes: Awaited<ReturnType<typeof listNotes>>
  verification: { scope: 'all' | 'own'; list: Awaited<ReturnType<typeof listAwaitingVerification>> }
}

/**
 * Everything the desk home shows this person: editors see the newsroom's queues, writers their
 * own stories; the inbox only for those who may read it (lib/auth/policy.ts decides).
 */
export async function getDeskHome(viewer: Viewer, now = new Date()): Promise<DeskHome> {
  const seesAll = scopeFor('article:edit', viewer.role) === 'any'
  const own = seesAll ? undefined : viewer.id
  const writes = canRole(viewer.role, 'article:create')
  const reviews = canRole(viewer.role, 'article:review')
  return {
    reviewQueue: { scope: reviews ? 'all' : 'own', list: await listReviewQueue({ authorId: reviews ? undefined : viewer.id }) },
    returned: writes ? (await listReturnedTo(viewer.id)) : null,
    drafts: writes ? (await listDraftsOf(viewer.id)) : null,
    scheduled: { scope: seesAll ? 'all' : 'own', list: await listScheduled({ authorId: own }) },
    publishedToday: await listPublishedToday(now),
    messages: canRole(viewer.role, 'contact:manage') ? (await listUnhandledMessages()) : null,
    notes: await listNotes({ since: new Date(now.getTime() - RECENT_NOTES_MS) }),
    verification: { scope: seesAll ? 'all' : 'own', list: await listAwaitingVerification({ authorId: own }) },
  }
}
