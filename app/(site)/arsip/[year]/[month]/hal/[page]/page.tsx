import type { Metadata } from 'next'
import { cacheLife } from 'next/cache'
import { ArchiveView } from '@/components/site/archive-view'
import { JsonLd } from '@/components/site/json-ld'
import { NotFoundPage } from '@/components/site/not-found-page'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { listArticlesPublishedBetween, listReachesPage } from '@/db/queries/articles'
import { dateArchivePageTags, tagPage } from '@/lib/cache/page-tags'
import { jakartaRange, monthName } from '@/lib/dates'
import { getEnv } from '@/lib/env'
import { t } from '@/lib/i18n/id'
import { parseMonth, parsePageParam, parseYear, PLACEHOLDER } from '@/lib/route-params'
import { breadcrumbJsonLd } from '@/lib/seo/json-ld'
import { listingMetadata, notFoundMetadata } from '@/lib/seo/page-metadata'
import { pageUrl, monthArchivePath, WHOLE_YEAR_MONTH as WHOLE_YEAR, yearArchivePath } from '@/lib/urls'

// /{yyyy}/{mm} and /{yyyy} (month "semua"), with ?page=N, arrive here through rewrites in
// next.config.ts; /arsip/... itself is not a public URL scheme: asked for by name, it answers a 301
// to the public address (lib/redirects/internal-paths.ts).

// Whole page generated before the response starts: a miss answers a real 404, and
// the result is served as static output until a tag revalidates it (ADR 002).
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

export function generateStaticParams() {
  return [{ year: PLACEHOLDER, month: WHOLE_YEAR, page: '1' }]
}

function parse(p: { year: string; month: string; page: string }) {
  const year = parseYear(p.year)
  const page = parsePageParam(p.page)
  const month = p.month === WHOLE_YEAR ? undefined : parseMonth(p.month)
  if (!year || !page || month === null) return null
  const title = month ? t.archive.month(monthName(month), year) : t.archive.year(year)
  const hrefFor = (n: number) => (month ? monthArchivePath(year, month, n) : yearArchivePath(year, n))
  return { year, month, page, title, hrefFor }
}

export async function generateMetadata({ params }: PageProps<'/arsip/[year]/[month]/hal/[page]'>): Promise<Metadata> {
  'use cache'
  cacheLife('max')
  const p = await params
  if (p.year === PLACEHOLDER) return {}
  const a = parse(p)
  if (!a) return notFoundMetadata()
  tagPage(dateArchivePageTags(a.year, a.month))
  // A month or year without stories, or a page past the last: the 404's title.
  const months = (m: number) => `${a.year}-${String(m).padStart(2, '0')}`
  if (!(await listReachesPage('site', a.page, { from: months(a.month ?? 1), to: months(a.month ?? 12) }))) return notFoundMetadata()
  const chrome = await getSiteChrome()
  return listingMetadata({
    title: `${a.title}${a.page > 1 ? ` — ${t.archive.pageOf(a.page)}` : ''}`,
    description: t.seo.archiveDescription(a.title, chrome.siteName),
    path: a.hrefFor(a.page),
  })
}

export default async function DateArchivePage({ params }: PageProps<'/arsip/[year]/[month]/hal/[page]'>) {
  'use cache'
  cacheLife('max')
  const p = await params
  if (p.year === PLACEHOLDER) return null
  const a = parse(p)
  if (!a) return <NotFoundPage />
  const { start, end } = jakartaRange(a.year, a.month)
  const result = await listArticlesPublishedBetween(start, end, a.page)
  // Tagged before a miss: the month's first story (or its Nth page) replaces a cached 404.
  tagPage(dateArchivePageTags(a.year, a.month, result.items))
  // A month or year without stories, or a page past the last, is not a page.
  if (result.items.length === 0) return <NotFoundPage />
  const { siteUrl } = getEnv()
  const breadcrumb = breadcrumbJsonLd([
    { name: t.site.home, url: pageUrl(siteUrl, '/') },
    { name: String(a.year), url: pageUrl(siteUrl, yearArchivePath(a.year)) },
    ...(a.month ? [{ name: monthName(a.month), url: pageUrl(siteUrl, monthArchivePath(a.year, a.month)) }] : []),
    ...(a.page > 1 ? [{ name: t.archive.pageOf(a.page), url: pageUrl(siteUrl, a.hrefFor(a.page)) }] : []),
  ])
  return (
    <SiteShell>
      <JsonLd data={breadcrumb} />
      <ArchiveView title={a.title} result={result} hrefFor={a.hrefFor} />
    </SiteShell>
  )
}
