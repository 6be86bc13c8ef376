import 'server-only'
import { and, asc, desc, eq, inArray, lt, lte, or } from 'drizzle-orm'
import { getDb, type Executor, write } from '@/db'
import { lockingRead } from '@/db/dialect'
import { articleRevisions, articles, labels, media, users, type ArticleStatus } from '@/db/tables'
import {
  type ArticleRow,
  FROM,
  type LabelRef,
  footprint,
  isLiveEditRefused,
  labelIdsOf,
  okResult,
  replaceLabels,
  staleError,
  type WriteResult,
  writeAudit,
} from './articles-desk-shared'

/* An article's revisions: the snapshot every write takes, the history, and restoring one. */

export type RevisionSummary = {
  id: number
  version: number
  createdAt: Date
  createdByName: string | null
  isAutosave: boolean
  restoredFrom: number | null
}

/** Revisions per page of an article's history. */
export const REVISION_PAGE_SIZE = 50

/** Where a page of the history starts: the last revision of the page before it. */
export type RevisionKey = { version: number; id: number }

/**
 * An article's revisions, newest first, a page at a time by keyset on (version, id): a story
 * updated all day keeps a revision per save, and the list reads each one's snapshot.
 */
export async function listRevisions(
  articleId: number,
  opts: { before?: RevisionKey; limit?: number } = {},
): Promise<{ items: RevisionSummary[]; next: RevisionKey | null }> {
  const limit = opts.limit ?? REVISION_PAGE_SIZE
  const before = opts.before
  const rows = await getDb()
    .select({
      id: articleRevisions.id,
      version: articleRevisions.version,
      createdAt: articleRevisions.createdAt,
      createdByName: users.name,
      snapshot: articleRevisions.snapshot,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(
      and(
        eq(articleRevisions.articleId, articleId),
        before
          ? and(
              lte(articleRevisions.version, before.version),
              or(lt(articleRevisions.version, before.version), lt(articleRevisions.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(articleRevisions.version), desc(articleRevisions.id))
    .limit(limit + 1)
  const items = rows.slice(0, limit).map(({ snapshot, ...r }) => ({
    ...r,
    isAutosave: snapshot.autosave === true,
    restoredFrom: typeof snapshot.restoredFrom === 'number' ? snapshot.restoredFrom : null,
  }))
  const last = items.at(-1)
  return { items, next: rows.length > limit && last ? { version: last.version, id: last.id } : null }
}

export type Revision = RevisionSummary & { title: string; excerpt: string; bodyHtml: string; snapshot: RevisionSnapshot }

export async function getRevision(articleId: number, revisionId: number): Promise<Revision | null> {
  const row = (await getDb()
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
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.id, revisionId))).limit(1))[0]
  if (!row) return null
  const snapshot = row.snapshot as RevisionSnapshot
  return {
    ...row,
    snapshot,
    isAutosave: snapshot.autosave === true,
    restoredFrom: typeof snapshot.restoredFrom === 'number' ? snapshot.restoredFrom : null,
  }
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

/**
 * Snapshots an article as it stands as a revision (after a write, or before one replaces it: the
 * import uses it so). `labels` are the story's labels in order: ids,
 * whose names are then read, or LabelRef (id and name) when the caller has just read them.
 *
 * An autosave replaces the article's newest revision when that is an autosave by the same person,
 * as WordPress keeps one autosave: the editor autosaves every 20 s while the text changes, and a
 * revision per autosave kept the whole text 180 times for an hour of writing. So the history holds
 * every save a person made, and of each run of autosaves between them, the last.
 */
export async function writeRevision(
  tx: Executor,
  row: ArticleRow,
  labels: readonly number[] | readonly LabelRef[],
  createdBy: number | null,
  extra: Partial<RevisionSnapshot> = {},
) {
  const refs = labels.length === 0 || typeof labels[0] !== 'number' ? (labels as readonly LabelRef[]) : await labelRefs(tx, labels as readonly number[])
  const labelIds = refs.map((l) => l.id)
  const snapshot: RevisionSnapshot = {
    slug: row.slug,
    dateline: row.dateline,
    featuredMediaId: row.featuredMediaId,
    featuredImageUrl: row.featuredImageUrl,
    featuredAlt: row.featuredAlt,
    featuredCaption: row.featuredCaption,
    labelIds,
    labelNames: refs.map((l) => l.name),
    isSponsored: row.isSponsored,
    sponsorName: row.sponsorName,
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    editorId: row.editorId,
    status: row.status,
    ...extra,
  }
  const values = { articleId: row.id, version: row.version, title: row.title, excerpt: row.excerpt, bodyHtml: row.bodyHtml, snapshot, createdBy }
  if (extra.autosave) {
    const newest = (await tx
      .select({ id: articleRevisions.id, createdBy: articleRevisions.createdBy, snapshot: articleRevisions.snapshot })
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, row.id))
      .orderBy(desc(articleRevisions.version), desc(articleRevisions.id))
      .limit(1))[0]
    if (newest && newest.snapshot.autosave === true && createdBy !== null && newest.createdBy === createdBy) {
      await tx.update(articleRevisions).set({ ...values, createdAt: new Date() }).where(eq(articleRevisions.id, newest.id))
      return
    }
  }
  await tx.insert(articleRevisions).values(values)
}

/** These labels' names, in the order given ('' for one deleted meanwhile). */
async function labelRefs(tx: Executor, ids: readonly number[]): Promise<LabelRef[]> {
  const found = await tx.select({ id: labels.id, name: labels.name }).from(labels).where(inArray(labels.id, [...ids]))
  return ids.map((id) => ({ id, name: found.find((l) => l.id === id)?.name ?? '' }))
}

/**
 * Restores a revision's content (title, text, image, labels, SEO…; not the slug or status)
 * as a new version, with its own revision. The version check and the publish right on a live
 * article apply as for a save.
 */
export async function restoreRevision(
  articleId: number,
  revisionId: number,
  expectedVersion: number,
  staffId: number,
  opts: { canPublish: boolean; now?: Date },
): Promise<WriteResult> {
  const now = opts.now ?? new Date()
  return write(
    async (tx): Promise<WriteResult> => {
      // PostgreSQL: the version check below reads the row as locked (db/dialect.ts lockingRead).
      const current = (await lockingRead(tx, tx.select().from(articles).where(eq(articles.id, articleId)).limit(1)))[0]
      if (!current) return { ok: false, code: 'not-found' }
      if (current.version !== expectedVersion) return { ok: false, ...(await staleError(tx, current)) }
      if (!FROM.save.includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      if (isLiveEditRefused(current, opts.canPublish)) return { ok: false, code: 'live-needs-publish' }
      const revision = (await tx
        .select()
        .from(articleRevisions)
        .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.id, revisionId))).limit(1))[0]
      if (!revision) return { ok: false, code: 'revision-missing' }
      const snap = revision.snapshot as Partial<RevisionSnapshot>
      const beforeLabelIds = await labelIdsOf(tx, articleId)

      // Whatever the revision referred to may have been deleted since.
      const mediaId =
        typeof snap.featuredMediaId === 'number' && (await tx.select({ id: media.id }).from(media).where(eq(media.id, snap.featuredMediaId)).limit(1))[0]
          ? snap.featuredMediaId
          : null
      // Locked against a merge or delete committing between this check and the insert.
      const kept = Array.isArray(snap.labelIds) && snap.labelIds.length
        ? await lockingRead(tx, tx.select({ id: labels.id, name: labels.name }).from(labels).where(inArray(labels.id, snap.labelIds)).orderBy(asc(labels.id)), 'share')
        : []
      const orderedLabels = (snap.labelIds ?? []).flatMap((id) => kept.filter((l) => l.id === id))
      const orderedLabelIds = orderedLabels.map((l) => l.id)
      const editorId =
        typeof snap.editorId === 'number' && (await tx.select({ id: users.id }).from(users).where(eq(users.id, snap.editorId)).limit(1))[0]
          ? snap.editorId
          : null

      const row = (await tx
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
        .returning())[0]!
      await replaceLabels(tx, articleId, orderedLabelIds, beforeLabelIds)
      await writeRevision(tx, row, orderedLabels, staffId, { restoredFrom: revision.version })
      await writeAudit(tx, staffId, 'article.restore', articleId, { fromVersion: revision.version, toVersion: row.version })
      return okResult(row, footprint(current, beforeLabelIds), footprint(row, orderedLabelIds))
    },
  )
}
