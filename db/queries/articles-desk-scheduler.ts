import 'server-only'
import { and, asc, eq, lte } from 'drizzle-orm'
import { getDb } from '@/db'
import { articles } from '@/db/schema'
import { toPathMonth } from '@/lib/dates'
import type { ArticleFootprint } from '@/lib/revalidate'
import { articlePath } from '@/lib/urls'
import { redirectImportedLegacyPath } from './redirects'
import { clearRedirectsFrom, labelIdsOf, writeAudit } from './articles-desk-shared'

/**
 * The scheduler's job: every scheduled article whose time has come goes live, with its URL
 * month fixed now if it never had one. Returns what each now shows on, for revalidation.
 */
export function publishDueArticles(now = new Date()): ArticleFootprint[] {
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
  return db.transaction(
    (tx) => {
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
        out.push({ id: row.id, authorId: row.authorId, labelIds: labelIdsOf(tx, row.id) })
      }
      return out
    },
    { behavior: 'immediate' },
  )
}
