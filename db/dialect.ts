import 'server-only'
import { getTableName, sql, type SQL, type SQLWrapper, type Table } from 'drizzle-orm'
import type { Executor } from './transaction'
import { isPgDatabase } from './transaction'
import type { Db } from './connection'
import { onPostgres } from './tables'

/*
 * The few places where the two dialects need different SQL or a different driver call
 * (docs/decisions/019-dialect-seam.md §6). The dialect is the executor's own, so a helper given
 * a transaction does what that transaction's database understands. Everything else is written
 * once with drizzle's builder.
 */

type Runner = Executor | Db

type PgExecute = { execute(query: SQL): Promise<{ rows: unknown[] }> }

/** Whether `db` (a connection or an open transaction) talks to PostgreSQL. */
export function onPg(db: Runner): boolean {
  return isPgDatabase(db as Db)
}

/** Runs a raw statement for its effect. */
export async function execute(db: Runner, query: SQL): Promise<void> {
  if (onPg(db)) await (db as unknown as PgExecute).execute(query)
  else await db.run(query)
}

/** Runs a raw query and returns its rows (column names as the query spells them). */
export async function queryRows<T>(db: Runner, query: SQL): Promise<T[]> {
  if (onPg(db)) return (await (db as unknown as PgExecute).execute(query)).rows as T[]
  return (await db.all(query)) as T[]
}

/** The first row of a raw query, or undefined. */
export async function queryRow<T>(db: Runner, query: SQL): Promise<T | undefined> {
  return (await queryRows<T>(db, query))[0]
}

/**
 * Deletes at most `limit` rows of `table` whose `expires_at` is at or before `nowMs`: a bounded
 * sweep. SQLite names rows by rowid, PostgreSQL by ctid (neither table has a one-column key).
 */
export function sweepExpiredSql(db: Runner, table: 'rate_limits' | 'sign_in_throttle' | 'revoked_sessions', nowMs: number, limit: number): SQL {
  const t = sql.identifier(table)
  const row = sql.raw(onPg(db) ? 'ctid' : 'rowid')
  return sql`DELETE FROM ${t} WHERE ${row} IN (SELECT ${row} FROM ${t} WHERE expires_at <= ${nowMs} LIMIT ${limit})`
}

/** The smaller of two values in one row: min(a, b) on SQLite, least(a, b) on PostgreSQL. */
export function smaller(db: Runner, a: SQL, b: SQL): SQL {
  return onPg(db) ? sql`least(${a}, ${b})` : sql`min(${a}, ${b})`
}

/** The larger of two values in one row: max(a, b) on SQLite, greatest(a, b) on PostgreSQL. */
export function larger(db: Runner, a: SQL, b: SQL): SQL {
  return onPg(db) ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`
}

/**
 * A text value compared and ordered without case: `x COLLATE NOCASE` on SQLite, `lower(x)` on
 * PostgreSQL (whose default collation has no case-insensitive form). The process's dialect.
 */
export function noCase(value: SQLWrapper): SQL {
  return onPostgres ? sql`lower(${value})` : sql`${value} collate nocase`
}

/**
 * The table with one row per story in the search index (`article_id`): `article_search_keys`
 * beside SQLite's FTS5 table, `article_search` on PostgreSQL (ADR 019 §4).
 */
export function searchIndexTable(db: Runner): SQL {
  return sql`${sql.identifier(onPg(db) ? 'article_search' : 'article_search_keys')}`
}

/**
 * Lets the open transaction commit without waiting for its WAL to reach the disk: PostgreSQL's
 * `SET LOCAL synchronous_commit = off` (a crash can lose the last few hundred milliseconds of
 * such commits, whole, never half of one). For the Blogger import's slices, which are many, small
 * and repeatable (running the import again finishes it): their commits then do not queue behind
 * other writers' WAL flushes. On SQLite nothing: WAL with `synchronous = NORMAL` (ADR 001) already
 * commits without a sync.
 */
export async function relaxCommitDurability(tx: Runner): Promise<void> {
  if (onPg(tx)) await execute(tx, sql`SET LOCAL synchronous_commit = off`)
}

/**
 * `value LIKE pattern ESCAPE '\'`, case ignored on both dialects: SQLite's LIKE ignores ASCII
 * case already, PostgreSQL's does not (ILIKE there). `pattern` is escaped by the caller
 * (escapeLike). The process's dialect.
 */
export function likeNoCase(value: SQLWrapper, pattern: string): SQL {
  return onPostgres ? sql`${value} ilike ${pattern} escape '\\'` : sql`${value} like ${pattern} escape '\\'`
}

/**
 * Locks the rows of `table` with these ids until the transaction ends, in id order (two
 * transactions locking overlapping sets never deadlock). PostgreSQL runs write() transactions
 * side by side under READ COMMITTED: a read-check-write (version, status, "does this label still
 * exist") must lock the row first, and then reads the latest committed values. 'update' keeps
 * every other writer off the row; 'share' only keeps it from being changed or deleted (a story
 * taking a label while a merge deletes it). SQLite: nothing to do, write() already holds the
 * database's one write lock. Call it inside write(), before reading what the check needs.
 * Returns the ids still there once locked (PostgreSQL skips a row deleted meanwhile; SQLite: `ids`).
 */
export async function lockRows(db: Runner, table: Table, ids: number[], mode: 'update' | 'share' = 'update'): Promise<number[]> {
  if (!onPg(db) || ids.length === 0) return ids
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  const rows = await queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM ${sql.identifier(getTableName(table))} WHERE id IN ${sorted} ORDER BY id ${sql.raw(mode === 'update' ? 'FOR UPDATE' : 'FOR SHARE')}`,
  )
  // A row another transaction deleted while we waited for its lock is not returned.
  return rows.map((r) => Number(r.id))
}

/**
 * A drizzle select that, on PostgreSQL, locks the rows it reads until the transaction ends
 * (`FOR UPDATE`, or `FOR SHARE`): the lock and the read in one round trip, where lockRows() and
 * then the read take two. The query must read one table, ordered by id when it can return more
 * than one row (so that two transactions locking overlapping sets never deadlock). Under READ
 * COMMITTED a row another transaction changed while we waited is read as committed, and left out
 * if it no longer matches; a row deleted meanwhile is left out. SQLite: the select as it is, since
 * write() already holds the database's one write lock. Call it inside write().
 */
export function lockingRead<Q>(db: Runner, query: Q, mode: 'update' | 'share' = 'update'): Q {
  if (!onPg(db)) return query
  return (query as unknown as { for(strength: 'update' | 'share'): Q }).for(mode)
}

/** The row lock clause that ends a raw SELECT inside write(): FOR UPDATE on PostgreSQL, nothing on SQLite (see lockRows). */
export function forUpdate(db: Runner): SQL {
  return onPg(db) ? sql` FOR UPDATE` : sql``
}

/**
 * Runs the rest of the transaction one at a time with every other transaction that names the
 * same `name` (PostgreSQL: a transaction-scoped advisory lock, released at COMMIT or ROLLBACK).
 * For a check over rows that may not exist yet ("is an import running?"), where no row can be
 * locked. SQLite: nothing to do, write() already holds the database's one write lock.
 */
export async function serializeOn(db: Runner, name: string): Promise<void> {
  if (onPg(db)) await execute(db, sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`)
}
