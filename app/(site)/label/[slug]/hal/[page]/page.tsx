import type { Metadata } from 'next'
import { cacheLife } from 'next/cache'
import { ArchiveView } from '@/components/site/archive-view'
import { JsonLd } from '@/components/site/json-ld'
import { NotFoundPage } from '@/components/site/not-found-page'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { listArticlesByLabel, listReachesPage } from '@/db/queries/articles'
import { getLabelBySlug } from '@/db/queries/labels'
import { labelPageTags, tagPage } from '@/lib/cache/page-tags'
import { getEnv } from '@/lib/env'
import { t } from '@/lib/i18n/id'
import { isSlug, parsePageParam, PLACEHOLDER } from '@/lib/route-params'
import { breadcrumbJsonLd } from '@/lib/seo/json-ld'
import { listingMetadata, notFoundMetadata } from '@/lib/seo/page-metadata'
import { pageUrl, labelFeedPath, labelPath } from '@/lib/urls'

// Reached as /label/{slug} and /label/{slug}?page=N through rewrites in next.config.ts.
// Whole page generated before the response starts: a miss answers a real 404, and
// the result is served as static output until a tag revalidates it (ADR 002).
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

export function generateStaticParams() {
  return [{ slug: PLACEHOLDER, page: '1' }]
}

/**
 * The archive page, or null for a 404. Tags the page first, with the address and (when the label
 * exists) its list, so a cached 404 gives way when the label or its Nth page comes to exist.
 */
async function load(slug: string, pageParam: string) {
  const page = parsePageParam(pageParam)
  if (!page || !isSlug(slug)) return null
  const label = await getLabelBySlug(slug)
  if (!label) {
    tagPage(labelPageTags(slug, null))
    return null
  }
  const result = await listArticlesByLabel(label.id, page)
  tagPage(labelPageTags(slug, label, result.items))
  // Past the last page is not a page.
  if (page > 1 && result.items.length === 0) return null
  return { label, result }
}

export async function generateMetadata({ params }: PageProps<'/label/[slug]/hal/[page]'>): Promise<Metadata> {
  'use cache'
  cacheLife('max')
  const { slug, page } = await params
  if (slug === PLACEHOLDER) return {}
  const label = isSlug(slug) ? (await getLabelBySlug(slug)) : null
  const n = parsePageParam(page)
  if (isSlug(slug)) tagPage(labelPageTags(slug, label))
  if (!label || !n) return notFoundMetadata()
  // Past the last page: the 404's title, not "Halaman N" of the label.
  if (n > 1 && !(await listReachesPage(`label:${label.id}`, n))) return notFoundMetadata()
  const chrome = await getSiteChrome()
  return listingMetadata({
    title: `${label.name}${n > 1 ? ` — ${t.archive.pageOf(n)}` : ''}`,
    description: label.description || t.seo.archiveDescription(t.archive.label(label.name), chrome.siteName),
    path: labelPath(label.slug, n),
    feeds: [{ title: t.feeds.label(label.name, chrome.siteName), path: labelFeedPath(label.slug) }],
  })
}

export default async function LabelArchivePage({ params }: PageProps<'/label/[slug]/hal/[page]'>) {
  'use cache'
  cacheLife('max')
  const { slug, page } = await params
  if (slug === PLACEHOLDER) return null
  const data = await load(slug, page)
  if (!data) return <NotFoundPage />
  const { siteUrl } = getEnv()
  const breadcrumb = breadcrumbJsonLd([
    { name: t.site.home, url: pageUrl(siteUrl, '/') },
    { name: data.label.name, url: pageUrl(siteUrl, labelPath(data.label.slug)) },
    ...(data.result.page > 1
      ? [{ name: t.archive.pageOf(data.result.page), url: pageUrl(siteUrl, labelPath(data.label.slug, data.result.page)) }]
      : []),
  ])
  return (
    <SiteShell>
      <JsonLd data={breadcrumb} />
      <ArchiveView
        title={data.label.name}
        intro={data.label.description ? <p>{data.label.description}</p> : null}
        result={data.result}
        hrefFor={(n) => labelPath(data.label.slug, n)}
      />
    </SiteShell>
  )
}
