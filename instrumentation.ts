/**
 * Runs once per server process before the first request: applies any migration that
 * `npm start` did not (e.g. a bare `next start`), and installs the URL-history check that
 * server.mjs runs before Next sees a request, and starts the publishing scheduler. Not run by
 * `next build`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { getEnv } = await import('./lib/env')
  // Refuses a half-restored data folder; makes the folder private (issue 10, finding 11).
  const { prepareDataFolder } = await import('./lib/data-folder')
  prepareDataFolder(getEnv())
  // next-auth 4 reads NEXTAUTH_URL itself; SITE_URL is our one setting for the public address.
  process.env.NEXTAUTH_URL ??= getEnv().siteUrl
  const { getDb } = await import('./db')
  const { migrateDatabase } = await import('./db/migrate')
  migrateDatabase(getDb())
  const { installRouteDecision } = await import('./lib/redirects/table')
  installRouteDecision()

  // Scheduled articles go live on their own. Cache tags can only be expired inside a request in
  // Next 16, so the scheduler asks this server's own /api/revalidate (lib/revalidate-client.ts);
  // a failed call is retried on the next tick.
  const { startScheduler } = await import('./lib/scheduler')
  const { requestRevalidation } = await import('./lib/revalidate-client')
  startScheduler({
    intervalMs: getEnv().schedulerIntervalMs,
    revalidate: async (tags) => {
      await requestRevalidation(tags)
    },
    onError: (error) => console.error('Scheduled publishing failed', { error }),
  })
}
