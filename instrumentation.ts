/**
 * Runs once per server process before the first request: applies any migration that
 * `npm start` did not (e.g. a bare `next start`), installs the request guard and the URL-history
 * check that server.mjs runs before Next sees a request, installs the shared cache-tag store, and
 * starts the publishing scheduler (in one server process of several). Not run by `next build`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  // Before server.mjs creates its server: route handlers and actions learn the socket's address.
  const { installPeerAddressStamp } = await import('./lib/http/client-address')
  installPeerAddressStamp()
  const { getEnv } = await import('./lib/env')
  // Refuses a half-restored data folder; makes the folder private (issue 10, finding 11).
  const { prepareDataFolder } = await import('./lib/data-folder')
  prepareDataFolder(getEnv())
  // next-auth 4 reads NEXTAUTH_URL itself; SITE_URL is our one setting for the public address.
  // Without it, next-auth takes the address from each request's Host (ADR 015), so signing in
  // and out at 127.0.0.1 or a LAN address stays there instead of going to localhost.
  const { siteUrl } = getEnv()
  if (siteUrl) process.env.NEXTAUTH_URL ??= siteUrl
  else process.env.AUTH_TRUST_HOST ??= '1'
  const { getWriteConnection } = await import('./db')
  const { migrateDatabase } = await import('./db/migrate')
  migrateDatabase(getWriteConnection())
  // Security headers and the newsroom's gate, which server.mjs runs before everything else
  // (ADR 011). Installed first: server.mjs looks for it once the redirect check is there.
  const { installRequestGuard } = await import('./lib/security/request-guard')
  installRequestGuard()
  const { installRouteDecision } = await import('./lib/redirects/table')
  installRouteDecision()

  // Tag expiries reach every server process on this database (ADR 007).
  const { installTagStore } = await import('./lib/cache/tag-store')
  installTagStore()

  // Scheduled articles go live on their own. Publishing is one write transaction that checks the
  // status, so a story goes live once even if several processes ran it; one is enough.
  if (getEnv().runScheduler) {
    const { startScheduler } = await import('./lib/scheduler')
    startScheduler({
      intervalMs: getEnv().schedulerIntervalMs,
      onError: (error) => console.error('Scheduled publishing failed', { error }),
    })
  }
}
