import { siteUrlFor } from '@/lib/env'
import { cacheControl, SITEMAP_POLICY } from '@/lib/http/conditional'
import { sitemapFileName } from '@/lib/sitemaps/files'
import { absoluteUrl, searchPath, SITEMAP_INDEX_PATH, sitemapPath } from '@/lib/urls'

/**
 * robots.txt names the sitemaps and keeps crawlers out of the newsroom, search results and
 * route handlers under /api. A route handler rather than app/robots.ts: the sitemap URLs come
 * from SITE_URL, which is known at run time, not at build.
 */
export async function GET(request: Request) {
  // Reading the request keeps `next build` from prerendering this with the build's SITE_URL.
  request.headers.get('accept')
  // SITE_URL, or without it the address this request came in on (ADR 015).
  const siteUrl = siteUrlFor(request)
  const body = [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin',
    'Disallow: /api/',
    `Disallow: ${searchPath()}`,
    '',
    `Sitemap: ${absoluteUrl(siteUrl, SITEMAP_INDEX_PATH)}`,
    `Sitemap: ${absoluteUrl(siteUrl, sitemapPath(sitemapFileName({ kind: 'news' })))}`,
    '',
  ].join('\n')
  return new Response(body, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': cacheControl(SITEMAP_POLICY) },
  })
}
