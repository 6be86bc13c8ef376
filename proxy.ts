import { type NextRequest, NextResponse } from 'next/server'
import { getRetractedArticle } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { renderRetractionNotice } from '@/lib/html/retraction-notice'

/*
 * Article URLs only (see the matcher): a retracted article's old address answers
 * 410 Gone with a public notice and the reason. A page cannot set that status itself
 * (notFound() is 404; docs/decisions/004-retraction-notice.md). Everything else passes
 * straight through to the cached page. Not an authorization layer: admin pages, actions
 * and route handlers decide access themselves (lib/auth).
 */
export function proxy(request: NextRequest) {
  const m = /^\/(\d{4})\/(\d{2})\/([a-z0-9-]{1,200})$/.exec(request.nextUrl.pathname)
  if (!m) return NextResponse.next()
  const retracted = getRetractedArticle(`${m[1]}/${m[2]}`, m[3]!)
  if (!retracted) return NextResponse.next()
  const html = renderRetractionNotice({ siteName: getSiteSettings().siteName, ...retracted })
  return new NextResponse(request.method === 'HEAD' ? null : html, {
    status: 410,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60', 'X-Robots-Tag': 'noindex' },
  })
}

export const config = {
  matcher: '/:year(\\d{4})/:month(\\d{2})/:slug',
}
