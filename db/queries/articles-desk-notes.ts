import 'server-only'
import { eq } from 'drizzle-orm'
import { getDb } from '@/db'
import { articleNotes, articles, type NoteKind } from '@/db/schema'
import type { ArticleFootprint } from '@/lib/revalidate'
import { footprint, labelIdsOf, writeAudit, type WriteError } from './articles-desk-shared'

export type NoteOptions = {
  /**
   * The note records what was verified: it lifts the "masih memerlukan verifikasi" mark
   * (Pedoman Pemberitaan Media Siber 2.d). Only an Update note may; the caller checks the
   * 'article:verification' permission.
   */
  liftsVerification?: boolean
  now?: Date
}

export type NoteResult =
  | { ok: true; noteId: number; footprint: ArticleFootprint; liftedVerification: boolean }
  | ({ ok: false } & WriteError)

/**
 * A correction, update or right of reply on a published article: shown on the article with
 * its time, and the article's public "updated" time moves to now. The version does not
 * change, so a colleague's open editor is not made stale by a note.
 */
export function addNote(articleId: number, kind: NoteKind, body: string, staffId: number, opts: NoteOptions = {}): NoteResult {
  const now = opts.now ?? new Date()
  const db = getDb()
  return db.transaction(
    (tx): NoteResult => {
      const current = tx.select().from(articles).where(eq(articles.id, articleId)).get()
      if (!current) return { ok: false, code: 'not-found' }
      if (current.status !== 'published') return { ok: false, code: 'wrong-status', status: current.status }
      if (opts.liftsVerification && kind !== 'update') return { ok: false, code: 'verification-needs-update' }
      const note = tx.insert(articleNotes).values({ articleId, kind, body, createdBy: staffId, createdAt: now }).returning({ id: articleNotes.id }).get()
      // A colleague may have lifted the mark meanwhile: the note still stands, nothing else to do.
      const lifts = Boolean(opts.liftsVerification && current.verificationPendingAt)
      tx.update(articles)
        .set(lifts ? { updatedAt: now, verificationPendingAt: null } : { updatedAt: now })
        .where(eq(articles.id, articleId))
        .run()
      writeAudit(tx, staffId, 'article.note', articleId, { kind })
      if (lifts) {
        writeAudit(tx, staffId, 'article.verification-lift', articleId, { noteId: note.id, since: current.verificationPendingAt?.toISOString() })
      }
      return { ok: true, noteId: note.id, footprint: footprint(current, labelIdsOf(tx, articleId))!, liftedVerification: lifts }
    },
    { behavior: 'immediate' },
  )
}
