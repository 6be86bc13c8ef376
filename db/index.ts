import 'server-only'
import type { RunResult } from 'better-sqlite3'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import { openDatabase, type Db } from './connection'
import type * as schema from './schema'
import { getEnv, isBuildPhase } from '@/lib/env'

let instance: Db | undefined

/**
 * The process's one connection, opened on first use, never at import time: `next build`
 * must neither create nor read a database, or pages would bake in the build machine's data.
 */
export function getDb(): Db {
  if (instance) return instance
  if (isBuildPhase()) {
    throw new Error('The database was opened during `next build`; public pages must not read data at build time.')
  }
  instance = openDatabase(getEnv().databasePath)
  return instance
}

export type { Db }

/** The connection or an open transaction: helpers that must join their caller's transaction take one. */
export type Executor = BaseSQLiteDatabase<'sync', RunResult, typeof schema>
