import type { Metadata } from 'next'
import { NewArticleForm } from '@/components/admin/editor/new-article-form'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.articles.newTitle }

/** Step one of writing: a title creates the draft (by POST, never on GET), then the editor opens. */
export default async function NewArticlePage() {
  await requireStaff('article:create')
  return (
    <div className="max-w-2xl">
      <h1 className="mb-3 font-serif text-3xl font-bold">{t.admin.articles.newTitle}</h1>
      <p className="mb-6">{t.admin.articles.newIntro}</p>
      <NewArticleForm />
    </div>
  )
}
