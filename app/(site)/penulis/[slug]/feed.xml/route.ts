import { siteUrlFor } from '@/lib/env'
import { loadAuthorFeed } from '@/lib/feeds/load'
import { feedResponse } from '@/lib/feeds/respond'
import { isSlug } from '@/lib/route-params'

/** RSS 2.0 of one author: their newest 20 stories in full. */
export async function GET(request: Request, { params }: RouteContext<'/penulis/[slug]/feed.xml'>) {
  const { slug } = await params
  return feedResponse(request, isSlug(slug) ? await loadAuthorFeed(slug, siteUrlFor(request)) : null)
}
