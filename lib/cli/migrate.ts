import { closeDatabase, migrateActiveDatabase } from '@/db'
import { openDatabase } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { getEnv } from '@/lib/env'

const { databasePath, databaseUrl } = getEnv()
if (databaseUrl) {
  // PostgreSQL (DATABASE_URL): drizzle-pg/, under an advisory lock (db/pg/migrate.ts).
  migrateActiveDatabase()
    .then(() => closeDatabase())
    .then(() => console.log('Migrations applied to the PostgreSQL database in DATABASE_URL'))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    })
} else {
  const db = openDatabase(databasePath)
  migrateDatabase(db)
  db.$client.close()
  console.log(`Migrations applied to ${databasePath}`)
}
