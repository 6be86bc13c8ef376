import 'server-only'
import { eq } from 'drizzle-orm'
import { getDb } from '@/db'
import { articles } from '@/db/schema'
import type { ArticleFootprint } from '@/lib/revalidate'
import { footprint, labelIdsOf, writeAudit, type WriteError } from './articles-desk-shared'

/*
 * "Berita ini masih memerlukan verifikasi" (Pedoman Pemberitaan Media Siber 2.c–d): an editor
 * may publish a story before it is verified, if readers are told so on the story. The mark is
 * set here; once readers have seen it, only an Update note recording what was verified lifts
 * it (addNote with liftsVerification), so the public record shows how it was resolved.
 * Like a note, the mark leaves the version alone: it is not the writer's text.
 */

export type VerificationResult = { ok: true; changed: boolean; footprint: ArticleFootprint | null } | ({ ok: false } & WriteError)

/** Marks a story as still needing verification (from now), or removes the mark before readers see it. */
export function setVerificationPending(articleId: number, pending: boolean, staffId: number, now = new Date()): VerificationResult {
  return getDb().transaction(
    (tx): VerificationResult => {
      const current = tx.select().from(articles).where(eq(articles.id, articleId)).get()
      if (!current) return { ok: false, code: 'not-found' }
      if (current.status === 'retracted') return { ok: false, code: 'wrong-status', status: current.status }
      if (pending === Boolean(current.verificationPendingAt)) return { ok: true, changed: false, footprint: null }
      if (!pending && current.status === 'published') return { ok: false, code: 'verification-needs-note' }
      tx.update(articles)
        .set({ verificationPendingAt: pending ? now : null })
        .where(eq(articles.id, articleId))
        .run()
      writeAudit(tx, staffId, pending ? 'article.verification-mark' : 'article.verification-unmark', articleId, { title: current.title })
      return { ok: true, changed: true, footprint: footprint(current, labelIdsOf(tx, articleId)) }
    },
    { behavior: 'immediate' },
  )
}
