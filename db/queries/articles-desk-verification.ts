import 'server-only'
import { eq } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { articles } from '@/db/tables'
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
export async function setVerificationPending(articleId: number, pending: boolean, staffId: number, now = new Date()): Promise<VerificationResult> {
  return write(
    async (tx): Promise<VerificationResult> => {
      const current = (await tx.select().from(articles).where(eq(articles.id, articleId)).limit(1))[0]
      if (!current) return { ok: false, code: 'not-found' }
      if (current.status === 'retracted') return { ok: false, code: 'wrong-status', status: current.status }
      if (pending === Boolean(current.verificationPendingAt)) return { ok: true, changed: false, footprint: null }
      if (!pending && current.status === 'published') return { ok: false, code: 'verification-needs-note' }
      await tx.update(articles)
        .set({ verificationPendingAt: pending ? now : null })
        .where(eq(articles.id, articleId))
      await writeAudit(tx, staffId, pending ? 'article.verification-mark' : 'article.verification-unmark', articleId, { title: current.title })
      return { ok: true, changed: true, footprint: footprint(current, await labelIdsOf(tx, articleId)) }
    },
  )
}
