import 'server-only'
import { sql } from 'drizzle-orm'
import { getDb } from '@/db'

/*
 * The database half of GET /api/health (lib/health.ts): two reads a load balancer may ask for
 * every few seconds, so both are tiny and touch no table of content.
 */

/** One trivial statement through the process's own connection: throws when the database does not answer. */
export async function pingDatabase(): Promise<void> {
  const row = await getDb().get<{ ok: number }>(sql`SELECT 1 AS ok`)
  if (row?.ok !== 1) throw new Error('SELECT 1 returned no row')
}

/**
 * The `created_at` of every migration drizzle has applied to this database (drizzle stores each
 * journal entry's `when` there: drizzle-orm's sqlite-core dialect `migrate`). Throws when the
 * table is missing, i.e. when no migration ever ran.
 */
export async function listAppliedMigrationTimes(): Promise<number[]> {
  const rows = await getDb().all<{ createdAt: number | string | null }>(sql`SELECT created_at AS createdAt FROM __drizzle_migrations`)
  return rows.map((r) => Number(r.createdAt))
}
