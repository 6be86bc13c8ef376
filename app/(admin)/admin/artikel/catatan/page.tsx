import type { Metadata } from 'next'
import { DeskItem } from '@/components/admin/desk-home'
import { DESK_LIST_PAGE_SIZE, listNotes } from '@/db/queries/desk-home'
import { isAllowed } from '@/lib/auth/authorize'
import { requireStaff } from '@/lib/auth/guards'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { articlePath } from '@/lib/urls'
import { deskCursorInput, firstValues } from '@/lib/validation/article'

export const metadata: Metadata = { title: t.admin.deskHome.notesAll }

const d = t.admin.deskHome
const w = t.admin.articles

/** Every correction, update and right of reply, newest first: the desk home's "lihat semua". */
export default async function NotesPage({ searchParams }: PageProps<'/admin/artikel/catatan'>) {
  const staff = await requireStaff('desk:view')
  const { after } = deskCursorInput.parse(firstValues(await searchParams))
  const page = await listNotes({ after: after ? { createdAt: after[0], id: after[1] } : undefined, limit: DESK_LIST_PAGE_SIZE })
  const last = page.items.at(-1)
  return (
    <>
      <h1 className="mb-4 font-serif text-3xl font-bold">{d.notesAll}</h1>
      {page.items.length ? (
        <ul className="divide-y divide-line border-y border-line">
          {page.items.map((n) => (
            <DeskItem
              key={n.id}
              href={
                isAllowed(staff, 'article:edit', n.article)
                  ? `/admin/artikel/${n.article.id}`
                  : n.article.status === 'published' && n.article.pathMonth
                    ? articlePath(n.article)
                    : null
              }
              title={n.article.title || w.untitled}
              meta={[`${w.notes.kinds[n.kind]}: ${n.body}`, formatDateTime(n.createdAt), n.createdByName ? d.noteBy(n.createdByName) : null]
                .filter(Boolean)
                .join(' · ')}
            />
          ))}
        </ul>
      ) : (
        <p>{d.notesAllEmpty}</p>
      )}
      <nav aria-label={t.archive.pagination} className="mt-4 flex flex-wrap gap-4">
        {after ? (
          <a href="/admin/artikel/catatan" className="inline-flex min-h-11 items-center font-semibold underline">
            {d.first}
          </a>
        ) : null}
        {page.more && last ? (
          <a href={`/admin/artikel/catatan?after=${last.createdAt.getTime()}.${last.id}`} className="inline-flex min-h-11 items-center font-semibold underline">
            {d.more}
          </a>
        ) : null}
      </nav>
    </>
  )
}
