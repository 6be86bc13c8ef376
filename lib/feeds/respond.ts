import 'server-only'
import { conditionalResponse, FRESH_POLICY } from '@/lib/http/conditional'
import type { CachedFeed } from './load'

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8'

/** 200 with the feed, 304 when the reader already has it, 404 for an unknown label or author. */
export function feedResponse(request: Request, feed: CachedFeed | null): Response {
  if (!feed) {
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=0, s-maxage=60' } })
  }
  return conditionalResponse(request, { body: feed.xml, etag: feed.etag, contentType: RSS_CONTENT_TYPE, policy: FRESH_POLICY })
}
