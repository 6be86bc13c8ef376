import { setArticleVerification } from '@/app/(admin)/admin/artikel/actions'
import type { ArticleStatus } from '@/db/schema'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { ActionButton } from '../desk-action'

const w = t.admin.articles

/**
 * "Masih memerlukan verifikasi" on the editor page: where the story stands, and for editors the
 * mark (Pedoman Pemberitaan Media Siber 2.c). Once readers have seen the mark, only an Update
 * note lifts it (the note form below offers that), so this panel then only explains how.
 */
export function VerificationPanel({
  article,
  canVerify,
}: {
  article: { id: number; status: ArticleStatus; verificationPendingAt: Date | null }
  canVerify: boolean
}) {
  const pending = article.verificationPendingAt
  return (
    <section aria-labelledby="verification-heading" className="mt-10 max-w-3xl space-y-3">
      <h2 id="verification-heading" className="font-serif text-2xl font-bold">
        {w.verification.title}
      </h2>
      <p className={pending ? 'font-semibold' : 'text-muted'}>{pending ? w.verification.pendingSince(formatDateTime(pending)) : w.verification.none}</p>
      {canVerify && article.status !== 'retracted' ? (
        pending ? (
          article.status === 'published' ? (
            <p className="text-sm text-muted">{w.verification.liftHint}</p>
          ) : (
            <ActionButton
              action={setArticleVerification}
              fields={{ id: article.id, pending: '0' }}
              label={w.verification.unmark}
              successMessage={w.messages.verificationUnmarked}
            />
          )
        ) : (
          <>
            <p className="text-sm text-muted">{w.verification.markHint}</p>
            <ActionButton
              action={setArticleVerification}
              fields={{ id: article.id, pending: '1' }}
              label={w.verification.mark}
              successMessage={w.messages.verificationMarked}
            />
          </>
        )
      ) : null}
    </section>
  )
}
