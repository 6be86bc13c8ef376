import type { Metadata } from 'next'
import { primaryButtonClass } from '@/components/admin/field'
import { listPagesForDesk } from '@/db/queries/pages-desk'
import { requireStaff } from '@/lib/auth/guards'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { pagePath } from '@/lib/urls'

export const metadata: Metadata = { title: t.admin.pages.title }

const w = t.admin.pages

export default async function PagesListPage() {
  await requireStaff('page:manage')
  const pages = await listPagesForDesk()
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">{w.title}</h1>
        <a href="/admin/halaman/baru" className={`${primaryButtonClass} inline-flex items-center`}>
          {w.new}
        </a>
      </div>
      {pages.length === 0 ? (
        <p>{w.empty}</p>
      ) : (
        <ul className="divide-y divide-line border-y border-line">
          {pages.map((p) => (
            <li key={p.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between">
              <div>
                <a href={`/admin/halaman/${p.id}`} className="font-serif text-lg font-bold hover:underline">
                  {p.title}
                </a>
                <p className="text-sm text-muted">{pagePath(p.slug)}</p>
              </div>
              <p className="text-sm sm:text-right">
                <span className="inline-block rounded-full bg-subtle px-3 py-1 font-semibold">{w.statuses[p.status]}</span>
                {p.updatedAt ? (
                  <span className="block text-muted">
                    {w.fields.updatedAt}: {formatDateTime(p.updatedAt)}
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
