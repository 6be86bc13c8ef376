/**
 * `npm start` runs this, then `exec node server.mjs`: build when the build is missing or older
 * than the sources, apply migrations, seed demo content into an empty database.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { count } from 'drizzle-orm'
import { openDatabase } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { articles, users } from '@/db/schema'
import { seedDemo } from '@/db/seed'
import { getEnv } from '@/lib/env'

const root = process.cwd()
const BUILD_INPUTS = ['app', 'components', 'lib', 'db', 'public', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json', 'proxy.ts', 'instrumentation.ts']

function newestMtime(p: string): number {
  let stat: fs.Stats
  try {
    stat = fs.statSync(p)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue
    newest = Math.max(newest, newestMtime(path.join(p, entry)))
  }
  return newest
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID')
  if (!fs.existsSync(buildId)) return false
  const builtAt = fs.statSync(buildId).mtimeMs
  return BUILD_INPUTS.every((p) => newestMtime(path.join(root, p)) <= builtAt)
}

async function main() {
  const env = getEnv()

  if (!buildIsCurrent()) {
    console.log('Building Warta (first start or changed sources; this takes a minute or two)…')
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { stdio: 'inherit' })
    if (result.status !== 0) {
      console.error('The build failed; see the messages above.')
      process.exit(result.status ?? 1)
    }
  }

  const db = openDatabase(env.databasePath)
  migrateDatabase(db)
  console.log(`Database: ${env.databasePath} (migrations applied)`)

  const isEmpty =
    (db.select({ n: count() }).from(articles).get()?.n ?? 0) === 0 && (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0
  if (isEmpty && env.seedDemo) {
    console.log('Empty database: adding demo content (SEED_DEMO=0 turns this off)…')
    await seedDemo(db)
  }
  db.$client.close()

  console.log(`\nWarta is starting on http://localhost:${env.port}\n`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
