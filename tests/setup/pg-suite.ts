import crypto from 'node:crypto'
import pg from 'pg'
import { migratePg } from '../../db/pg/migrate'
import { createPgPool } from '../../db/pg/pool'
import { ADMIN_URL } from './pg-database'

/*
 * The unit suite on PostgreSQL (docs/decisions/019-dialect-seam.md): `TEST_DIALECT=postgres
 * npx vitest run` (TEST_DATABASE_URL names the server, default the local trust-auth superuser).
 * The global setup migrates drizzle-pg/ into one template database; every test file gets a fresh
 * clone of it (CREATE DATABASE … TEMPLATE, a file copy on the server) as DATABASE_URL, dropped
 * after the file. Not part of `npm test` yet.
 */

/** Set by the global setup for the workers: the template database's name. */
const TEMPLATE_ENV = 'WARTA_TEST_PG_TEMPLATE'

export function suiteOnPostgres(): boolean {
  return process.env.TEST_DIALECT === 'postgres'
}

function urlFor(name: string): string {
  const u = new URL(ADMIN_URL)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Creates and migrates the template; the workers (forked after this) find its name in the environment. */
export async function createPgTemplate(): Promise<{ drop: () => Promise<void> }> {
  const name = `warta_tmpl_${crypto.randomBytes(6).toString('hex')}`
  try {
    await admin((c) => c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`))
  } catch (error) {
    throw new Error(`TEST_DIALECT=postgres, but no PostgreSQL answers at ${new URL(ADMIN_URL).host}: ${(error as Error).message}`)
  }
  const pool = createPgPool(urlFor(name), { max: 1, applicationName: 'warta-test-template' })
  try {
    await migratePg(pool)
  } finally {
    await pool.end()
  }
  process.env[TEMPLATE_ENV] = name
  return { drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))) }
}

/** A fresh clone of the template for one test file: its URL and a drop(). */
export async function cloneTemplate(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = process.env[TEMPLATE_ENV]
  if (!template) throw new Error('TEST_DIALECT=postgres, but the global setup made no template database')
  const name = `warta_test_${crypto.randomBytes(6).toString('hex')}`
  // Two files cloning at once: PostgreSQL refuses a template another session is copying. Retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`))
      break
    } catch (error) {
      if (attempt >= 50 || !/being accessed by other users/.test((error as Error).message)) throw error
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100))
    }
  }
  return { url: urlFor(name), drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))) }
}
