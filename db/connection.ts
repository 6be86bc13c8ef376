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
  return drizzle(sqlite, { schema })
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
