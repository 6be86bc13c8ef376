import 'server-only'
import { and, asc, eq, lte } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { lockRows } from '@/db/dialect'
import { articles } from '@/db/tables'
import { toPathMonth } from '@/lib/dates'
import type { ArticleFootprint } from '@/lib/revalidate'
import { articlePath } from '@/lib/urls'
import { redirectImportedLegacyPath } from './redirects'
import { clearRedirectsFrom, footprint, labelIdsOf, writeAudit } from './articles-desk-shared'

/**
 * The scheduler's job: every scheduled article whose time has come goes live, with its URL
 * month fixed now if it never had one. Returns what each now shows on, for revalidation.
 */
export async function publishDueArticles(now = new Date()): Promise<ArticleFootprint[]> {
  const db = getDb()
  // Nearly every tick finds nothing due: a plain read on the read connection says so without
  // queueing for this process's write connection or asking for SQLite's write lock, which
  // another process (a long Blogger import) may hold.
  const anyDue = (await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishedAt, now)))
    .limit(1))[0]
  if (!anyDue) return []
  // Every server process may run this; the status check inside the one write transaction
  // publishes each story once. write() waits for the lock without blocking this process.
  return write(async (tx) => {
      const due = await tx
        .select({ id: articles.id })
        .from(articles)
        .where(and(eq(articles.status, 'scheduled'), lte(articles.publishedAt, now)))
        .orderBy(asc(articles.publishedAt))
      const out: ArticleFootprint[] = []
      for (const { id } of due) {
        // PostgreSQL runs another server's tick, or an editor's publish, reschedule or save, side
        // by side with this one: lock the story, then check again that it is still scheduled and
        // due (db/dialect.ts lockRows). On SQLite the write lock already kept them out.
        await lockRows(tx, articles, [id])
        const current = (await tx
          .select()
          .from(articles)
          .where(and(eq(articles.id, id), eq(articles.status, 'scheduled'), lte(articles.publishedAt, now)))
          .limit(1))[0]
        if (!current) continue
        const publishedAt = current.publishedAt ?? now
        const row = (await tx
          .update(articles)
          .set({ status: 'published', publishedAt, pathMonth: current.pathMonth ?? toPathMonth(publishedAt), version: current.version + 1 })
          .where(eq(articles.id, current.id))
          .returning())[0]!
        await clearRedirectsFrom(tx, articlePath(row))
        await redirectImportedLegacyPath(tx, row.id, articlePath(row))
        await writeAudit(tx, null, 'article.publish', row.id, { title: row.title, path: articlePath(row), scheduled: true })
        const shown = footprint(row, await labelIdsOf(tx, row.id))
        if (shown) out.push(shown)
      }
      return out
  })
}
