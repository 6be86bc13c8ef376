import { siteUrlFor } from '@/lib/env'
import { conditionalResponse, SITEMAP_POLICY } from '@/lib/http/conditional'
import { loadSitemapIndex } from '@/lib/sitemaps/load'

/** The sitemap index (sitemaps.org 0.9): every file under /sitemaps/ with its lastmod. */
export async function GET(request: Request) {
  // Reading the request first keeps `next build` from prerendering this (it would read data).
  request.headers.get('if-none-match')
  const index = await loadSitemapIndex(siteUrlFor(request))
  return conditionalResponse(request, { body: index.xml, etag: index.etag, contentType: 'application/xml; charset=utf-8', policy: SITEMAP_POLICY })
}
