import 'server-only'
import path from 'node:path'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import type pg from 'pg'

export const PG_MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle-pg')

/** pg_advisory_lock key held while migrating: "WART" in ASCII. */
export const MIGRATION_LOCK_KEY = 0x57415254

/**
 * Applies every migration in drizzle-pg/ that this database has not seen. Idempotent, and safe
 * when several servers start at once: drizzle's migrator reads the last applied migration and
 * then applies the rest in one transaction, so two processes doing it together would both
 * apply them (or race on CREATE SCHEMA IF NOT EXISTS). A session advisory lock makes the
 * second wait for the first, then find nothing left to do.
 */
export async function migratePg(pool: pg.Pool, opts: { migrationsFolder?: string } = {}): Promise<void> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    try {
      await migrate(drizzle({ client }), { migrationsFolder: opts.migrationsFolder ?? PG_MIGRATIONS_FOLDER })
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
    }
  } catch (error) {
    // A session that may still hold the lock must not go back to the pool.
    broken = error as Error
    throw error
  } finally {
    client.release(broken)
  }
}
