import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll } from 'vitest'
import { cloneTemplate, suiteOnPostgres } from './pg-suite'

// Each test file gets its own copy of the migrated template, set before anything opens
// the database: db/index.ts reads DATABASE_PATH lazily on first use.
const dir = path.resolve('.tmp/vitest')
const file = path.join(dir, `test-${process.pid}-${crypto.randomUUID()}.db`)
fs.copyFileSync(path.join(dir, 'template.db'), file)
process.env.DATABASE_PATH = file
process.env.DATA_DIR = path.join(dir, `data-${path.basename(file, '.db')}`)

// TEST_DIALECT=postgres: the file runs on a clone of the migrated PostgreSQL template
// (tests/setup/pg-suite.ts) instead; the SQLite copy above stays for the few SQLite-only tests.
const pgDatabase = suiteOnPostgres() ? await cloneTemplate() : null
if (pgDatabase) process.env.DATABASE_URL = pgDatabase.url

afterAll(async () => {
  if (pgDatabase) {
    // The file's own pool first, or DROP DATABASE would end its sessions under it.
    const { closeDatabase } = await import('@/db')
    await closeDatabase().catch(() => {})
    await pgDatabase.drop()
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.rmSync(process.env.DATA_DIR!, { recursive: true, force: true })
})
