import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { AdvertorialBadge } from '@/components/site/advertorial-badge'
import { NotFoundPage } from '@/components/site/not-found-page'
import { Pagination } from '@/components/site/pagination'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { buildMatchQuery, MAX_SEARCH_PAGE, SEARCH_PAGE_SIZE, SEARCH_RESULT_CAP, searchArticles, type SearchResult } from '@/db/queries/search'
import { ReadPoolBusyError } from '@/db/read-pool'
import { TAGS } from '@/lib/cache-tags'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { parsePageParam, PLACEHOLDER } from '@/lib/route-params'
import { listingMetadata, notFoundMetadata } from '@/lib/seo/page-metadata'
import { articlePath, searchPath } from '@/lib/urls'

// Search results depend on the query string, so this page renders per request (the one
// public page that does); the search itself is bounded and runs off the event loop
// (db/queries/search.ts, ADR 008). /cari is rewritten to /cari/hasil (next.config.ts) so that
// its head, which names SITE_URL, is made at run time like every other page's, not prerendered at
// build with the build machine's settings.
const MODE = 'hasil'

export function generateStaticParams() {
  return [{ mode: PLACEHOLDER }]
}

export async function generateMetadata({ params }: PageProps<'/cari/[mode]'>): Promise<Metadata> {
  'use cache'
  cacheLife('max')
  const { mode } = await params
  if (mode !== MODE) return notFoundMetadata()
  cacheTag(TAGS.site)
  const chrome = await getSiteChrome()
  return listingMetadata({ title: t.search.title, description: t.seo.searchDescription(chrome.siteName), path: searchPath(), noindex: true })
}

const MAX_QUERY = 200

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

async function runSearch(q: string, page: number): Promise<SearchResult | 'busy' | null> {
  if (q === '' || buildMatchQuery(q) === null) return null
  try {
    return await searchArticles(q, page)
  } catch (error) {
    if (error instanceof ReadPoolBusyError) return 'busy'
    throw error
  }
}

async function SearchResults({ searchParams }: { searchParams: PageProps<'/cari/[mode]'>['searchParams'] }) {
  const sp = await searchParams
  const q = first(sp.q).normalize('NFKC').trim().slice(0, MAX_QUERY)
  const page = parsePageParam(first(sp.page)) ?? 1
  const results = await runSearch(q, page)

  // The header's search box is the page's one search box, holding the query.
  return (
    <SiteShell searchQuery={q}>
      <div className="mx-auto max-w-3xl">
        <h1 className="mb-4 border-b-2 border-accent pb-3 font-serif text-3xl font-bold">
          {q ? t.search.resultsFor(q) : t.search.title}
        </h1>
        {results === 'busy' ? (
          <p role="status">{t.search.busy}</p>
        ) : !results ? (
          <p>{q ? t.search.tooShort : t.search.prompt}</p>
        ) : results.items.length === 0 ? (
          <p role="status">{t.search.empty}</p>
        ) : (
          <>
            <p role="status" className="mb-2 text-sm text-muted">
              {results.capped ? t.search.countOver(SEARCH_RESULT_CAP) : t.search.count(results.total)}
            </p>
            <ol className="divide-y divide-line">
              {results.items.map((item) => (
                <li key={item.id} className="py-4">
                  <article>
                    {item.isSponsored ? <AdvertorialBadge /> : null}
                    <h2 className="font-serif text-lg leading-snug font-bold">
                      <a href={articlePath(item)} className="hover:underline">
                        {item.title}
                      </a>
                    </h2>
                    <p className="mt-1 text-sm text-muted">
                      {item.authorName} · <time dateTime={item.publishedAt.toISOString()}>{formatDateTime(item.publishedAt)}</time>
                    </p>
                    <p className="mt-2">
                      {item.snippet.map((segment, i) =>
                        segment.hit ? (
                          <mark key={i} className="bg-amber-200 text-neutral-900">
                            {segment.text}
                          </mark>
                        ) : (
                          segment.text
                        ),
                      )}
                    </p>
                  </article>
                </li>
              ))}
            </ol>
          </>
        )}
        {results && results !== 'busy' ? (
          <Pagination
            page={page}
            hasNext={page < MAX_SEARCH_PAGE && page * SEARCH_PAGE_SIZE < results.total}
            hrefFor={(n) => `${searchPath(q)}${n > 1 ? `&page=${n}` : ''}`}
          />
        ) : null}
      </div>
    </SiteShell>
  )
}

// The route blocks on its params and query: its App Shell is made without knowing `mode` (the
// build placeholder is its only static param), and the page awaits `mode` first, so that the head
// (title, canonical, robots) sits in <head> and an unknown mode is no search page. That shell is
// empty. Without `instant = false`, the server checks the shell again when a revalidated tag
// (`site`, as /api/revalidate sends after an import) makes it render it at run time, refuses it
// with NEXT_STATIC_GEN_BAILOUT, and every search answers 500 until a restart. No Suspense
// boundary either: its fallback would only add markup, as the search takes a few milliseconds.
export const instant = false
// Reached with plain <a> links and a GET form: no client navigation ever asks for its prefetch
// segments, as on every reader route (ADR 017).
export const prefetch = 'force-disabled'

export default async function SearchPage({ params, searchParams }: PageProps<'/cari/[mode]'>) {
  const { mode } = await params
  if (mode === PLACEHOLDER) return null
  if (mode !== MODE) return <NotFoundPage />
  return <SearchResults searchParams={searchParams} />
}
