import 'server-only'
import { eq } from 'drizzle-orm'
import { getDb } from '@/db'
import { articleNotes, articles, type NoteKind } from '@/db/schema'
import type { ArticleFootprint } from '@/lib/revalidate'
import { footprint, labelIdsOf, writeAudit, type WriteError } from './articles-desk-shared'

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
