import { databaseUrlFromEnv } from '../lib/env'
import * as pgSchema from './pg/schema'
import * as sqliteSchema from './schema'

/*
 * The active dialect's tables (docs/decisions/019-dialect-seam.md §6). Query modules import
 * tables from here instead of './schema': on SQLite these are db/schema.ts's own objects; with
 * DATABASE_URL=postgres://… they are db/pg/schema.ts's twins. Chosen once per process from the
 * environment. Typed as the SQLite tables, which db/pg/schema-drift.test.ts makes sound: both
 * have the same names, columns, nullability and kinds of value. The constants and types of
 * db/schema.ts pass through unchanged. drizzle-kit keeps reading db/schema.ts.
 */

export * from './schema'

/** Whether this process runs on PostgreSQL (DATABASE_URL set) rather than SQLite. */
export const onPostgres: boolean = databaseUrlFromEnv() !== null

function pick<K extends keyof typeof sqliteSchema & keyof typeof pgSchema>(name: K): (typeof sqliteSchema)[K] {
  return (onPostgres ? pgSchema[name] : sqliteSchema[name]) as unknown as (typeof sqliteSchema)[K]
}

export const users = pick('users')
export const media = pick('media')
export const articles = pick('articles')
export const labels = pick('labels')
export const articleLabels = pick('articleLabels')
export const articleNotes = pick('articleNotes')
export const articleRevisions = pick('articleRevisions')
export const pages = pick('pages')
export const contactMessages = pick('contactMessages')
export const rateLimits = pick('rateLimits')
export const signInThrottle = pick('signInThrottle')
export const revokedSessions = pick('revokedSessions')
export const userSessions = pick('userSessions')
export const recoveryCodes = pick('recoveryCodes')
export const redirects = pick('redirects')
export const settings = pick('settings')
export const auditLog = pick('auditLog')
export const importedEntries = pick('importedEntries')
export const labelMergeSuggestions = pick('labelMergeSuggestions')
export const cacheTagEvents = pick('cacheTagEvents')
export const importJobs = pick('importJobs')

/** Every table of the active dialect, for drizzle's relational queries and getDatabase().t. */
export const tables = {
  users,
  media,
  articles,
  labels,
  articleLabels,
  articleNotes,
  articleRevisions,
  pages,
  contactMessages,
  rateLimits,
  signInThrottle,
  revokedSessions,
  userSessions,
  recoveryCodes,
  redirects,
  settings,
  auditLog,
  importedEntries,
  labelMergeSuggestions,
  cacheTagEvents,
  importJobs,
}
