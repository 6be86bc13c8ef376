import 'server-only'
import { eq } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { lockRows } from '@/db/dialect'
import { articles, type ArticleStatus } from '@/db/tables'
import { articlePath } from '@/lib/urls'
import { recordArticleDeletion } from './redirects'
import {
  type ArticleRow,
  footprint,
  labelIdsOf,
  okResult,
  staleError,
  writeAudit,
  type WriteError,
  type WriteResult,
} from './articles-desk-shared'

/* Status changes that carry no content: unpublish, retract, unschedule, return to writer, delete. */

type StatusChange = {
  from: readonly ArticleStatus[]
  set: (row: ArticleRow, now: Date) => Partial<ArticleRow>
  audit?: (row: ArticleRow) => [string, Record<string, unknown>]
}

async function changeStatus(id: number, expectedVersion: number, staffId: number | null, change: StatusChange, now: Date): Promise<WriteResult> {
  const db = getDb()
  return write(
    async (tx): Promise<WriteResult> => {
      // PostgreSQL: the version and status checks below read the row as locked (db/dialect.ts lockRows).
      await lockRows(tx, articles, [id])
      const current = (await tx.select().from(articles).where(eq(articles.id, id)).limit(1))[0]
      if (!current) return { ok: false, code: 'not-found' }
      if (current.version !== expectedVersion) return { ok: false, ...(await staleError(tx, current)) }
      if (!change.from.includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      const labelIds = await labelIdsOf(tx, id)
      const row = (await tx
        .update(articles)
        .set({ ...change.set(current, now), version: current.version + 1, savedAt: now, savedBy: staffId })
        .where(eq(articles.id, id))
        .returning())[0]!
      if (change.audit) {
        const [action, detail] = change.audit(row)
        await writeAudit(tx, staffId, action, id, detail)
      }
      return okResult(row, footprint(current, labelIds), footprint(row, labelIds))
    },
  )
}

/** Takes a published article off the site (its URL answers 404 until it is published again). */
export async function unpublishArticle(id: number, expectedVersion: number, staffId: number, now = new Date()): Promise<WriteResult> {
  return changeStatus(id, expectedVersion, staffId, {
    from: ['published'],
    set: () => ({ status: 'unpublished' }),
    audit: (row) => ['article.unpublish', { title: row.title, path: articlePath(row) }],
  }, now)
}

/** Retraction: off every list, and its URL keeps a public notice with the reason (HTTP 410). */
export async function retractArticle(id: number, expectedVersion: number, staffId: number, reason: string, now = new Date()): Promise<WriteResult> {
  return changeStatus(id, expectedVersion, staffId, {
    from: ['published', 'unpublished'],
    set: () => ({ status: 'retracted', retractedAt: now, retractionReason: reason }),
    audit: (row) => ['article.retract', { title: row.title, path: articlePath(row), reason }],
  }, now)
}

/** A scheduled article back to draft; an editor's "return to writer" from the review queue. */
export async function unscheduleArticle(id: number, expectedVersion: number, staffId: number, now = new Date()): Promise<WriteResult> {
  return changeStatus(id, expectedVersion, staffId, {
    from: ['scheduled'],
    // An article that was never public has no publication time while it waits again.
    set: (row) => ({ status: 'draft', publishedAt: row.pathMonth ? row.publishedAt : null }),
    audit: (row) => ['article.unschedule', { title: row.title }],
  }, now)
}

export async function returnArticleToWriter(id: number, expectedVersion: number, staffId: number, now = new Date()): Promise<WriteResult> {
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
export async function deleteArticle(id: number, expectedVersion: number, staffId: number): Promise<{ ok: true } | ({ ok: false } & WriteError)> {
  const db = getDb()
  return write(
    async (tx): Promise<{ ok: true } | ({ ok: false } & WriteError)> => {
      // PostgreSQL: the version and status checks below read the row as locked (db/dialect.ts lockRows).
      await lockRows(tx, articles, [id])
      const current = (await tx.select().from(articles).where(eq(articles.id, id)).limit(1))[0]
      if (!current) return { ok: false, code: 'not-found' }
      if (current.version !== expectedVersion) return { ok: false, ...(await staleError(tx, current)) }
      if (!['draft', 'submitted', 'unpublished'].includes(current.status)) return { ok: false, code: 'wrong-status', status: current.status }
      await tx.delete(articles).where(eq(articles.id, id))
      // Once public (an unpublished story), its URL answers 410 from now on rather than 404.
      await recordArticleDeletion(current)
      await writeAudit(tx, staffId, 'article.delete', id, { title: current.title, slug: current.slug, path: current.pathMonth ? articlePath(current) : null })
      return { ok: true }
    },
  )
}
