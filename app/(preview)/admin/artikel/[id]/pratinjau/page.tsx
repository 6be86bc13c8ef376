import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import { ArticleView } from '@/components/site/article-view'
import { SiteShell } from '@/components/site/site-shell'
import { getArticlePreview, getArticleRef } from '@/db/queries/articles-desk'
import { getStoryCompanions } from '@/db/queries/articles'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'

/*
 * Outside the (admin) group on purpose: the preview wears the reader site's frame, not the
 * newsroom's, so it looks exactly like the published page. Access is still decided here.
 */

export const metadata: Metadata = {
  title: t.admin.articles.actions.preview,
  robots: { index: false, follow: false, nocache: true },
}

function parseId(value: string): number | null {
  return /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null
}

async function Preview({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('desk:view')
  const id = parseId((await params).id)
  const ref = id ? (await getArticleRef(id)) : null
  if (!id || !ref) notFound()
  await requireStaff('article:edit', ref)
  const article = await getArticlePreview(id)
  if (!article) notFound()
  const { related, previous, next } = await getStoryCompanions(
    article.id,
    article.labels.map((l) => l.id),
    article.publishedAt,
  )
  return (
    <SiteShell>
      <div role="note" className="mx-auto mb-6 max-w-3xl rounded-md border-2 border-accent bg-note p-3 text-note-ink">
        <p className="font-semibold">{t.admin.articles.preview.banner}</p>
        <p>
          {t.admin.articles.fields.status}: {t.admin.articles.statuses[ref.status]} ·{' '}
          <a href={`/admin/artikel/${id}`} className="underline">
            {t.admin.articles.preview.back}
          </a>
        </p>
      </div>
      <ArticleView article={article} related={related} previous={previous} next={next} />
    </SiteShell>
  )
}

export default function PreviewPage({ params }: PageProps<'/admin/artikel/[id]/pratinjau'>) {
  // The session is read per request: under cacheComponents that must sit inside Suspense.
  return (
    <Suspense fallback={<p className="p-6">{t.admin.common.loading}</p>}>
      <Preview params={params} />
    </Suspense>
  )
}
