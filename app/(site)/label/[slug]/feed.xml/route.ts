import { siteUrlFor } from '@/lib/env'
import { loadLabelFeed } from '@/lib/feeds/load'
import { feedResponse } from '@/lib/feeds/respond'
import { isSlug } from '@/lib/route-params'

/** RSS 2.0 of one label: its newest 20 stories in full. */
export async function GET(request: Request, { params }: RouteContext<'/label/[slug]/feed.xml'>) {
  const { slug } = await params
  return feedResponse(request, isSlug(slug) ? await loadLabelFeed(slug, siteUrlFor(request)) : null)
}
