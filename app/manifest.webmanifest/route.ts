import { conditionalResponse, SITEMAP_POLICY } from '@/lib/http/conditional'
import { loadManifest } from '@/lib/seo/site-icons'

/**
 * The web app manifest, with the site name from the settings: a route handler rather than
 * app/manifest.ts, which Next would build once from the build machine's (absent) database.
 */
export async function GET(request: Request) {
  // Reading the request first keeps `next build` from prerendering this (it would read data).
  request.headers.get('if-none-match')
  const manifest = await loadManifest()
  return conditionalResponse(request, {
    body: manifest.json,
    etag: manifest.etag,
    contentType: 'application/manifest+json; charset=utf-8',
    policy: SITEMAP_POLICY,
  })
}
