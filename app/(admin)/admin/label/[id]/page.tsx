import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ConfirmAction } from '@/components/admin/desk-action'
import { LabelEditForm } from '@/components/admin/label-forms'
import { getLabelForDesk } from '@/db/queries/labels-desk'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { labelPath } from '@/lib/urls'
import { deleteLabelAction, updateLabelAction } from '../actions'

const l = t.admin.labels

export const metadata: Metadata = { title: l.title }

export default async function LabelEditPage({ params }: PageProps<'/admin/label/[id]'>) {
  await requireStaff('label:manage')
  const { id } = await params
  const label = /^[1-9]\d{0,9}$/.test(id) ? (await getLabelForDesk(Number(id))) : null
  if (!label) notFound()

  return (
    <div className="max-w-2xl space-y-8">
      <p>
        <a href="/admin/label" className="inline-flex min-h-11 items-center underline underline-offset-4">
          {l.back}
        </a>
      </p>
      <h1 className="font-serif text-3xl font-bold">{l.editTitle(label.name)}</h1>
      <p className="text-muted">
        {label.publishedCount} {l.colPublished.toLowerCase()} · {label.otherCount} {l.colOther.toLowerCase()} ·{' '}
        <a href={labelPath(label.slug)} className="underline underline-offset-4">
          {l.viewArchive}
        </a>
      </p>
      <LabelEditForm action={updateLabelAction} label={label} />
      <section aria-labelledby="hapus-label" className="space-y-2">
        <h2 id="hapus-label" className="text-xl font-bold">
          {l.deleteTitle}
        </h2>
        <ConfirmAction
          summary={l.deleteTitle}
          explanation={l.deleteIntro(label.publishedCount + label.otherCount)}
          action={deleteLabelAction}
          fields={{ id: label.id }}
          label={l.deleteSubmit}
          successMessage={l.deleted}
        />
      </section>
    </div>
  )
}
