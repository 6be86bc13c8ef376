import { connection } from 'next/server'
import { checkServerHealth, healthChecks, type HealthReport } from '@/lib/health'

/*
 * GET/HEAD /api/health, for load balancers (issue #12): 200 when this server can serve, 503 when
 * its database (or Redis, when configured) does not answer or its migrations are behind its code
 * (lib/health.ts). Probed every
 * few seconds by every balancer, so it is cheap: server.mjs skips the URL-history lookup for
 * /api/ paths, the request guard does nothing but headers for a public path, and no session or
 * rate limit is read. Anyone may ask, so the body is one fixed word; which check failed and the
 * timings are in the server log.
 */

// A balancer must see this process's state now, never a copy: nothing between may keep it.
const HEADERS = { 'Cache-Control': 'no-store', 'Content-Type': 'application/json' }
const OK = '{"status":"ok"}'
const UNAVAILABLE = '{"status":"unavailable"}'

async function health(): Promise<HealthReport> {
  // Per request: without it cacheComponents would run this handler once at build time.
  await connection()
  return checkServerHealth(healthChecks())
}

export async function GET() {
  const { ok } = await health()
  return new Response(ok ? OK : UNAVAILABLE, { status: ok ? 200 : 503, headers: HEADERS })
}

export async function HEAD() {
  const { ok } = await health()
  return new Response(null, { status: ok ? 200 : 503, headers: HEADERS })
}
