import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../../db/connection'
import { migrateDatabase } from '../../db/migrate'
import { createPgTemplate, suiteOnPostgres } from './pg-suite'

export const TEST_DIR = path.resolve('.tmp/vitest')
export const TEMPLATE_DB = path.join(TEST_DIR, 'template.db')

/**
 * Migrates drizzle/ once into a template database that every test file copies. With
 * TEST_DIALECT=postgres (tests/setup/pg-suite.ts), also drizzle-pg/ into a PostgreSQL template
 * database that every test file clones, dropped when the run ends.
 */
export default async function setup() {
  fs.rmSync(TEST_DIR, { recursive: true, force: true })
  fs.mkdirSync(TEST_DIR, { recursive: true })
  const db = openDatabase(TEMPLATE_DB)
  migrateDatabase(db)
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
  if (!suiteOnPostgres()) return
  const template = await createPgTemplate()
  return () => template.drop()
}
