import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { RestoreRevisionButton } from '@/components/admin/editor/restore-revision-button'
import { getArticleForEdit, getRevision, listRevisions, type RevisionKey } from '@/db/queries/articles-desk'
import { isAllowed } from '@/lib/auth/authorize'
import { requireStaff } from '@/lib/auth/guards'
import { formatDateTime } from '@/lib/dates'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.articles.actions.revisions }

const w = t.admin.articles

function parseId(value: string | string[] | undefined): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null
}

/** `after=<version>.<id>`: the history from the revision after that one, as the desk's other lists page (older revisions). */
function parseKey(value: string | string[] | undefined): RevisionKey | undefined {
  const match = typeof value === 'string' ? /^(\d{1,15})\.([1-9]\d{0,14})$/.exec(value) : null
  return match ? { version: Number(match[1]), id: Number(match[2]) } : undefined
}

/** Every saved version of an article with who and when; one can be read in full and restored. */
export default async function RevisionsPage({ params, searchParams }: PageProps<'/admin/artikel/[id]/revisi'>) {
  await requireStaff('desk:view')
  const id = parseId((await params).id)
  const article = id ? (await getArticleForEdit(id)) : null
  if (!id || !article) notFound()
  const staff = await requireStaff('article:edit', article)
  const query = await searchParams
  const before = parseKey(query.after)
  const { items: revisions, next } = await listRevisions(id, { before })
  const page = (key: RevisionKey | undefined, v?: number) => {
    const params = new URLSearchParams()
    if (key) params.set('after', `${key.version}.${key.id}`)
    if (v) params.set('v', String(v))
    const search = params.toString()
    return `/admin/artikel/${id}/revisi${search ? `?${search}` : ''}`
  }
  const selectedId = parseId(query.v) ?? revisions[0]?.id ?? null
  const selected = selectedId ? (await getRevision(id, selectedId)) : null
  const isLive = article.status === 'published' || article.status === 'scheduled'
  const canRestore = article.status !== 'retracted' && (isLive ? isAllowed(staff, 'article:publish', article) : true)

  return (
    <>
      <p className="mb-2">
        <a href={`/admin/artikel/${id}`} className="inline-flex min-h-11 items-center font-semibold underline">
          ← {w.revisions.back}
        </a>
      </p>
      <h1 className="mb-4 font-serif text-3xl font-bold">{w.revisions.title(article.title)}</h1>
      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <nav aria-label={w.actions.revisions}>
          {revisions.length === 0 ? <p>{w.revisions.empty}</p> : null}
          <ol className="divide-y divide-line border-y border-line">
            {revisions.map((r) => (
              <li key={r.id} className="py-2">
                <a
                  href={page(before, r.id)}
                  aria-current={r.id === selected?.id ? 'true' : undefined}
                  className="block min-h-11 rounded px-2 py-1 hover:bg-subtle aria-[current=true]:bg-subtle"
                >
                  <span className="font-semibold">{w.revisions.version(r.version)}</span>
                  {r.version === article.version ? <span className="text-sm"> · {w.revisions.current}</span> : null}
                  <span className="block text-sm text-muted">
                    {formatDateTime(r.createdAt)} · {r.createdByName ?? '—'}
                    {r.isAutosave ? ` · ${w.revisions.autosave}` : ''}
                    {r.restoredFrom ? ` · ${w.revisions.restoredFrom(r.restoredFrom)}` : ''}
                  </span>
                </a>
              </li>
            ))}
          </ol>
          {before || next ? (
            <p className="mt-2 flex flex-wrap gap-x-4">
              {before ? (
                <a href={page(undefined)} className="inline-flex min-h-11 items-center font-semibold underline">
                  {w.revisions.newest}
                </a>
              ) : null}
              {next ? (
                <a href={page(next)} className="inline-flex min-h-11 items-center font-semibold underline">
                  {w.revisions.older}
                </a>
              ) : null}
            </p>
          ) : null}
        </nav>

        {selected ? (
          <article aria-labelledby="revision-title" className="min-w-0 space-y-4">
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-line p-3">
              <p>
                <strong>{w.revisions.version(selected.version)}</strong> · {formatDateTime(selected.createdAt)} · {selected.createdByName ?? '—'}
              </p>
              {canRestore && selected.version !== article.version ? (
                <RestoreRevisionButton articleId={id} revisionId={selected.id} version={article.version} hint={w.revisions.restoreHint} />
              ) : null}
            </div>
            <h2 id="revision-title" className="font-serif text-3xl font-bold">
              {selected.title}
            </h2>
            {selected.excerpt ? <p className="text-lg text-muted">{selected.excerpt}</p> : null}
            <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
              <dt className="font-semibold">{w.fields.slug}</dt>
              <dd>{selected.snapshot.slug}</dd>
              <dt className="font-semibold">{w.fields.dateline}</dt>
              <dd>{selected.snapshot.dateline || '—'}</dd>
              <dt className="font-semibold">{w.fields.labels}</dt>
              <dd>{selected.snapshot.labelNames?.join(', ') || '—'}</dd>
              <dt className="font-semibold">{w.fields.status}</dt>
              <dd>{w.statuses[selected.snapshot.status] ?? selected.snapshot.status}</dd>
              <dt className="font-semibold">{w.fields.seoTitle}</dt>
              <dd>{selected.snapshot.seoTitle || '—'}</dd>
            </dl>
            <div
              className="prose prose-neutral dark:prose-invert max-w-none rounded-md border border-line p-4 font-serif"
              dangerouslySetInnerHTML={{ __html: sanitizeArticleHtml(selected.bodyHtml) }}
            />
          </article>
        ) : (
          <p className="text-muted">{w.revisions.view}</p>
        )}
      </div>
    </>
  )
}
