import { NextResponse, type NextRequest } from 'next/server'
import { decideRequest } from '@/lib/redirects/table'

/**
 * Answers moved URLs with one 301 (slug changes, label merges, imported legacy URLs), removed
 * articles with their public notice and 410, and trailing-slash or upper-case variants with one
 * 301 to the canonical URL, before any page, cached or not, is looked at. The redirect table is
 * held in memory; a request costs a Set lookup (docs/decisions/004-redirects.md).
 */
export function proxy(request: NextRequest) {
  const decision = decideRequest(request.nextUrl.pathname)
  if (decision.action === 'next') return
  // A plain URL, not nextUrl.clone(): NextURL would put the request's trailing slash back.
  const target = decision.action === 'redirect' ? decision.location : decision.rewrite
  const url = new URL(`${target}${request.nextUrl.search}`, request.url)
  if (decision.action === 'redirect') return NextResponse.redirect(url, 301)
  return NextResponse.rewrite(url, { status: 410 })
}

export const config = {
  // Everything but build assets, uploaded media and route handlers under /api.
  matcher: ['/((?!_next/|media/|api/|favicon\\.svg$).*)'],
}
