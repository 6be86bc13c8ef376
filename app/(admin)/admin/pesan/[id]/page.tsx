import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ActionButton, ConfirmAction } from '@/components/admin/desk-action'
import { getContactMessage } from '@/db/queries/contact'
import { requireStaff } from '@/lib/auth/guards'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { deleteMessageAction, markMessageAction } from '../actions'

const m = t.admin.inbox

export const metadata: Metadata = { title: m.title }

export default async function MessagePage({ params }: PageProps<'/admin/pesan/[id]'>) {
  await requireStaff('contact:manage')
  const { id } = await params
  const message = /^[1-9]\d{0,9}$/.test(id) ? (await getContactMessage(Number(id))) : null
  if (!message) notFound()

  return (
    <article className="max-w-3xl space-y-6">
      <p>
        <a href="/admin/pesan" className="inline-flex min-h-11 items-center underline underline-offset-4">
          {m.back}
        </a>
      </p>
      <header className="space-y-1">
        <h1 className="font-serif text-3xl font-bold">{message.name}</h1>
        <p>
          {m.from}: {message.email} ·{' '}
          <a href={`mailto:${encodeURIComponent(message.email).replace('%40', '@')}`} className="underline underline-offset-4">
            {m.reply}
          </a>
        </p>
        <p className="text-muted">
          {m.received} {formatDateTime(message.createdAt)}
        </p>
        <p className="font-semibold">
          {message.handledAt
            ? message.handledByName
              ? m.handledBy(message.handledByName, formatDateTime(message.handledAt))
              : m.handledAt(formatDateTime(message.handledAt))
            : m.unhandled}
        </p>
      </header>
      <div className="whitespace-pre-wrap break-words rounded-md border border-line bg-subtle p-4 text-lg">{message.message}</div>
      <ActionButton
        action={markMessageAction}
        fields={{ id: message.id, handled: message.handledAt ? '0' : '1' }}
        label={message.handledAt ? m.markUnhandled : m.markHandled}
        successMessage={message.handledAt ? m.markedUnhandled : m.markedHandled}
      />
      <ConfirmAction
        summary={m.deleteTitle}
        explanation={m.deleteIntro}
        action={deleteMessageAction}
        fields={{ id: message.id }}
        label={m.deleteSubmit}
        successMessage={m.deleted}
      />
    </article>
  )
}
