import { siteUrlFor } from '@/lib/env'
import { loadSiteFeed } from '@/lib/feeds/load'
import { feedResponse } from '@/lib/feeds/respond'

/** RSS 2.0 of the whole site: the newest 20 stories in full. */
export async function GET(request: Request) {
  // Reading the request first keeps `next build` from prerendering this (it would read data).
  request.headers.get('if-none-match')
  return feedResponse(request, await loadSiteFeed(siteUrlFor(request)))
}
