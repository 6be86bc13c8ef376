/**
 * Runs once per server process before the first request: applies any migration that
 * `npm start` did not (e.g. a bare `next start`), starts the WAL checkpoint thread (SQLite),
 * installs the request guard and the URL-history check that server.mjs runs before Next sees a
 * request, installs the shared cache-tag store (and the shared cache entries, with Redis), and
 * starts the publishing scheduler (in one server process of several). Not run by `next build`.
 */
// Long enough for any tick; renewed while a tick runs, and released when it ends.
const SCHEDULER_LOCK_TTL_MS = 60_000

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
  // SQLite: drizzle/ on the write connection; PostgreSQL (DATABASE_URL): drizzle-pg/ under an advisory lock.
  const { migrateActiveDatabase } = await import('./db')
  await migrateActiveDatabase()
  // SQLite: the WAL's checkpoints run on a thread of this process, never inside a request's
  // commit on the event loop (ADR 027).
  const { startCheckpointer } = await import('./db/checkpointer')
  startCheckpointer()
  // Security headers and the newsroom's gate, which server.mjs runs before everything else
  // (ADR 011). Installed first: server.mjs looks for it once the redirect check is there.
  const { installRequestGuard } = await import('./lib/security/request-guard')
  installRequestGuard()
  const { installRouteDecision } = await import('./lib/redirects/table')
  installRouteDecision()

  // Tag expiries reach every server process on this database (ADR 007), or, with REDIS_URL
  // set, every server sharing that Redis, which also holds the 'use cache' entries (ADR 018).
  const { installTagStore } = await import('./lib/cache/tag-store')
  installTagStore()
  const { getRedis } = await import('./lib/redis/client')
  const redis = getRedis()
  if (redis) {
    const { installCacheEntryStore, redisCacheEntryStore } = await import('./lib/redis/cache-entries')
    installCacheEntryStore(redisCacheEntryStore(redis))
  }

  // Scheduled articles go live on their own. Publishing is one write transaction that checks the
  // status, so a story goes live once even if several processes ran it; one is enough.
  // With Redis, one server of several runs each tick (a lock; ADR 018).
  if (getEnv().runScheduler) {
    const { startScheduler } = await import('./lib/scheduler')
    const { redisExclusive } = await import('./lib/redis/lock')
    startScheduler({
      intervalMs: getEnv().schedulerIntervalMs,
      onError: (error) => console.error('Scheduled publishing failed', { error }),
      exclusive: redis
        ? redisExclusive(redis, 'scheduler', SCHEDULER_LOCK_TTL_MS, (error) =>
            console.error('Scheduled publishing: the Redis lock failed (each story still goes live once)', { error }),
          )
        : undefined,
    })
  }
}
