/**
 * Runs once per server process before the first request: applies any migration that
 * `npm start` did not (e.g. a bare `next start`). Not run by `next build`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { getEnv } = await import('./lib/env')
  // next-auth 4 reads NEXTAUTH_URL itself; SITE_URL is our one setting for the public address.
  process.env.NEXTAUTH_URL ??= getEnv().siteUrl
  const { getDb } = await import('./db')
  const { migrateDatabase } = await import('./db/migrate')
  migrateDatabase(getDb())
}
