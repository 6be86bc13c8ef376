import 'server-only'
import { getDialect } from '@/db'
import { getPathFate, getPathFateAsync } from '@/db/queries/redirects'
import { isSetupLinkValid, SETUP_PATH } from '@/lib/auth/setup-token'
import { getEnv } from '@/lib/env'
import { decideRoute, type PathFate, type RouteDecision, type RouteRequest } from './decide'

/*
 * The redirect check asks the table itself, per request: one or two lookups on unique indexes
 * through prepared statements (a few microseconds). It used to keep every source path in a Set
 * reloaded when the table changed; at 100,000 stories that reload (about 200,000 paths after a
 * Blogger import) held the event loop for seconds, in every server process, after every label
 * merge or slug change (ADR 007). Asking the table also needs no signal between processes: a
 * write is seen by the next request anywhere.
 */

/** The decision for a request (see decideRoute). */
export function decideRequest(request: RouteRequest): RouteDecision {
  return decideRoute(request, getPathFate, { siteUrl: getEnv().siteUrl ?? undefined })
}

/**
 * decideRequest with an awaited lookup (PostgreSQL, whose driver has no synchronous query).
 * decideRoute is a pure function of the request and the lookup's answers, so it runs with the
 * answers known so far; every path it asked about and had no answer for is looked up, and it
 * runs again, until it asks nothing new (two or three rounds: a path, its canonical form).
 */
export async function decideRequestAsync(
  request: RouteRequest,
  lookup: (path: string) => Promise<PathFate | null> = getPathFateAsync,
): Promise<RouteDecision> {
  const known = new Map<string, PathFate | null>()
  const options = { siteUrl: getEnv().siteUrl ?? undefined }
  for (let round = 0; round < 8; round++) {
    const missing: string[] = []
    const decision = decideRoute(
      request,
      (path) => {
        if (known.has(path)) return known.get(path)!
        missing.push(path)
        return null
      },
      options,
    )
    if (missing.length === 0) return decision
    for (const path of missing) known.set(path, await lookup(path))
  }
  return decideRoute(request, (path) => known.get(path) ?? null, options)
}

/**
 * Hands decideRequest to server.mjs, a plain Node module outside the Next build, through
 * globalThis (instrumentation.ts calls this when the server prepares).
 */
export function installRouteDecision(): void {
  const g = globalThis as typeof globalThis & { [ROUTE_DECISION_KEY]?: (request: RouteRequest) => RouteDecision | Promise<RouteDecision> }
  // The table lookup answers synchronously (prepared statements on SQLite's read connection);
  // the setup check reads through the awaited data layer, and server.mjs accepts either.
  // On PostgreSQL the lookups are awaited (decideRequestAsync).
  const decide = getDialect() === 'postgres' ? decideRequestAsync : decideRequest
  g[ROUTE_DECISION_KEY] = async (request: RouteRequest) => (request.pathname === SETUP_PATH ? (await decideSetup(request.search)) : decide(request))
}

/**
 * First-run setup exists only for the setup link printed at start, while nobody can sign in
 * (lib/auth/setup-token.ts). Its page says so itself, but admin pages stream inside <Suspense>,
 * so only the server in front can make the answer a real 404.
 */
async function decideSetup(search: string): Promise<RouteDecision> {
  return (await isSetupLinkValid(new URLSearchParams(search).get('token'))) ? { action: 'next' } : { action: 'not-found' }
}

const ROUTE_DECISION_KEY = Symbol.for('warta.decideRequest')
