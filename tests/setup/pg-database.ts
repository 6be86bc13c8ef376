import crypto from 'node:crypto'
import pg from 'pg'

/*
 * A PostgreSQL database of its own for a test file: created on the server named by
 * TEST_DATABASE_URL (an admin connection, default the local trust-auth superuser) and dropped
 * after. When no server answers, the file's tests skip and one line says so: a user's machine
 * may have no PostgreSQL (README: SQLite is the default).
 */

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> }

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function adminClient(): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    return client
  } catch {
    await client.end().catch(() => {})
    return null
  }
}

/** Whether the admin server answers; prints the skip line once per file when it does not. */
export async function isPostgresReachable(what: string): Promise<boolean> {
  const client = await adminClient()
  if (!client) {
    console.log(`SKIP ${what}: no PostgreSQL at ${new URL(ADMIN_URL).host} (set TEST_DATABASE_URL to run it)`)
    return false
  }
  await client.end()
  return true
}

/** Creates warta_test_<random> (UTF8, as Warta requires) and returns its URL and a drop(). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `warta_test_${crypto.randomBytes(6).toString('hex')}`
  const client = await adminClient()
  if (!client) throw new Error(`No PostgreSQL at ${ADMIN_URL}`)
  try {
    await client.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`)
  } finally {
    await client.end()
  }
  return {
    url: withDatabase(ADMIN_URL, name),
    name,
    drop: async () => {
      const c = await adminClient()
      if (!c) return
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await c.end()
      }
    },
  }
}
