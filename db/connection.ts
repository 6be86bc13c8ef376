import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { htmlToText } from '../lib/html/text'
import * as schema from './schema'

/** How long a synchronous write waits for another connection's lock (db/write-lock.ts avoids waiting). */
export const BUSY_TIMEOUT_MS = 5000

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** Opens a database file with the pragmas every Warta process uses. Shared by the server and the CLIs. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  // Used by the search-index triggers (drizzle/0001_search_and_triggers.sql).
  sqlite.function('strip_html', { deterministic: true }, (html) => htmlToText(typeof html === 'string' ? html : ''))
  return drizzle(sqlite, { schema })
}
