import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Redis } from 'ioredis'
import pg from 'pg'

/*
 * Which database the e2e servers use. `npm test` runs the suite on SQLite (a warta.db in each
 * server's data folder); `npm run test:pg` runs it again with E2E_DIALECT=postgres: every data
 * folder then gets a PostgreSQL database of its own on TEST_DATABASE_URL's server, named after
 * this run and the folder, and a Redis key prefix of its own on TEST_REDIS_URL (servers that
 * share a folder share both, as several machines would). tests/pg-pass.ts drops them after.
 */

export const E2E_DIALECT: 'sqlite' | 'postgres' = process.env.E2E_DIALECT === 'postgres' ? 'postgres' : 'sqlite'
export const onPostgres = E2E_DIALECT === 'postgres'
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const E2E_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

// One id for the whole run: set here when playwright.config.ts loads, inherited by the workers.
process.env.E2E_RUN ??= crypto.randomBytes(4).toString('hex')
export const E2E_RUN = process.env.E2E_RUN

/** The PostgreSQL database names of a run begin with this. */
export const databasePrefix = (run: string) => `warta_e2e_${run}_`
/** The Redis keys of a run begin with this. */
export const redisPrefix = (run: string) => `warta-e2e:${run}:`

const folderName = (dataDir: string) => path.basename(dataDir).toLowerCase().replace(/[^a-z0-9]+/g, '_')

export function databaseName(dataDir: string): string {
  return databasePrefix(E2E_RUN) + folderName(dataDir)
}

export function databaseUrl(dataDir: string): string {
  const u = new URL(PG_ADMIN_URL)
  u.pathname = `/${databaseName(dataDir)}`
  return u.toString()
}

/**
 * The environment that points a server, or a CLI, at a data folder's database: the SQLite file
 * in it, or (PostgreSQL pass) its database and Redis prefix.
 */
export function databaseEnv(dataDir: string): Record<string, string> {
  if (!onPostgres) return { DATA_DIR: dataDir, DATABASE_PATH: path.join(dataDir, 'warta.db') }
  return { DATA_DIR: dataDir, DATABASE_URL: databaseUrl(dataDir), REDIS_URL: E2E_REDIS_URL, REDIS_PREFIX: `${redisPrefix(E2E_RUN)}${folderName(dataDir)}:` }
}

const RESET_SCRIPT = path.resolve('e2e/support/reset-database.mjs')

/** The shell command playwright.config.ts runs before a server starts on a fresh database. */
export function resetDatabaseCommand(dataDir: string): string {
  return onPostgres ? `node "${RESET_SCRIPT}" "${PG_ADMIN_URL}" ${databaseName(dataDir)}` : 'true'
}

/** An empty data folder and, on PostgreSQL, an empty database for it. */
export function resetDataDir(dataDir: string): void {
  execFileSync('rm', ['-rf', dataDir])
  if (onPostgres) execFileSync(process.execPath, [RESET_SCRIPT, PG_ADMIN_URL, databaseName(dataDir)], { stdio: 'pipe' })
}

/** Drops a data folder's PostgreSQL database now, closing the connections its servers hold. */
export async function dropDatabase(dataDir: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS ${databaseName(dataDir)} WITH (FORCE)`)
  } finally {
    await client.end()
  }
}

/** int8 (counts, millisecond timestamps) as numbers, as better-sqlite3 gives them. */
const pgTypes = { getTypeParser: ((oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser }

/**
 * Runs one SQL statement on a data folder's database, whichever it is, and returns its rows (none
 * for a statement that returns none). Parameters are `?`; quote camelCase aliases ("toPath"):
 * PostgreSQL folds unquoted names to lower case.
 */
export async function query<T = Record<string, unknown>>(dataDir: string, text: string, params: unknown[] = []): Promise<T[]> {
  if (!onPostgres) {
    const db = new Database(path.join(dataDir, 'warta.db'))
    // The search index's triggers call an application function (db/connection.ts).
    db.function('strip_html', { deterministic: true }, (html) => String(html ?? ''))
    try {
      const statement = db.prepare(text)
      if (statement.reader) return statement.all(...params) as T[]
      statement.run(...params)
      return []
    } finally {
      db.close()
    }
  }
  let n = 0
  const client = new pg.Client({ connectionString: databaseUrl(dataDir), types: pgTypes })
  await client.connect()
  try {
    return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as T[]
  } finally {
    await client.end()
  }
}

/** The first row, or undefined. */
export async function queryRow<T = Record<string, unknown>>(dataDir: string, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await query<T>(dataDir, text, params))[0]
}

/** Drops a run's databases and Redis keys (tests/pg-pass.ts, when the run ends). */
export async function dropRun(run: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [databasePrefix(run)])
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
  const redis = new Redis(E2E_REDIS_URL, { maxRetriesPerRequest: 1 })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix(run)}*`, 'COUNT', 500)
      if (keys.length > 0) await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
