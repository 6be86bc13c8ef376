import type { ReactNode } from 'react'
import type { Page, ArticleCard } from '@/db/queries/articles'
import { t } from '@/lib/i18n/id'
import { CardList } from './article-card'
import { Pagination } from './pagination'

/** The body of every paginated archive: heading, optional intro, stories, newer/older links. */
export function ArchiveView({
  title,
  intro,
  result,
  hrefFor,
}: {
  title: string
  intro?: ReactNode
  result: Page<ArticleCard>
  hrefFor: (page: number) => string
}) {
  return (
    <div className="mx-auto max-w-3xl">
      <header className="mb-4 border-b-2 border-accent pb-3">
        <h1 className="font-serif text-3xl font-bold">
          {title}
          {result.page > 1 ? <span className="text-muted"> — {t.archive.pageOf(result.page)}</span> : null}
        </h1>
        {intro ? <div className="mt-2 text-muted">{intro}</div> : null}
      </header>
      {result.items.length === 0 ? (
        <p className="py-8">{t.archive.empty}</p>
      ) : (
        <CardList cards={result.items} heading="h2" showExcerpt />
      )}
      <Pagination page={result.page} hasNext={result.hasNext} hrefFor={hrefFor} />
    </div>
  )
}
