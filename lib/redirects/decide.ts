import { canonicalPath, GONE_PREFIX } from './paths'

export type PathFate = { kind: 'moved'; to: string } | { kind: 'gone' }

/** What server.mjs knows of a request before Next sees it. */
export type RouteRequest = {
  pathname: string
  /** The raw query string with its `?`, or ''. */
  search: string
}

export type RouteDecision =
  | { action: 'next' }
  /** 301 with this Location, query included: a path, or an absolute URL for another host. */
  | { action: 'redirect'; location: string }
  /** Render this internal path with status 410. */
  | { action: 'gone'; rewrite: string }
  /** Answer with the site's 404 page (a page streamed in <Suspense> cannot set that status itself). */
  | { action: 'not-found' }

/**
 * What server.mjs does with a request, given the redirect table (`lookup` answers only for paths
 * in it). In order: a moved path goes straight to its content (one 301, whatever variant was
 * asked for); a trailing-slash or upper-case variant goes to the canonical path (one 301); a
 * removed path renders the public notice with 410. A redirect keeps the query.
 */
export function decideRoute({ pathname, search }: RouteRequest, lookup: (path: string) => PathFate | null): RouteDecision {
  const canonical = canonicalPath(pathname)
  const fate = lookup(pathname) ?? (canonical === pathname ? null : lookup(canonical))
  if (fate?.kind === 'moved') return { action: 'redirect', location: fate.to + search }
  if (canonical !== pathname) return { action: 'redirect', location: canonical + search }
  if (fate?.kind === 'gone') return { action: 'gone', rewrite: `${GONE_PREFIX}${canonical}` }
  // The notice page asked for by its internal address: same status as at the old URL (it 404s
  // for anything that is not a removed article).
  if (pathname.startsWith(`${GONE_PREFIX}/`)) return { action: 'gone', rewrite: pathname }
  return { action: 'next' }
}
