import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageEditor } from '@/components/admin/editor/page-editor'
import { getPageForEdit } from '@/db/queries/pages-desk'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.pages.editTitle }

export default async function EditPagePage({ params }: PageProps<'/admin/halaman/[id]'>) {
  await requireStaff('page:manage')
  const raw = (await params).id
  const page = /^[1-9]\d{0,14}$/.test(raw) ? (await getPageForEdit(Number(raw))) : null
  if (!page) notFound()
  return (
    <>
      <p className="mb-2">
        <a href="/admin/halaman" className="inline-flex min-h-11 items-center font-semibold underline">
          ← {t.admin.pages.title}
        </a>
      </p>
      <h1 className="mb-4 font-serif text-3xl font-bold">{t.admin.pages.editTitle}</h1>
      <PageEditor
        page={{ id: page.id, version: page.version, status: page.status, title: page.title, slug: page.slug, bodyHtml: page.bodyHtml, seoDescription: page.seoDescription }}
      />
    </>
  )
}
