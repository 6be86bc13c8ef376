import 'server-only'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import { openDatabase, type Db } from './connection'
import { migrateDatabase } from './migrate'
import { migratePg } from './pg/migrate'
import { createPgPool } from './pg/pool'
import * as pgSchema from './pg/schema'
import { tables } from './tables'
import { openTransaction, transaction, type Executor, type TransactionOptions } from './transaction'
import { getEnv, isBuildPhase } from '@/lib/env'

/*
 * The data-access seam (docs/decisions/019-dialect-seam.md §6, docs/data-access.md).
 *
 * SQLite: two connections per process. Reads go to the read connection (query_only, so a write
 * that bypasses write() fails loudly instead of waiting synchronously for our own write lock).
 * Writes go through write(): one write connection, one transaction at a time in this process
 * (a promise queue), opened with BEGIN IMMEDIATE and an asynchronous wait for other processes'
 * locks, held across the callback's awaits, committed or rolled back by us. An AsyncLocalStorage
 * carries the open transaction, so a nested write() joins it and getDb() inside the callback
 * returns the transaction (reads there see its own uncommitted rows; reads elsewhere do not).
 *
 * PostgreSQL (DATABASE_URL=postgres://…): one pg Pool per process. Reads outside write() go to
 * the pool; write() is a drizzle transaction on one pooled client, carried by the same
 * AsyncLocalStorage (a nested write() joins it), retried a few times when PostgreSQL reports a
 * serialization failure or a deadlock. The drizzle node-postgres database is typed as the SQLite
 * one (db/tables.ts explains why that is sound); the builder calls that only better-sqlite3
 * has (.get(), .all(), .run(), .values(), $client) must not be reached on this dialect.
 */

export type { Db }

export type { Executor }

export type Dialect = 'sqlite' | 'postgres'

type Connections = {
  read?: Db
  write?: Db
  pool?: pg.Pool
  pg?: Db
  /** The tail of this process's write queue: each write() chains on it. */
  queue: Promise<unknown>
}
// Per process, not per module instance (Next may bundle this module more than once): one write
// connection and one queue, or two copies would contend for the lock with each other.
const STATE = Symbol.for('warta.database')
const g = globalThis as typeof globalThis & { [STATE]?: Connections }
const state = (g[STATE] ??= { queue: Promise.resolve() })

function assertNotBuilding(): void {
  if (isBuildPhase()) {
    throw new Error('The database was opened during `next build`; public pages must not read data at build time.')
  }
}

/** The active dialect, from DATABASE_URL (lib/env.ts): set to a postgres:// URL, PostgreSQL. */
export function getDialect(): Dialect {
  return getEnv().databaseUrl ? 'postgres' : 'sqlite'
}

/** This process's PostgreSQL pool, created on first use. */
export function getPgPool(): pg.Pool {
  if (state.pool) return state.pool
  assertNotBuilding()
  const url = getEnv().databaseUrl
  if (!url) throw new Error('getPgPool() called without DATABASE_URL set to a postgres:// URL.')
  state.pool = createPgPool(url)
  return state.pool
}

function getPgDb(): Db {
  if (state.pg) return state.pg
  // Typed as the SQLite database: query code is written once against db/schema.ts's types.
  state.pg = drizzlePg({ client: getPgPool(), schema: pgSchema }) as unknown as Db
  return state.pg
}

/** The write connection, opened on first use (it also creates the file and sets WAL). */
function getWriteDb(): Db {
  if (state.write) return state.write
  if (getDialect() === 'postgres') return getPgDb()
  assertNotBuilding()
  const db = openDatabase(getEnv().databasePath)
  // Statements inside our BEGIN IMMEDIATE never wait (we hold the lock); BEGIN itself retries
  // asynchronously (db/write-lock.ts). A synchronous wait here would stall the event loop.
  db.$client.pragma('busy_timeout = 0')
  state.write = db
  return db
}

function getReadDb(): Db {
  if (state.read) return state.read
  getWriteDb()
  const db = openDatabase(getEnv().databasePath)
  db.$client.pragma('query_only = ON')
  state.read = db
  return db
}

/**
 * The database to read from, opened on first use, never at import time: `next build` must
 * neither create nor read a database, or pages would bake in the build machine's data.
 * Inside write() it is that transaction (so helpers read what the transaction wrote);
 * elsewhere it is the read connection, which refuses writes: use write().
 */
export function getDb(): Db {
  return openTransaction() ?? (getDialect() === 'postgres' ? getPgDb() : getReadDb())
}

/** Whether the caller runs inside an open write() transaction. */
export function inWrite(): boolean {
  return openTransaction() !== undefined
}

export type WriteOptions = TransactionOptions

/**
 * Runs `fn` in one write transaction and returns its result: committed when `fn` resolves,
 * rolled back when it throws. A write() inside another joins it (same transaction, no new
 * BEGIN). Inside, only database work and cheap computation: the lock is held across every
 * await of `fn` (docs/data-access.md).
 */
export function write<T>(fn: (tx: Executor) => Promise<T> | T, opts: WriteOptions = {}): Promise<T> {
  const open = openTransaction()
  if (open) return Promise.resolve().then(() => fn(open))
  // PostgreSQL: a transaction on one pooled client; the pool, not a queue, orders the writers.
  if (getDialect() === 'postgres') return transaction(getPgDb(), fn, opts)
  const run = state.queue.then(() => transaction(getWriteDb(), fn, opts))
  // The next write() waits for this one to end, whatever its outcome.
  state.queue = run.catch(() => undefined)
  return run
}

/**
 * The entry point of ADR 019: the dialect, the database for reads, the dialect's tables and
 * the transaction runner. Query code is written once against the SQLite schema's types.
 */
export function getDatabase(): { dialect: Dialect; db: Db; t: typeof tables; write: typeof write } {
  return { dialect: getDialect(), db: getDb(), t: tables, write }
}

/** Applies the active dialect's pending migrations (drizzle/ or drizzle-pg/). */
export async function migrateActiveDatabase(): Promise<void> {
  if (getDialect() === 'postgres') await migratePg(getPgPool())
  else migrateDatabase(getWriteDb())
}

/** Ends this process's connections (the pool on PostgreSQL, both files' handles on SQLite). */
export async function closeDatabase(): Promise<void> {
  const { pool, read, write: w } = state
  state.pool = state.pg = state.read = state.write = undefined
  if (pool) await pool.end()
  read?.$client.close()
  w?.$client.close()
}

/** The write connection's client, for the import's checkpoint control and migrations (SQLite only). */
export function getWriteClient(): Db['$client'] {
  if (getDialect() === 'postgres') throw new Error('getWriteClient() is SQLite only; this site runs on PostgreSQL.')
  return getWriteDb().$client
}

/**
 * The write connection itself, outside write(): for migrations at start (instrumentation.ts)
 * and tests that set up rows directly. Request code never uses it: a statement here while a
 * write() is open would land in that transaction.
 */
export function getWriteConnection(): Db {
  return getWriteDb()
}
