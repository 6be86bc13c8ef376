import { siteUrlFor } from '@/lib/env'
import { conditionalResponse, FRESH_POLICY, SITEMAP_POLICY } from '@/lib/http/conditional'
import { parseSitemapFileName } from '@/lib/sitemaps/files'
import {
  articlesSitemap,
  loadAuthorsSitemap,
  loadLabelsSitemap,
  loadNewsSitemap,
  loadPagesSitemap,
  type CachedXml,
} from '@/lib/sitemaps/load'

const XML = 'application/xml; charset=utf-8'

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=0, s-maxage=60' } })

/** The files the sitemap index lists: articles by month, labels, authors, static pages, Google News. */
export async function GET(request: Request, { params }: RouteContext<'/sitemaps/[file]'>) {
  const file = parseSitemapFileName((await params).file)
  if (!file) return notFound()
  const siteUrl = siteUrlFor(request)
  if (file.kind === 'articles') {
    const sitemap = await articlesSitemap(file.year, file.month, file.page, siteUrl)
    if (!sitemap) return notFound()
    return conditionalResponse(request, { body: sitemap.stream, etag: sitemap.etag, contentType: XML, policy: SITEMAP_POLICY })
  }
  let cached: CachedXml | null
  switch (file.kind) {
    case 'labels':
      cached = await loadLabelsSitemap(file.page, siteUrl)
      break
    case 'authors':
      cached = await loadAuthorsSitemap(file.page, siteUrl)
      break
    case 'pages':
      cached = await loadPagesSitemap(siteUrl)
      break
    case 'news':
      cached = await loadNewsSitemap(siteUrl)
      break
  }
  if (!cached) return notFound()
  const policy = file.kind === 'news' ? FRESH_POLICY : SITEMAP_POLICY
  return conditionalResponse(request, { body: cached.xml, etag: cached.etag, contentType: XML, policy })
}
