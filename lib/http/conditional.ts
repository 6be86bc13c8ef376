import crypto from 'node:crypto'
import { isEtagMatch } from '@/lib/media/paths'

/*
 * HTTP caching for feeds and sitemaps (route handlers; Next adds its own headers to pages).
 * A CDN may keep a copy for `sMaxAge` seconds and serve it stale while it refetches; a client
 * that sends back the ETag gets 304 without a body.
 */

export type CachePolicy = { sMaxAge: number; staleWhileRevalidate: number }

/**
 * Feeds and the news sitemap carry whole stories: a CDN may not hide a publish or a retraction
 * from them for more than a minute, like pages (docs/decisions/010-cdn-headers.md).
 */
export const FRESH_POLICY: CachePolicy = { sMaxAge: 30, staleWhileRevalidate: 30 }
/** Sitemaps other than news: crawlers read them every few hours at most. */
export const SITEMAP_POLICY: CachePolicy = { sMaxAge: 3600, staleWhileRevalidate: 86_400 }

export function cacheControl(policy: CachePolicy): string {
  return `public, max-age=0, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`
}

/** A strong ETag for a body held in memory. */
export function etagOf(body: string): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`
}

/**
 * The response for a body (a string, or a stream with an ETag computed from what the stream
 * will contain): 304 when the request already holds it, else 200. HEAD gets headers only.
 */
export function conditionalResponse(
  request: Request,
  init: { body: string | (() => ReadableStream<Uint8Array>); etag: string; contentType: string; policy: CachePolicy },
): Response {
  const headers = new Headers({
    'Content-Type': init.contentType,
    'Cache-Control': cacheControl(init.policy),
    ETag: init.etag,
    'X-Content-Type-Options': 'nosniff',
  })
  if (isEtagMatch(request.headers.get('if-none-match'), init.etag)) return new Response(null, { status: 304, headers })
  if (request.method === 'HEAD') return new Response(null, { headers })
  const body = typeof init.body === 'string' ? init.body : init.body()
  return new Response(body, { headers })
}
