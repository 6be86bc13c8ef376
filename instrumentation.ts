/**
 * Runs once per server process before the first request: applies any migration that
 * `npm start` did not (e.g. a bare `next start`), and installs the URL-history check that
 * server.mjs runs before Next sees a request. Not run by `next build`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { getDb } = await import('./db')
  const { migrateDatabase } = await import('./db/migrate')
  migrateDatabase(getDb())
  const { installRouteDecision } = await import('./lib/redirects/table')
  installRouteDecision()
}
