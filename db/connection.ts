import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { htmlToText } from '../lib/html/text'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** Opens a database file with the pragmas every Warta process uses. Shared by the server and the CLIs. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Used by the search-index triggers (drizzle/0001_search_and_triggers.sql).
  sqlite.function('strip_html', { deterministic: true }, (html) => htmlToText(typeof html === 'string' ? html : ''))
  return drizzle(sqlite, { schema })
}
