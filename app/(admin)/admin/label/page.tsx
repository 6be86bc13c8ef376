import type { Metadata } from 'next'
import { LabelCreateForm, LabelMergeTable, LabelSuggestionList, LabelSuggestionRefresh } from '@/components/admin/label-forms'
import { inputClass, secondaryButtonClass } from '@/components/admin/field'
import { listLabelMergeSuggestions } from '@/db/queries/label-suggestions'
import { listLabelsForDesk } from '@/db/queries/labels-desk'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { labelListQuery } from '@/lib/validation/labels'
import {
  acceptLabelSuggestionAction,
  createLabelAction,
  dismissLabelSuggestionAction,
  mergeLabelsAction,
  refreshLabelSuggestionsAction,
} from './actions'

const l = t.admin.labels

export const metadata: Metadata = { title: l.title }

export default async function LabelDeskPage({ searchParams }: PageProps<'/admin/label'>) {
  await requireStaff('label:manage')
  const raw = await searchParams
  const query = labelListQuery.parse({ q: raw.q, after: raw.after })
  const page = await listLabelsForDesk({ q: query.q, after: query.after })
  const suggestions = await listLabelMergeSuggestions()
  const withQ = (params: Record<string, string>) => `/admin/label?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...params })}`

  return (
    <>
      <h1 className="mb-2 font-serif text-3xl font-bold">{l.title}</h1>
      <p className="mb-6 max-w-3xl text-muted">{l.intro}</p>
      {raw.selesai === 'dihapus' ? (
        <p role="status" className="mb-6 rounded-md bg-ok px-3 py-2 text-ok-ink">
          {l.deleted}
        </p>
      ) : null}

      <section aria-labelledby="saran-gabung" className="mb-10 space-y-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="max-w-3xl space-y-2">
            <h2 id="saran-gabung" className="text-xl font-bold">
              {l.suggestionsTitle}
            </h2>
            <p className="text-muted">{l.suggestionsIntro}</p>
          </div>
          <LabelSuggestionRefresh action={refreshLabelSuggestionsAction} />
        </div>
        <LabelSuggestionList accept={acceptLabelSuggestionAction} dismiss={dismissLabelSuggestionAction} suggestions={suggestions} />
      </section>

      <div className="mb-10 grid gap-8 lg:grid-cols-2">
        <form method="get" action="/admin/label" role="search" className="space-y-2">
          <label htmlFor="cari-label" className="block font-semibold">
            {l.search}
          </label>
          <p id="cari-label-hint" className="text-sm text-muted">
            {l.searchHint}
          </p>
          <div className="flex gap-2">
            <input id="cari-label" type="search" name="q" defaultValue={query.q} maxLength={100} aria-describedby="cari-label-hint" className={inputClass} />
            <button type="submit" className={secondaryButtonClass}>
              {t.admin.common.search}
            </button>
          </div>
        </form>
        <section aria-labelledby="label-baru" className="rounded-md border border-line p-4">
          <h2 id="label-baru" className="mb-3 text-xl font-bold">
            {l.createTitle}
          </h2>
          <LabelCreateForm action={createLabelAction} />
        </section>
      </div>

      {page.items.length === 0 ? (
        <p>{query.q ? l.noMatch(query.q) : l.empty}</p>
      ) : (
        <LabelMergeTable action={mergeLabelsAction} labels={page.items} />
      )}

      <nav aria-label={t.archive.pagination} className="mt-6 flex flex-wrap gap-4">
        {query.after ? (
          <a href={withQ({})} className="inline-flex min-h-11 items-center underline underline-offset-4">
            {l.first}
          </a>
        ) : null}
        {page.nextCursor ? (
          <a href={withQ({ after: String(page.nextCursor) })} className="inline-flex min-h-11 items-center underline underline-offset-4">
            {l.more}
          </a>
        ) : null}
      </nav>
    </>
  )
}
