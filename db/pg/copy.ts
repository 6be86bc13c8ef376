import 'server-only'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { type Column, getTableName, is, SQL } from 'drizzle-orm'
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type pg from 'pg'
import type { Db } from '../connection'
import { MIGRATIONS_FOLDER } from '../migrate'
import * as sqliteSchema from '../schema'
import { migratePg } from './migrate'
import { createPgPool } from './pool'
import * as pgSchema from './schema'

/*
 * Copies a SQLite site into an empty PostgreSQL database (`npm run db:copy`, lib/cli/db-copy.ts;
 * docs/decisions/019-dialect-seam.md). Every value goes through both schemas' column mappings
 * (SQLite's driver value → the TypeScript value → PostgreSQL's driver value), so what the app
 * reads afterwards is what it read before; a checksum of those TypeScript values per table, in
 * primary-key order, computed from the SQLite rows as they are copied and from the PostgreSQL
 * rows read back, proves it before the one transaction commits. A mismatch rolls it all back.
 */

/** Tables copied, in an order where every foreign key points backwards, but users.avatar_media_id (patched after media). */
export const COPIED_TABLES = [
  'users',
  'media',
  'labels',
  'articles',
  'article_labels',
  'article_notes',
  'article_revisions',
  'pages',
  'contact_messages',
  'recovery_codes',
  'redirects',
  'settings',
  'audit_log',
  'imported_entries',
  'label_merge_suggestions',
  // Security state: a signed-out cookie must stay signed out, a throttled address throttled.
  'revoked_sessions',
  'sign_in_throttle',
  // The open sessions' list, so that each stays listed and can be ended on the new server.
  'user_sessions',
] as const

/**
 * Not copied: state of the old server's processes. cache_tag_events are page-cache expiries for
 * processes that read the old database (new servers start with empty caches); import_jobs
 * belong to a process (owner_pid) on the old machine, and a job whose owner is gone counts as
 * failed anyway; rate_limits are counters of the current minute.
 */
export const TRANSIENT_TABLES = ['cache_tag_events', 'import_jobs', 'rate_limits'] as const

const BATCH_ROWS = 500
const MAX_PARAMS = 60_000
/** pg_advisory_xact_lock key during a copy: "WCPY". */
const COPY_LOCK_KEY = 0x57435059

export class CopyRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CopyRefused'
  }
}

export type TableReport = { table: string; sqliteRows: number; postgresRows: number; checksum: string; equal: boolean }
export type CopyReport = { tables: TableReport[]; skipped: string[]; derived: TableReport[]; ms: number }

type TablePair = { name: string; sqlite: SQLiteTable; pg: PgTable }

function tablePairs(): TablePair[] {
  const sqliteTables = new Map(
    (Object.values(sqliteSchema) as unknown[])
      .filter((v): v is SQLiteTable => is(v, SQLiteTable))
      .map((t) => [getTableName(t), t]),
  )
  const pgTables = new Map(
    (Object.values(pgSchema) as unknown[])
      .filter((v): v is PgTable => is(v, PgTable))
      .map((t) => [getTableName(t), t]),
  )
  const known = new Set<string>([...COPIED_TABLES, ...TRANSIENT_TABLES])
  const unknown = [...sqliteTables.keys()].filter((n) => !known.has(n))
  // A table added to the schema must be classed here, or a copy would silently leave it out.
  if (unknown.length) throw new Error(`db/pg/copy.ts does not say whether to copy: ${unknown.join(', ')}`)
  return COPIED_TABLES.map((name) => ({ name, sqlite: sqliteTables.get(name)!, pg: pgTables.get(name)! }))
}

/** The TypeScript value as a stable, type-tagged JSON value: Dates by their millisecond, object keys sorted. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return { $date: value.getTime() }
  if (Array.isArray(value)) return value.map(canonical)
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`

type Plan = {
  pair: TablePair
  columns: string[]
  sqliteColumns: Column[]
  pgColumns: Column[]
  primaryKey: string[]
  /** Nullable foreign keys to a table copied later: written null, then set once their targets exist. */
  deferred: Set<string>
  identity: string | null
}

function planOf(pair: TablePair, copiedBefore: Set<string>): Plan {
  const sc = getSqliteTableConfig(pair.sqlite)
  const pc = getPgTableConfig(pair.pg)
  const pgByName = new Map(pc.columns.map((c) => [c.name, c]))
  const columns = sc.columns.map((c) => c.name)
  const pk = sc.columns.filter((c) => c.primary).map((c) => c.name)
  const primaryKey = pk.length ? pk : sc.primaryKeys[0]!.columns.map((c) => c.name)
  const deferred = new Set<string>()
  for (const fk of sc.foreignKeys) {
    const ref = fk.reference()
    const target = getTableName(ref.foreignTable)
    if (target === pair.name || copiedBefore.has(target)) continue
    for (const c of ref.columns) {
      if (c.notNull) throw new Error(`${pair.name}.${c.name} points to ${target}, copied later, and cannot wait as null`)
      deferred.add(c.name)
    }
  }
  const identityColumn = pc.columns.find((c) => (c as unknown as { generatedIdentity?: unknown }).generatedIdentity)
  return {
    pair,
    columns,
    sqliteColumns: sc.columns,
    pgColumns: columns.map((n) => pgByName.get(n)!),
    primaryKey,
    deferred,
    identity: identityColumn?.name ?? null,
  }
}

/** The ORDER BY both sides read in: text keys byte-wise (SQLite's BINARY is PostgreSQL's "C"). */
function orderBy(plan: Plan, dialect: 'sqlite' | 'pg'): string {
  const cols = dialect === 'sqlite' ? plan.sqliteColumns : plan.pgColumns
  return plan.primaryKey
    .map((name) => {
      const col = cols.find((c) => c.name === name)!
      return dialect === 'pg' && col.dataType === 'string' ? `${q(name)} COLLATE "C"` : q(name)
    })
    .join(', ')
}

function fromDriver(column: Column, raw: unknown): unknown {
  return raw === null || raw === undefined ? null : column.mapFromDriverValue(raw)
}

function toDriver(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null
  const mapped = column.mapToDriverValue(value)
  return is(mapped, SQL) ? value : mapped
}

class Checksum {
  private readonly hash = crypto.createHash('md5')
  rows = 0
  add(values: unknown[]): void {
    this.hash.update(JSON.stringify(values.map(canonical)))
    this.hash.update('\n')
    this.rows++
  }
  digest(): string {
    return this.hash.digest('hex')
  }
}

async function insertBatch(client: pg.PoolClient, plan: Plan, rows: unknown[][]): Promise<void> {
  const width = plan.columns.length
  const params: unknown[] = []
  const tuples = rows.map((row) => {
    const slots = row.map((value, i) => {
      params.push(plan.deferred.has(plan.columns[i]!) ? null : toDriver(plan.pgColumns[i]!, value))
      return `$${params.length}`
    })
    return `(${slots.join(', ')})`
  })
  if (width === 0) return
  await client.query(`INSERT INTO ${q(plan.pair.name)} (${plan.columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`, params)
}

/** Copies one table in batches; returns the checksum of what it read, and the deferred values to set later. */
async function copyTable(sqlite: Db, client: pg.PoolClient, plan: Plan): Promise<{ sum: Checksum; later: unknown[][] }> {
  const sum = new Checksum()
  const later: unknown[][] = []
  const batchRows = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMS / plan.columns.length)))
  const statement = sqlite.$client
    .prepare(`SELECT ${plan.columns.map(q).join(', ')} FROM ${q(plan.pair.name)} ORDER BY ${orderBy(plan, 'sqlite')}`)
    .raw()
  let batch: unknown[][] = []
  for (const raw of statement.iterate() as IterableIterator<unknown[]>) {
    const values = raw.map((v, i) => fromDriver(plan.sqliteColumns[i]!, v))
    sum.add(values)
    batch.push(values)
    if (plan.deferred.size && [...plan.deferred].some((c) => values[plan.columns.indexOf(c)] !== null)) later.push(values)
    if (batch.length === batchRows) {
      await insertBatch(client, plan, batch)
      batch = []
    }
  }
  if (batch.length) await insertBatch(client, plan, batch)
  return { sum, later }
}

async function patchDeferred(client: pg.PoolClient, plan: Plan, rows: unknown[][]): Promise<void> {
  const deferred = [...plan.deferred]
  for (const values of rows) {
    const params: unknown[] = []
    const sets = deferred.map((c) => {
      const i = plan.columns.indexOf(c)
      params.push(toDriver(plan.pgColumns[i]!, values[i]))
      return `${q(c)} = $${params.length}`
    })
    const where = plan.primaryKey.map((c) => {
      const i = plan.columns.indexOf(c)
      params.push(toDriver(plan.pgColumns[i]!, values[i]))
      return `${q(c)} = $${params.length}`
    })
    await client.query(`UPDATE ${q(plan.pair.name)} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`, params)
  }
}

/** The checksum of a PostgreSQL table read back in primary-key order, through the pg schema's mappings. */
async function pgChecksum(client: pg.PoolClient, plan: Plan): Promise<Checksum> {
  const sum = new Checksum()
  const cursorName = `warta_copy_${plan.pair.name}`
  await client.query(
    `DECLARE ${cursorName} NO SCROLL CURSOR FOR SELECT ${plan.columns.map(q).join(', ')} FROM ${q(plan.pair.name)} ORDER BY ${orderBy(plan, 'pg')}`,
  )
  for (;;) {
    const { rows } = await client.query({ text: `FETCH ${BATCH_ROWS} FROM ${cursorName}`, rowMode: 'array' })
    for (const raw of rows as unknown[][]) sum.add(raw.map((v, i) => fromDriver(plan.pgColumns[i]!, v)))
    if (rows.length < BATCH_ROWS) break
  }
  await client.query(`CLOSE ${cursorName}`)
  return sum
}

/** archive_months is kept by triggers on both sides, but its lastmod and version carry history: copied as is. */
async function copyArchiveMonths(sqlite: Db, client: pg.PoolClient): Promise<TableReport> {
  const rows = sqlite.$client
    .prepare('SELECT scope, month, stories, lastmod, version FROM archive_months ORDER BY scope, month')
    .raw()
    .all() as unknown[][]
  const source = new Checksum()
  for (const r of rows) source.add(r)
  await client.query('DELETE FROM archive_months')
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = rows.slice(i, i + BATCH_ROWS)
    const params = batch.flat()
    const tuples = batch.map((_, k) => `($${k * 5 + 1}, $${k * 5 + 2}, $${k * 5 + 3}, $${k * 5 + 4}, $${k * 5 + 5})`)
    await client.query(`INSERT INTO archive_months (scope, month, stories, lastmod, version) VALUES ${tuples.join(', ')}`, params)
  }
  const back = await client.query({
    text: 'SELECT scope, month, stories, lastmod, version FROM archive_months ORDER BY scope COLLATE "C", month COLLATE "C"',
    rowMode: 'array',
  })
  const target = new Checksum()
  for (const r of back.rows as unknown[][]) target.add(r)
  const a = source.digest()
  const b = target.digest()
  return { table: 'archive_months', sqliteRows: source.rows, postgresRows: target.rows, checksum: a, equal: a === b && source.rows === target.rows }
}

/** Refuses a SQLite database whose migrations are not all applied: its tables would not match the schema. */
function assertSourceCurrent(sqlite: Db): void {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  let applied = 0
  try {
    applied = (sqlite.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number) ?? 0
  } catch {
    applied = 0
  }
  if (applied !== journal.entries.length) {
    throw new CopyRefused(
      `The SQLite database has ${applied} of ${journal.entries.length} migrations applied. Run \`npm run db:migrate\` (or start Warta once) before copying it.`,
    )
  }
}

/** Tables of the public schema holding at least one row; search_index_state's one row is the migration's own. */
async function nonEmptyTables(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'search_index_state' ORDER BY 1`,
  )
  const full: string[] = []
  for (const { name } of rows) {
    const r = await client.query(`SELECT EXISTS (SELECT 1 FROM ${q(name)}) AS any`)
    if (r.rows[0].any) full.push(name)
  }
  return full
}

/**
 * Copies the SQLite site behind `sqlite` into the PostgreSQL database at `url`: applies the
 * PostgreSQL migrations, refuses a target holding any row (CopyRefused), copies every table in
 * COPIED_TABLES in one transaction, resets the identity sequences, and commits only when every
 * table's row count and checksum match. The SQLite side is read in one read transaction, so the
 * copy is the site as it was when the copy began.
 */
export async function copySqliteToPostgres(
  sqlite: Db,
  url: string,
  opts: { log?: (line: string) => void } = {},
): Promise<CopyReport> {
  const log = opts.log ?? (() => {})
  const started = performance.now()
  assertSourceCurrent(sqlite)
  const pairs = tablePairs()
  const pool = createPgPool(url, { max: 1, applicationName: 'warta db:copy' })
  try {
    log('Applying the PostgreSQL migrations…')
    await migratePg(pool)
    const client = await pool.connect()
    let broken: Error | undefined
    sqlite.$client.exec('BEGIN')
    try {
      await client.query('BEGIN')
      // Two copies started together: the second waits, then finds the target full.
      await client.query('SELECT pg_advisory_xact_lock($1)', [COPY_LOCK_KEY])
      const full = await nonEmptyTables(client)
      if (full.length) {
        throw new CopyRefused(
          `The target database is not empty (rows in ${full.join(', ')}). db:copy only fills an empty database; give it a new one (createdb) or drop this one first.`,
        )
      }
      const copied = new Set<string>()
      const plans: Plan[] = []
      const sums = new Map<string, Checksum>()
      const patches: Array<{ plan: Plan; rows: unknown[][] }> = []
      for (const pair of pairs) {
        const plan = planOf(pair, copied)
        const tableStarted = performance.now()
        const { sum, later } = await copyTable(sqlite, client, plan)
        if (later.length) patches.push({ plan, rows: later })
        plans.push(plan)
        sums.set(pair.name, sum)
        copied.add(pair.name)
        log(`  ${pair.name}: ${sum.rows} rows in ${Math.round(performance.now() - tableStarted)} ms`)
      }
      for (const { plan, rows } of patches) await patchDeferred(client, plan, rows)
      const archive = await copyArchiveMonths(sqlite, client)
      for (const plan of plans) {
        if (!plan.identity) continue
        const col = plan.identity
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${q(col)}) FROM ${q(plan.pair.name)}), 0) + 1, false)`,
          [q(plan.pair.name), col],
        )
      }

      log('Verifying row counts and checksums…')
      const tables: TableReport[] = []
      for (const plan of plans) {
        const source = sums.get(plan.pair.name)!
        const target = await pgChecksum(client, plan)
        const a = source.digest()
        const b = target.digest()
        tables.push({ table: plan.pair.name, sqliteRows: source.rows, postgresRows: target.rows, checksum: a, equal: a === b && source.rows === target.rows })
      }
      // The search index is rebuilt by the triggers: as many stories in it as in SQLite's.
      const indexedSqlite = sqlite.$client.prepare('SELECT count(*) FROM article_search_keys').pluck().get() as number
      const indexedPg = (await client.query('SELECT count(*) AS n FROM article_search')).rows[0].n as number
      const derived: TableReport[] = [
        archive,
        { table: 'search index', sqliteRows: indexedSqlite, postgresRows: indexedPg, checksum: '', equal: indexedSqlite === indexedPg },
      ]
      const bad = [...tables, ...derived].filter((t) => !t.equal)
      if (bad.length) {
        throw new Error(`The copy does not match the source in ${bad.map((t) => t.table).join(', ')}; nothing was committed.`)
      }
      // The planner's statistics, in the same transaction: a server whose autovacuum is off (or
      // has not come round yet) would otherwise plan the first queries on guesses (a common
      // search term: every match read and sorted, 4x slower, at 100,000 stories).
      log('Gathering the planner statistics (ANALYZE)…')
      await client.query('ANALYZE')
      await client.query('COMMIT')
      return { tables, derived, skipped: [...TRANSIENT_TABLES], ms: Math.round(performance.now() - started) }
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e))
      throw error
    } finally {
      sqlite.$client.exec('COMMIT')
      client.release(broken)
    }
  } finally {
    await pool.end()
  }
}
