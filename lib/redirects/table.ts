import 'server-only'
import { getPathFate, getRedirectsVersion, loadRedirectSources } from '@/db/queries/redirects'
import { countUsers } from '@/db/queries/users'
import { getEnv } from '@/lib/env'
import { decideRoute, type RouteDecision, type RouteRequest } from './decide'
import { getRedirectsGeneration } from './signal'

/*
 * server.mjs's copy of the redirect table: the set of paths that moved or were removed. A request
 * costs a Set lookup; only a hit reads the row. The set is reloaded when redirects_state.version
 * (bumped by triggers on any write, from any process) has moved. That version is read at most
 * once per CHECK_INTERVAL_MS, or at once after noteRedirectsChanged() (a write in this process,
 * or /api/revalidate with the redirects tag, which a CLI calls after writing). The state lives
 * on globalThis for the reason given in ./signal.ts.
 */

const CHECK_INTERVAL_MS = 1000
const KEY = Symbol.for('warta.redirects')

type State = { sources: Set<string>; version: number; checkedAt: number; checkedGeneration: number }

function getState(): State {
  const g = globalThis as typeof globalThis & { [KEY]?: State }
  g[KEY] ??= { sources: new Set(), version: -1, checkedAt: 0, checkedGeneration: -1 }
  return g[KEY]
}

function refresh(state: State, now: number): void {
  const generation = getRedirectsGeneration()
  if (state.checkedGeneration === generation && now - state.checkedAt < CHECK_INTERVAL_MS) return
  state.checkedGeneration = generation
  state.checkedAt = now
  const version = getRedirectsVersion()
  if (version === state.version) return
  state.sources = loadRedirectSources()
  state.version = version
}

/** The decision for a request (see decideRoute). */
export function decideRequest(request: RouteRequest, now = Date.now()): RouteDecision {
  const state = getState()
  refresh(state, now)
  return decideRoute(request, (path) => (state.sources.has(path) ? getPathFate(path) : null), { siteUrl: getEnv().siteUrl ?? undefined })
}

/**
 * Hands decideRequest to server.mjs, a plain Node module outside the Next build, through
 * globalThis (instrumentation.ts calls this when the server prepares).
 */
export function installRouteDecision(): void {
  const g = globalThis as typeof globalThis & { [ROUTE_DECISION_KEY]?: (request: RouteRequest) => RouteDecision }
  g[ROUTE_DECISION_KEY] = (request: RouteRequest) => (request.pathname === SETUP_PATH ? decideSetup() : decideRequest(request))
}

const SETUP_PATH = '/admin/setup'

/**
 * First-run setup exists only while there is no user. Its page says so itself, but admin pages
 * stream inside <Suspense>, so only the server in front can make the answer a real 404.
 */
function decideSetup(): RouteDecision {
  return countUsers() > 0 ? { action: 'not-found' } : { action: 'next' }
}

const ROUTE_DECISION_KEY = Symbol.for('warta.decideRequest')
