import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

/*
 * The committed migrations match their schema: drizzle-kit, run on a copy of each migrations
 * folder, finds nothing to generate. The drift test keeps the two schemas equal; this keeps each
 * schema and its folder equal, so a change generated for one dialect only fails here.
 */

const run = promisify(execFile)
const work = fs.mkdtempSync(path.join('.tmp', 'migrations-current-'))

afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

async function pendingMigrations(dialect: 'sqlite' | 'postgresql', schema: string, folder: string): Promise<string[]> {
  const out = path.join(work, dialect)
  fs.cpSync(folder, out, { recursive: true })
  const config = path.join(work, `${dialect}.config.ts`)
  // A plain object: a config file outside the project root could not import drizzle-kit.
  fs.writeFileSync(config, `export default ${JSON.stringify({ dialect, schema, out: `./${out}` })}\n`)
  await run(path.resolve('node_modules/.bin/drizzle-kit'), ['generate', '--config', config])
  const before = new Set(fs.readdirSync(folder))
  return fs.readdirSync(out).filter((f) => !before.has(f))
}

describe('committed migrations', () => {
  it('drizzle-pg/ holds everything db/pg/schema.ts declares', async () => {
    expect(await pendingMigrations('postgresql', './db/pg/schema.ts', 'drizzle-pg')).toEqual([])
  })

  it('drizzle/ holds everything db/schema.ts declares', async () => {
    expect(await pendingMigrations('sqlite', './db/schema.ts', 'drizzle')).toEqual([])
  })
})
