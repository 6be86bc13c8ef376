import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { getEnv, type SqliteSynchronous } from '../lib/env'
import { makePrivateFile, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../lib/file-modes'
import { htmlToText } from '../lib/html/text'
import * as schema from './schema'

/** How long a synchronous write waits for another connection's lock (db/write-lock.ts avoids waiting). */
export const BUSY_TIMEOUT_MS = 5000

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/**
 * Opens a database file with the pragmas every Warta process uses. Shared by the server and the CLIs.
 * `synchronous` defaults to SQLITE_SYNCHRONOUS (docs/decisions/001-embedded-sqlite.md).
 */
export function openDatabase(file: string, opts: { synchronous?: SqliteSynchronous } = {}): Db {
  createPrivately(file)
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(`synchronous = ${opts.synchronous ?? getEnv().sqliteSynchronous}`)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  // Used by the search-index triggers (drizzle/0001_search_and_triggers.sql).
  sqlite.function('strip_html', { deterministic: true }, (html) => htmlToText(typeof html === 'string' ? html : ''))
  // Drizzle prepares every query it runs; it runs through the cache below. `$client` stays the
  // connection itself, for the raw statements some modules prepare and keep.
  const db = drizzle(statementCachingClient(sqlite), { schema }) as unknown as Db
  db.$client = sqlite
  return db
}

const KEPT = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * Forgets the statements kept for a connection, so the next query of each text is prepared on the
 * connection again: for tests that watch `$client.prepare` to see what a function runs.
 */
export function forgetStatements(sqlite: Database.Database): void {
  KEPT.get(sqlite)?.clear()
}

/** Statements kept per connection: a page's queries are a few dozen distinct texts. */
export const STATEMENT_CACHE_SIZE = 256

/**
 * The connection as drizzle uses it (`prepare`, `transaction`), with each SQL text compiled once.
 * Drizzle's better-sqlite3 session compiles a statement for every query it runs, 0.1–1 ms of the
 * event loop each, a few ms per page. A kept statement is handed out again only as new: not
 * while it is being iterated, and with the result modes drizzle may have set (raw, pluck,
 * expand) turned off. Drizzle uses a statement synchronously from its preparation to its result,
 * so no two uses overlap. Least recently used first out.
 */
export function statementCachingClient(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE) {
  const kept = new Map<string, Database.Statement>()
  KEPT.set(sqlite, kept)
  return {
    prepare(source: string): Database.Statement {
      const hit = kept.get(source)
      if (hit && !hit.busy) {
        kept.delete(source)
        kept.set(source, hit)
        if (hit.reader) hit.raw(false).pluck(false).expand(false)
        return hit
      }
      const statement = sqlite.prepare(source)
      if (hit) return statement
      kept.set(source, statement)
      if (kept.size > size) kept.delete(kept.keys().next().value!)
      return statement
    },
    transaction: sqlite.transaction.bind(sqlite),
  } as unknown as Database.Database
}

/**
 * The database holds password hashes, staff emails and readers' messages: it is made 0600
 * before SQLite opens it, because SQLite creates the -wal and -shm files with the mode of the
 * database file (whatever the umask). Files left 0644 by an older install are corrected.
 */
function createPrivately(file: string): void {
  // A missing folder is created private; an existing one (DATABASE_PATH may point anywhere) is
  // not ours to change: lib/data-folder.ts makes DATA_DIR itself private.
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE })
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE))
  for (const suffix of ['', '-wal', '-shm']) makePrivateFile(file + suffix)
}
