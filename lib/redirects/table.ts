import 'server-only'
import { getPathFate } from '@/db/queries/redirects'
import { isSetupLinkValid, SETUP_PATH } from '@/lib/auth/setup-token'
import { getEnv } from '@/lib/env'
import { decideRoute, type RouteDecision, type RouteRequest } from './decide'

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
 * Hands decideRequest to server.mjs, a plain Node module outside the Next build, through
 * globalThis (instrumentation.ts calls this when the server prepares).
 */
export function installRouteDecision(): void {
  const g = globalThis as typeof globalThis & { [ROUTE_DECISION_KEY]?: (request: RouteRequest) => RouteDecision | Promise<RouteDecision> }
  // The table lookup answers synchronously (prepared statements on SQLite's read connection);
  // the setup check reads through the awaited data layer, and server.mjs accepts either.
  g[ROUTE_DECISION_KEY] = async (request: RouteRequest) => (request.pathname === SETUP_PATH ? (await decideSetup(request.search)) : decideRequest(request))
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
