import { t } from '@/lib/i18n/id'

/** Newer/older links for an archive page; `hrefFor(n)` builds the canonical URL of page n. */
export function Pagination({
  page,
  hasNext,
  hrefFor,
}: {
  page: number
  hasNext: boolean
  hrefFor: (page: number) => string
}) {
  if (page <= 1 && !hasNext) return null
  const link =
    'inline-flex min-h-11 items-center rounded-md border border-edge px-4 font-semibold hover:bg-subtle'
  return (
    <nav aria-label={t.archive.pagination} className="mt-8 flex items-center justify-between gap-4">
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev" className={link}>
          ← {t.archive.newer}
        </a>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted" aria-current="page">
        {t.archive.pageOf(page)}
      </span>
      {hasNext ? (
        <a href={hrefFor(page + 1)} rel="next" className={link}>
          {t.archive.older} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}
