import type { Metadata } from 'next'
import { ActionButton } from '@/components/admin/desk-action'
import { countUnhandledContactMessages, listContactMessages } from '@/db/queries/contact'
import { requireStaff } from '@/lib/auth/guards'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { encodeInboxCursor, parseInboxCursor } from '@/lib/validation/inbox'
import { markMessageAction } from './actions'

const m = t.admin.inbox

export const metadata: Metadata = { title: m.title }

export default async function InboxPage({ searchParams }: PageProps<'/admin/pesan'>) {
  await requireStaff('contact:manage')
  const query = await searchParams
  const cursor = parseInboxCursor(query.after)
  const page = await listContactMessages(cursor)
  const unhandled = await countUnhandledContactMessages()

  return (
    <>
      <h1 className="mb-2 font-serif text-3xl font-bold">{m.title}</h1>
      <p className="mb-2 text-muted">{m.intro}</p>
      <p className="mb-6 font-semibold">{m.unhandledCount(unhandled)}</p>
      {query.selesai === 'dihapus' ? (
        <p role="status" className="mb-6 rounded-md bg-ok px-3 py-2 text-ok-ink">
          {m.deleted}
        </p>
      ) : null}

      {page.items.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <ul className="space-y-4">
          {page.items.map((item) => (
            <li key={item.id} className={`rounded-md border p-4 ${item.handledAt ? 'border-line' : 'border-edge border-l-4 border-l-accent'}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-bold">
                  <a href={`/admin/pesan/${item.id}`} aria-label={m.open(item.name)} className="underline underline-offset-4">
                    {item.name}
                  </a>
                </h2>
                <span className={`rounded px-2 py-0.5 text-sm font-semibold ${item.handledAt ? 'bg-ok text-ok-ink' : 'bg-alert text-accent'}`}>
                  {item.handledAt ? m.handled : m.unhandled}
                </span>
              </div>
              <p className="text-sm text-muted">
                {item.email} · {m.received} {formatDateTime(item.createdAt)}
              </p>
              <p className="mt-2 line-clamp-3 whitespace-pre-line">{item.preview}</p>
              <div className="mt-3">
                <ActionButton
                  action={markMessageAction}
                  fields={{ id: item.id, handled: item.handledAt ? '0' : '1' }}
                  label={item.handledAt ? m.markUnhandled : m.markHandled}
                  successMessage={item.handledAt ? m.markedUnhandled : m.markedHandled}
                />
              </div>
            </li>
          ))}
        </ul>
      )}

      <nav aria-label={t.archive.pagination} className="mt-6 flex flex-wrap gap-4">
        {cursor ? (
          <a href="/admin/pesan" className="inline-flex min-h-11 items-center underline underline-offset-4">
            {m.first}
          </a>
        ) : null}
        {page.nextCursor ? (
          <a href={`/admin/pesan?after=${encodeInboxCursor(page.nextCursor)}`} className="inline-flex min-h-11 items-center underline underline-offset-4">
            {m.more}
          </a>
        ) : null}
      </nav>
    </>
  )
}
