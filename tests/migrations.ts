import { sql } from 'drizzle-orm'
import { getDb, getDialect, getPgPool, getWriteConnection } from '@/db'
import { execute, queryRow } from '@/db/dialect'
import { MIGRATIONS_FOLDER } from '@/db/migrate'
import { PG_MIGRATIONS_FOLDER } from '@/db/pg/migrate'
import { type JournalEntry, readMigrationJournal } from '@/lib/health'

/*
 * The health checks' failures, made on the file's database whatever its dialect: drizzle's
 * migrations table is `__drizzle_migrations` on SQLite and `drizzle.__drizzle_migrations` on
 * PostgreSQL, and each dialect has its own journal (drizzle/, drizzle-pg/).
 */

const onPg = () => getDialect() === 'postgres'
const table = () => (onPg() ? sql`drizzle.__drizzle_migrations` : sql`__drizzle_migrations`)

/** The active dialect's migration journal. */
export function readActiveJournal(): Promise<JournalEntry[]> {
  return readMigrationJournal(onPg() ? PG_MIGRATIONS_FOLDER : MIGRATIONS_FOLDER)
}

/** Runs `fn` with the newest journal entry's row taken out of drizzle's table, put back after. Returns that entry. */
export async function withoutNewestMigration(fn: () => Promise<void>): Promise<JournalEntry> {
  const db = getWriteConnection()
  const newest = (await readActiveJournal()).at(-1)!
  const row = (await queryRow<{ hash: string }>(db, sql`SELECT hash FROM ${table()} WHERE created_at = ${newest.when}`))!
  await execute(db, sql`DELETE FROM ${table()} WHERE created_at = ${newest.when}`)
  try {
    await fn()
  } finally {
    await execute(db, sql`INSERT INTO ${table()} (hash, created_at) VALUES (${row.hash}, ${newest.when})`)
  }
  return newest
}

/** Runs `fn` with drizzle's table renamed away, as if no migration ever ran; the error it gives matches the returned pattern. */
export async function withoutMigrationsTable(fn: (missingTable: RegExp) => Promise<void>): Promise<void> {
  const db = getWriteConnection()
  await execute(db, sql`ALTER TABLE ${table()} RENAME TO __drizzle_migrations_away`)
  const away = onPg() ? sql`drizzle.__drizzle_migrations_away` : sql`__drizzle_migrations_away`
  try {
    await fn(onPg() ? /relation "drizzle.__drizzle_migrations" does not exist/ : /no such table/)
  } finally {
    await execute(db, sql`ALTER TABLE ${away} RENAME TO __drizzle_migrations`)
  }
}

/**
 * Closes the process's read connection (SQLite) or pool (PostgreSQL) underneath the app, so the
 * next query fails; returns a pattern of that failure. The test file cannot read after this.
 */
export async function closeReadConnection(): Promise<RegExp> {
  if (onPg()) {
    await getPgPool().end()
    return /Cannot use a pool after calling end on the pool/
  }
  getDb().$client.close()
  return /not open/
}
