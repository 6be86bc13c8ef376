import path from 'node:path'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Db } from './connection'

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle')

/** Applies every migration in drizzle/ that this database has not seen. Idempotent. */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
}
