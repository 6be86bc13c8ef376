import 'server-only'
import { sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { onPg, queryRow, queryRows } from '@/db/dialect'

/*
 * The database half of GET /api/health (lib/health.ts): two reads a load balancer may ask for
 * every few seconds, so both are tiny and touch no table of content.
 */

/** One trivial statement through the process's own connection: throws when the database does not answer. */
export async function pingDatabase(): Promise<void> {
  const row = await queryRow<{ ok: number }>(getDb(), sql`SELECT 1 AS ok`)
  if (row?.ok !== 1) throw new Error('SELECT 1 returned no row')
}

/**
 * The `created_at` of every migration drizzle has applied to this database (drizzle stores each
 * journal entry's `when` there: drizzle-orm's sqlite-core dialect `migrate`). Throws when the
 * table is missing, i.e. when no migration ever ran. On PostgreSQL drizzle keeps it in the
 * `drizzle` schema.
 */
export async function listAppliedMigrationTimes(): Promise<number[]> {
  const db = getDb()
  const table = onPg(db) ? sql`drizzle.__drizzle_migrations` : sql`__drizzle_migrations`
  const rows = await queryRows<{ createdAt: number | string | null }>(db, sql`SELECT created_at AS "createdAt" FROM ${table}`)
  return rows.map((r) => Number(r.createdAt))
}
