import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleEditor } from '@/components/admin/editor/article-editor'
import { NoteForm } from '@/components/admin/editor/note-form'
import { VerificationPanel } from '@/components/admin/editor/verification-panel'
import { getArticleForEdit, listEditors } from '@/db/queries/articles-desk'
import { isAllowed } from '@/lib/auth/authorize'
import { requireStaff } from '@/lib/auth/guards'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.articles.editTitle }

const w = t.admin.articles

function parseId(value: string): number | null {
  return /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null
}

export default async function EditArticlePage({ params }: PageProps<'/admin/artikel/[id]'>) {
  await requireStaff('desk:view')
  const id = parseId((await params).id)
  const article = id ? (await getArticleForEdit(id)) : null
  if (!article) notFound()
  // Someone who may not edit this article does not learn that it exists.
  const staff = await requireStaff('article:edit', article)

  const can = {
    edit: true,
    editLive: isAllowed(staff, 'article:publish', article),
    submit: isAllowed(staff, 'article:submit', article),
    publish: isAllowed(staff, 'article:publish', article),
    unpublish: isAllowed(staff, 'article:unpublish', article),
    retract: isAllowed(staff, 'article:retract', article),
    delete: isAllowed(staff, 'article:delete', article),
    review: isAllowed(staff, 'article:review', article),
    verify: isAllowed(staff, 'article:verification', article),
  }
  const editors = can.review ? (await listEditors()) : []
  const editorName = article.editorId ? ((await listEditors()).find((e) => e.id === article.editorId)?.name ?? null) : null

  return (
    <>
      <h1 className="mb-4 font-serif text-3xl font-bold">{w.editTitle}</h1>
      <ArticleEditor
        article={{
          id: article.id,
          version: article.version,
          status: article.status,
          title: article.title,
          slug: article.slug,
          pathMonth: article.pathMonth,
          dateline: article.dateline,
          excerpt: article.excerpt,
          bodyHtml: article.bodyHtml,
          featuredMedia: article.featuredMediaId && article.featuredMedia ? { id: article.featuredMediaId, storageKey: article.featuredMedia.storageKey } : null,
          featuredImageUrl: article.featuredImageUrl,
          featuredAlt: article.featuredAlt,
          featuredCaption: article.featuredCaption,
          labels: article.labels.map((l) => l.name),
          isSponsored: article.isSponsored,
          sponsorName: article.sponsorName,
          seoTitle: article.seoTitle,
          seoDescription: article.seoDescription,
          editorId: article.editorId,
          editorName,
          authorName: article.authorName,
          publishedAt: article.publishedAt?.toISOString() ?? null,
          savedAt: article.savedAt.toISOString(),
          savedByName: article.savedByName,
          retractedAt: article.retractedAt?.toISOString() ?? null,
          retractionReason: article.retractionReason,
        }}
        can={can}
        editors={editors}
      />

      <VerificationPanel article={article} canVerify={can.verify} />

      <section aria-labelledby="notes-heading" className="mt-10 max-w-3xl space-y-4">
        <h2 id="notes-heading" className="font-serif text-2xl font-bold">
          {w.notes.title}
        </h2>
        {article.notes.length ? (
          <ul className="space-y-3">
            {article.notes.map((note) => (
              <li key={note.id} className="rounded-md border border-line p-3">
                <p className="text-sm">
                  <strong>{w.notes.kinds[note.kind]}</strong> · <time dateTime={note.createdAt.toISOString()}>{formatDateTime(note.createdAt)}</time>
                  {note.createdByName ? ` · ${note.createdByName}` : ''}
                </p>
                <p className="mt-1 whitespace-pre-line">{note.body}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">{w.notes.none}</p>
        )}
        {article.status === 'published' && isAllowed(staff, 'article:note', article) ? <NoteForm articleId={article.id} offerVerificationLift={can.verify && article.verificationPendingAt !== null} /> : null}
      </section>
    </>
  )
}
