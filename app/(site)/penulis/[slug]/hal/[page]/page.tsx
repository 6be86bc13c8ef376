import type { Metadata } from 'next'
import { cacheLife } from 'next/cache'
import { ArchiveView } from '@/components/site/archive-view'
import { JsonLd } from '@/components/site/json-ld'
import { NotFoundPage } from '@/components/site/not-found-page'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { listArticlesByAuthor, listReachesPage } from '@/db/queries/articles'
import { getAuthorBySlug } from '@/db/queries/users'
import { authorPageTags, tagPage } from '@/lib/cache/page-tags'
import { getEnv } from '@/lib/env'
import { t } from '@/lib/i18n/id'
import { isSlug, parsePageParam, PLACEHOLDER } from '@/lib/route-params'
import { breadcrumbJsonLd } from '@/lib/seo/json-ld'
import { listingMetadata, notFoundMetadata } from '@/lib/seo/page-metadata'
import { pageUrl, authorFeedPath, authorPath } from '@/lib/urls'

// Reached as /penulis/{slug} and /penulis/{slug}?page=N through rewrites in next.config.ts.
// Whole page generated before the response starts: a miss answers a real 404, and
// the result is served as static output until a tag revalidates it (ADR 002).
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

export function generateStaticParams() {
  return [{ slug: PLACEHOLDER, page: '1' }]
}

async function load(slug: string, pageParam: string) {
  const page = parsePageParam(pageParam)
  if (!page || !isSlug(slug)) return null
  const author = await getAuthorBySlug(slug)
  if (!author) {
    // Tagged with the address first, so a cached 404 gives way when the author comes to exist.
    tagPage(authorPageTags(slug, null))
    return null
  }
  const result = await listArticlesByAuthor(author.id, page)
  tagPage(authorPageTags(slug, author, result.items))
  if (page > 1 && result.items.length === 0) return null
  return { author, result }
}

export async function generateMetadata({ params }: PageProps<'/penulis/[slug]/hal/[page]'>): Promise<Metadata> {
  'use cache'
  cacheLife('max')
  const { slug, page } = await params
  if (slug === PLACEHOLDER) return {}
  const author = isSlug(slug) ? (await getAuthorBySlug(slug)) : null
  const n = parsePageParam(page)
  if (isSlug(slug)) tagPage(authorPageTags(slug, author))
  if (!author || !n) return notFoundMetadata()
  // Past the last page: the 404's title, not "Halaman N" of the author.
  if (n > 1 && !(await listReachesPage(`author:${author.id}`, n))) return notFoundMetadata()
  const chrome = await getSiteChrome()
  return listingMetadata({
    title: `${author.name}${n > 1 ? ` — ${t.archive.pageOf(n)}` : ''}`,
    description: author.bio || t.seo.authorDescription(author.name, chrome.siteName),
    path: authorPath(author.slug, n),
    feeds: [{ title: t.feeds.author(author.name, chrome.siteName), path: authorFeedPath(author.slug) }],
  })
}

export default async function AuthorPage({ params }: PageProps<'/penulis/[slug]/hal/[page]'>) {
  'use cache'
  cacheLife('max')
  const { slug, page } = await params
  if (slug === PLACEHOLDER) return null
  const data = await load(slug, page)
  if (!data) return <NotFoundPage />
  const { siteUrl } = getEnv()
  const breadcrumb = breadcrumbJsonLd([
    { name: t.site.home, url: pageUrl(siteUrl, '/') },
    { name: data.author.name, url: pageUrl(siteUrl, authorPath(data.author.slug)) },
    ...(data.result.page > 1
      ? [{ name: t.archive.pageOf(data.result.page), url: pageUrl(siteUrl, authorPath(data.author.slug, data.result.page)) }]
      : []),
  ])
  return (
    <SiteShell>
      <JsonLd data={breadcrumb} />
      <ArchiveView
        title={data.author.name}
        intro={data.author.bio ? <p>{data.author.bio}</p> : null}
        result={data.result}
        hrefFor={(n) => authorPath(data.author.slug, n)}
      />
    </SiteShell>
  )
}
