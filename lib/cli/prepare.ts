/**
 * `npm start` runs this, then `exec node [options] server.mjs`: build when the build is missing or older
 * than the sources, apply migrations, seed demo content into an empty database.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { count } from 'drizzle-orm'
import { closeDatabase, getWriteConnection, migrateActiveDatabase } from '@/db'
import { openDatabase, type Db } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { articles, users } from '@/db/tables'
import { seedDemo } from '@/db/seed'
import { issueSetupLink } from '@/lib/auth/setup-token'
import { createStarterPages } from '@/db/starter-pages'
import { prepareDataFolder } from '@/lib/data-folder'
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

/**
 * Two servers started at once from one checkout (the e2e suite does) must not both build
 * into .next: the second waits for the first, then finds the build current.
 */
async function withBuildLock(fn: () => void): Promise<void> {
  const lock = path.join(root, '.next-build.lock')
  const staleMs = 20 * 60_000
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' })
      break
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > staleMs) fs.rmSync(lock, { force: true })
      else await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    fn()
  } finally {
    fs.rmSync(lock, { force: true })
  }
}

/** The URL without its password, for the log. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'DATABASE_URL'
  }
}

async function main() {
  const env = getEnv()
  prepareDataFolder(env)

  await withBuildLock(() => {
    if (buildIsCurrent()) return
    console.log('Building Warta (first start or changed sources; this takes a minute or two)…')
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
      stdio: 'inherit',
      // Nothing may need the network; the build's telemetry would only try and fail.
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' },
    })
    if (result.status !== 0) throw new Error('The build failed; see the messages above.')
  })

  let db: Db
  if (env.databaseUrl) {
    // PostgreSQL: the server's own pool (docs/decisions/019-dialect-seam.md), migrated under an advisory lock.
    await migrateActiveDatabase()
    db = getWriteConnection()
    console.log(`Database: PostgreSQL at ${redactUrl(env.databaseUrl)} (migrations applied)`)
  } else {
    db = openDatabase(env.databasePath)
    migrateDatabase(db)
    console.log(`Database: ${env.databasePath} (migrations applied)`)
  }

  const isEmpty =
    ((await db.select({ n: count() }).from(articles).limit(1))[0]?.n ?? 0) === 0 && ((await db.select({ n: count() }).from(users).limit(1))[0]?.n ?? 0) === 0
  if (isEmpty && env.seedDemo) {
    console.log('Empty database: adding demo content (SEED_DEMO=0 turns this off)…')
    await seedDemo(db)
  }
  // Printed once per start, before the server processes exist; every process accepts it (ADR 012).
  // Without SITE_URL, the address this machine answers on (ADR 015).
  const setupLink = await issueSetupLink(env.siteUrl ?? `http://localhost:${env.port}`, db)
  // A new site starts with its masthead, guideline and contact pages as drafts to fill in.
  if (isEmpty) await createStarterPages(db)
  if (env.databaseUrl) await closeDatabase()
  else db.$client.close()

  console.log(`\nWarta is starting on http://localhost:${env.port}\n`)
  if (setupLink) {
    // The server starts listening a few seconds after this (server.mjs prints when it is ready).
    console.log('No account can sign in to the newsroom yet. Create the first admin with this one-time link')
    console.log('once the line "✓ Warta ready on …" appears below (a new link is printed at every start')
    console.log('until someone can sign in):')
    console.log(`Setup link: ${setupLink}\n`)
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
