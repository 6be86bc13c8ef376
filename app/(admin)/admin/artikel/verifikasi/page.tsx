import type { Metadata } from 'next'
import { DeskItem } from '@/components/admin/desk-home'
import { formatElapsed } from '@/components/admin/elapsed'
import { DESK_LIST_PAGE_SIZE, listAwaitingVerification } from '@/db/queries/desk-home'
import { requireStaff } from '@/lib/auth/guards'
import { scopeFor } from '@/lib/auth/policy'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { deskCursorInput, firstValues } from '@/lib/validation/article'

export const metadata: Metadata = { title: t.admin.deskHome.verification }

const d = t.admin.deskHome
const w = t.admin.articles

/**
 * Every story still marked as needing verification, the oldest mark first, so none is
 * forgotten (Pedoman Pemberitaan Media Siber 2.d). Editors see all; writers their own.
 */
export default async function VerificationPage({ searchParams }: PageProps<'/admin/artikel/verifikasi'>) {
  const staff = await requireStaff('desk:view')
  const { after } = deskCursorInput.parse(firstValues(await searchParams))
  const seesAll = scopeFor('article:edit', staff.role) === 'any'
  const page = await listAwaitingVerification({
    authorId: seesAll ? undefined : staff.id,
    after: after ? { since: after[0], id: after[1] } : undefined,
    limit: DESK_LIST_PAGE_SIZE,
  })
  const now = new Date()
  const last = page.items.at(-1)
  return (
    <>
      <h1 className="mb-2 font-serif text-3xl font-bold">{seesAll ? d.verification : d.verificationOwn}</h1>
      <p className="mb-4 max-w-3xl text-muted">{d.verificationIntro}</p>
      {page.items.length ? (
        <ul className="divide-y divide-line border-y border-line">
          {page.items.map((s) => (
            <DeskItem
              key={s.id}
              // Listed only when the person may edit it: editors see all, writers their own.
              href={`/admin/artikel/${s.id}`}
              title={s.title || w.untitled}
              meta={`${s.authorName} · ${w.statuses[s.status]} · ${formatDateTime(s.verificationPendingAt)} (${d.markedFor(formatElapsed(s.verificationPendingAt, now))})`}
            />
          ))}
        </ul>
      ) : (
        <p>{d.verificationEmpty}</p>
      )}
      <nav aria-label={t.archive.pagination} className="mt-4 flex flex-wrap gap-4">
        {after ? (
          <a href="/admin/artikel/verifikasi" className="inline-flex min-h-11 items-center font-semibold underline">
            {d.first}
          </a>
        ) : null}
        {page.more && last ? (
          <a
            href={`/admin/artikel/verifikasi?after=${last.verificationPendingAt.getTime()}.${last.id}`}
            className="inline-flex min-h-11 items-center font-semibold underline"
          >
            {d.more}
          </a>
        ) : null}
      </nav>
    </>
  )
}
