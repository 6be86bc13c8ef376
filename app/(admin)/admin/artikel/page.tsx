import type { Metadata } from 'next'
import { listArticlesForDesk, listDeskAuthors, listLabelsForFilter } from '@/db/queries/articles-desk'
import { inputClass, primaryButtonClass } from '@/components/admin/field'
import { requireStaff } from '@/lib/auth/guards'
import { canRole, scopeFor } from '@/lib/auth/policy'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { ARTICLE_STATUSES } from '@/db/schema'
import { deskFilterInput, firstValues } from '@/lib/validation/article'

export const metadata: Metadata = { title: t.admin.articles.title }

const w = t.admin.articles

function query(params: Record<string, string | number | undefined>): string {
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') sp.set(k, String(v))
  const s = sp.toString()
  return s ? `?${s}` : ''
}

/**
 * The desk: articles by last change, filtered by status, author, label and title words,
 * paged by keyset. Editors see everything (status=submitted is the review queue);
 * contributors and reporters see their own articles.
 */
export default async function ArticleListPage({ searchParams }: PageProps<'/admin/artikel'>) {
  const staff = await requireStaff('desk:view')
  const filters = deskFilterInput.parse(firstValues(await searchParams))
  const seesAll = scopeFor('article:edit', staff.role) === 'any'
  const authorId = seesAll ? filters.author : staff.id
  const [afterSavedAt, afterId] = filters.after?.split('.').map(Number) ?? []
  const page = await listArticlesForDesk({
    status: filters.status,
    authorId,
    labelId: filters.label,
    q: filters.q,
    after: afterSavedAt !== undefined && afterId !== undefined ? { savedAt: afterSavedAt, id: afterId } : undefined,
  })
  const authors = seesAll ? (await listDeskAuthors()) : []
  const labels = await listLabelsForFilter()
  const base = { status: filters.status, author: seesAll ? filters.author : undefined, label: filters.label, q: filters.q }
  const isReviewQueue = filters.status === 'submitted'

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">{isReviewQueue && canRole(staff.role, 'article:review') ? w.reviewQueue : w.title}</h1>
        {canRole(staff.role, 'article:create') ? (
          <a href="/admin/artikel/baru" className={`${primaryButtonClass} inline-flex items-center`}>
            {t.admin.nav.newArticle}
          </a>
        ) : null}
      </div>
      {canRole(staff.role, 'article:review') ? (
        <p className="mb-4">
          <a href={`/admin/artikel${query({ status: 'submitted' })}`} className="inline-flex min-h-11 items-center font-semibold underline" aria-current={isReviewQueue ? 'page' : undefined}>
            {w.reviewQueue}
          </a>
        </p>
      ) : null}

      <form method="get" role="search" aria-label={w.list.filters} className="mb-6 grid gap-3 rounded-md border border-line p-4 sm:grid-cols-2 lg:grid-cols-5">
        <div>
          <label htmlFor="filter-q" className="block font-semibold">
            {w.list.search}
          </label>
          <input id="filter-q" type="search" name="q" defaultValue={filters.q ?? ''} maxLength={100} className={inputClass} />
        </div>
        <div>
          <label htmlFor="filter-status" className="block font-semibold">
            {w.list.status}
          </label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ''} className={inputClass}>
            <option value="">{t.admin.common.all}</option>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {w.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        {seesAll ? (
          <div>
            <label htmlFor="filter-author" className="block font-semibold">
              {w.list.author}
            </label>
            <select id="filter-author" name="author" defaultValue={filters.author ?? ''} className={inputClass}>
              <option value="">{t.admin.common.all}</option>
              {authors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="filter-label" className="block font-semibold">
            {w.list.label}
          </label>
          <select id="filter-label" name="label" defaultValue={filters.label ?? ''} className={inputClass}>
            <option value="">{t.admin.common.all}</option>
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-3">
          <button type="submit" className={primaryButtonClass}>
            {w.list.apply}
          </button>
          <a href="/admin/artikel" className="inline-flex min-h-11 items-center underline">
            {w.list.reset}
          </a>
        </div>
      </form>

      {page.items.length === 0 ? (
        <p>{w.list.empty}</p>
      ) : (
        <ul className="divide-y divide-line border-y border-line" aria-label={w.list.count(page.items.length)}>
          {page.items.map((a) => (
            <li key={a.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
              <div className="min-w-0">
                <a href={`/admin/artikel/${a.id}`} className="font-serif text-lg font-bold hover:underline">
                  {a.title || w.untitled}
                </a>
                <p className="text-sm text-muted">
                  {a.authorName}
                  {a.publishedAt && (a.status === 'published' || a.status === 'scheduled') ? ` · ${formatDateTime(a.publishedAt)}` : ''}
                </p>
              </div>
              <div className="shrink-0 text-sm sm:text-right">
                <span className="inline-block rounded-full bg-subtle px-3 py-1 font-semibold">{w.statuses[a.status]}</span>
                <p className="text-muted">
                  {w.list.lastSaved}: {a.savedByName ? w.list.savedBy(a.savedByName, formatDateTime(a.savedAt)) : formatDateTime(a.savedAt)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}

      <nav aria-label={t.archive.pagination} className="mt-4 flex flex-wrap gap-4">
        {filters.after ? (
          <a href={`/admin/artikel${query(base)}`} className="inline-flex min-h-11 items-center font-semibold underline">
            {w.list.first}
          </a>
        ) : null}
        {page.next ? (
          <a href={`/admin/artikel${query({ ...base, after: `${page.next.savedAt}.${page.next.id}` })}`} className="inline-flex min-h-11 items-center font-semibold underline">
            {w.list.more}
          </a>
        ) : null}
      </nav>
    </>
  )
}
