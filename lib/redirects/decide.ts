import { localLocation } from '@/lib/http/location'
import { t } from '@/lib/i18n/id'
import { PLACEHOLDER } from '@/lib/route-params'
import { labelFeedPath, SEARCH_ROUTE_PATH, searchPath, SITE_FEED_PATH, SITEMAP_INDEX_PATH } from '@/lib/urls'
import { getQueryParam, isBlogspotHost, isJsonFeedRequest, parseBloggerPath, stripBloggerParams, type BloggerRoute } from './blogger'
import { publicAddressOf } from './internal-paths'
import { canonicalPath, GONE_PREFIX } from './paths'

export type PathFate = { kind: 'moved'; to: string } | { kind: 'gone' }

/** What server.mjs knows of a request before Next sees it. */
export type RouteRequest = {
  pathname: string
  /** The raw query string with its `?`, or ''. */
  search: string
  /** The Host header; read only to recognise an old *.blogspot.com alias. */
  host?: string
}

export type RouteDecision =
  | { action: 'next' }
  /** 301 with this Location, query included: a path, or an absolute URL for another host. */
  | { action: 'redirect'; location: string }
  /** Render this internal path with status 410. */
  | { action: 'gone'; rewrite: string }
  /** 410 with this plain-text body: a removed feed, which has no page to show. */
  | { action: 'gone-text'; body: string }
  /** Answer with the site's 404 page (a page streamed in <Suspense> cannot set that status itself). */
  | { action: 'not-found' }

export type DecideOptions = {
  /** The site's public address (SITE_URL): where a request to the blogspot alias is sent. */
  siteUrl?: string
}

const NEXT: RouteDecision = { action: 'next' }
const NOT_FOUND: RouteDecision = { action: 'not-found' }
const FEED_GONE: RouteDecision = { action: 'gone-text', body: t.feeds.gone(SITE_FEED_PATH) }
const Q: ReadonlySet<string> = new Set(['q'])

/**
 * What server.mjs does with a request, given the redirect table (`lookup` answers only for paths
 * in it). In order: a path Blogger served goes where its content lives now (./blogger.ts reads
 * the shape; ADR 004, "Legacy Blogger URLs"); a moved path goes straight to its content (one
 * 301, whatever variant was asked for); a trailing-slash or upper-case variant goes to the
 * canonical path (one 301); a removed path renders the public notice with 410. A redirect keeps
 * the query minus Blogger's own parameters. On a blogspot alias the answer becomes one absolute
 * 301 to the same decision's target on the site's own address.
 */
export function decideRoute(request: RouteRequest, lookup: (path: string) => PathFate | null, options: DecideOptions = {}): RouteDecision {
  const decision = decideOnSite(request, lookup)
  if (options.siteUrl && isBlogspotHost(request.host)) return moveToSite(decision, request, options.siteUrl)
  return decision
}

function decideOnSite({ pathname, search }: RouteRequest, lookup: (path: string) => PathFate | null): RouteDecision {
  const canonical = canonicalPath(pathname)
  const legacy = parseBloggerPath(pathname, canonical, search)
  if (legacy) return decideBlogger(legacy, pathname, canonical, search, lookup)

  const fate = lookup(pathname) ?? (canonical === pathname ? null : lookup(canonical))
  if (fate?.kind === 'moved') return redirect(fate.to + stripBloggerParams(search))
  // A route's internal address, in any variant: its public address, in the same one hop.
  const internal = publicAddressOf(canonical, search)
  if (internal !== null) return redirect(internal)
  if (canonical !== pathname) return redirect(canonical + stripBloggerParams(search))
  if (fate?.kind === 'gone') return { action: 'gone', rewrite: `${GONE_PREFIX}${canonical}` }
  // The one parameter each route is built with (lib/route-params.ts): its page renders nothing,
  // as a 200, at an address no page links to.
  if (PLACEHOLDER_SEGMENT.test(canonical)) return NOT_FOUND
  // The notice page asked for by its internal address: same status as at the old URL (it 404s
  // for anything that is not a removed article).
  if (pathname.startsWith(`${GONE_PREFIX}/`)) return { action: 'gone', rewrite: pathname }
  // The search route renders per request and awaits its [mode] inside the page, after Next has
  // begun a 200 answer, so an unknown mode cannot be a real 404 there. Its one real mode was sent
  // to /cari above; /cari itself reaches the route through next.config.ts's rewrite, after this.
  if (canonical.startsWith(SEARCH_ROUTE_PREFIX)) return NOT_FOUND
  return NEXT
}

// Letters and underscores only: nothing to escape, and the pattern runs in linear time.
const PLACEHOLDER_SEGMENT = new RegExp(`/${PLACEHOLDER}(?:/|$)`)
const SEARCH_ROUTE_PREFIX = SEARCH_ROUTE_PATH.slice(0, SEARCH_ROUTE_PATH.lastIndexOf('/') + 1)

function decideBlogger(
  route: BloggerRoute,
  pathname: string,
  canonical: string,
  search: string,
  lookup: (path: string) => PathFate | null,
): RouteDecision {
  switch (route.kind) {
    case 'entry': {
      // Exact first; the trailing-slash and case variants only when that fails. No row means
      // no live post: drafts and posts not yet published have none, and must not show.
      const fate = lookup(pathname) ?? (canonical === pathname ? null : lookup(canonical))
      if (fate?.kind === 'moved') return redirect(fate.to + stripBloggerParams(search))
      if (fate?.kind === 'gone') return { action: 'gone', rewrite: `${GONE_PREFIX}${canonical}` }
      return NOT_FOUND
    }
    case 'archive':
      return redirect(route.location + stripBloggerParams(search))
    case 'label': {
      const fate = lookup(route.tablePath)
      return fate?.kind === 'moved' ? redirect(fate.to + stripBloggerParams(search)) : NOT_FOUND
    }
    case 'label-feed': {
      if (isJsonFeedRequest(search)) return FEED_GONE
      const fate = lookup(route.tablePath)
      if (fate?.kind !== 'moved') return NOT_FOUND
      const slug = /^\/label\/([^/]+)$/.exec(fate.to)?.[1]
      // A label row always names a label archive; should an editor point one elsewhere, the
      // site feed is the nearest feed.
      return redirect(slug ? labelFeedPath(slug) : SITE_FEED_PATH)
    }
    case 'site-feed':
      return isJsonFeedRequest(search) ? FEED_GONE : redirect(SITE_FEED_PATH)
    case 'comment-feed': {
      if (isJsonFeedRequest(search)) return FEED_GONE
      const fate = lookup(route.tablePath)
      return fate?.kind === 'moved' ? redirect(fate.to) : FEED_GONE
    }
    case 'removed-feed':
      return FEED_GONE
    case 'search': {
      const q = getQueryParam(search, 'q')?.trim()
      const rest = stripBloggerParams(search, Q)
      if (!q) return redirect(`/${rest}`)
      return redirect(searchPath(q) + (rest ? `&${rest.slice(1)}` : ''))
    }
    case 'home':
      return redirect(`/${stripBloggerParams(search)}`)
    case 'sitemap':
      return redirect(SITEMAP_INDEX_PATH)
    case 'unknown':
      return NOT_FOUND
  }
}

/**
 * Every Location this module answers with goes through here: whatever the request path was
 * ("//evil.example/", "/\\evil.example"), the browser stays on this site (issue #10, finding 2).
 */
function redirect(location: string): RouteDecision {
  return { action: 'redirect', location: localLocation(location) }
}

/**
 * The blogspot alias serves nothing itself: every answer there is one 301 to the site's own
 * address, to the decision's target or else the same path, which then answers as usual (404 or
 * 410 included). Skipped if SITE_URL is itself on that host, which would loop.
 */
function moveToSite(decision: RouteDecision, { pathname, search, host }: RouteRequest, siteUrl: string): RouteDecision {
  const base = siteUrl.replace(/\/+$/, '')
  const siteHost = /^https?:\/\/([^/]+)/i.exec(base)?.[1]
  if (siteHost?.toLowerCase() === host?.toLowerCase()) return decision
  const path = decision.action === 'redirect' ? decision.location : localLocation(pathname + search)
  return { action: 'redirect', location: /^https?:\/\//i.test(path) ? path : `${base}${path}` }
}
