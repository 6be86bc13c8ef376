import 'server-only'
import { eq } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { articleNotes, articles, type NoteKind } from '@/db/tables'
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
export async function addNote(articleId: number, kind: NoteKind, body: string, staffId: number, opts: NoteOptions = {}): Promise<NoteResult> {
  const now = opts.now ?? new Date()
  const db = getDb()
  return write(
    async (tx): Promise<NoteResult> => {
      const current = (await tx.select().from(articles).where(eq(articles.id, articleId)).limit(1))[0]
      if (!current) return { ok: false, code: 'not-found' }
      if (current.status !== 'published') return { ok: false, code: 'wrong-status', status: current.status }
      if (opts.liftsVerification && kind !== 'update') return { ok: false, code: 'verification-needs-update' }
      const note = (await tx.insert(articleNotes).values({ articleId, kind, body, createdBy: staffId, createdAt: now }).returning({ id: articleNotes.id }))[0]!
      // A colleague may have lifted the mark meanwhile: the note still stands, nothing else to do.
      const lifts = Boolean(opts.liftsVerification && current.verificationPendingAt)
      await tx.update(articles)
        .set(lifts ? { updatedAt: now, verificationPendingAt: null } : { updatedAt: now })
        .where(eq(articles.id, articleId))
      await writeAudit(tx, staffId, 'article.note', articleId, { kind })
      if (lifts) {
        await writeAudit(tx, staffId, 'article.verification-lift', articleId, { noteId: note.id, since: current.verificationPendingAt?.toISOString() })
      }
      return { ok: true, noteId: note.id, footprint: footprint(current, await labelIdsOf(tx, articleId))!, liftedVerification: lifts }
    },
  )
}
