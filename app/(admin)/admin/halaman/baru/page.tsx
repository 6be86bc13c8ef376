import type { Metadata } from 'next'
import { NewPageForm } from '@/components/admin/editor/new-page-form'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.pages.new }

export default async function NewPagePage() {
  await requireStaff('page:manage')
  return (
    <div className="max-w-2xl">
      <h1 className="mb-3 font-serif text-3xl font-bold">{t.admin.pages.new}</h1>
      <p className="mb-6">{t.admin.pages.newIntro}</p>
      <NewPageForm />
    </div>
  )
}
