import { Column, getTableName, is, SQL } from 'drizzle-orm'
import {
  type AnyPgColumn,
  getTableConfig as getPgTableConfig,
  integer as pgInteger,
  index as pgIndex,
  pgTable,
  PgTable,
  text as pgText,
} from 'drizzle-orm/pg-core'
import {
  getTableConfig as getSqliteTableConfig,
  index as sqliteIndex,
  integer,
  sqliteTable,
  SQLiteTable,
  text,
} from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import * as sqliteSchema from '../schema'
import * as pgSchema from './schema'

/*
 * db/schema.ts and db/pg/schema.ts must describe the same database: the same tables, columns
 * (name, nullability, default or not, kind of value), keys, foreign keys and indexes. Any
 * change to one without the other fails here (docs/decisions/019-dialect-seam.md).
 */

type Shape = Record<string, unknown>

/** Column names a SQL expression refers to, e.g. lower("email") → ["email"]. */
function columnsIn(expr: SQL): string[] {
  const names: string[] = []
  const walk = (chunk: unknown) => {
    if (is(chunk, Column)) names.push(chunk.name)
    else if (is(chunk, SQL)) chunk.queryChunks.forEach(walk)
  }
  walk(expr)
  return names
}

/** The kind of value a column holds in TypeScript; pg's timestampMs is a custom bigint read as a Date. */
function kindOf(column: Column): string {
  if (column.columnType === 'PgCustomColumn') {
    return (column as unknown as { getSQLType(): string }).getSQLType() === 'bigint' ? 'date' : 'custom'
  }
  return column.dataType
}

function indexColumn(c: unknown): string {
  if (is(c, SQL)) return `expr(${columnsIn(c).join(',')})`
  return (c as { name: string }).name
}

function describeTable(config: ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>): Shape {
  const pkFromColumns = config.columns.filter((c) => c.primary).map((c) => c.name)
  const pkFromTable = config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name))
  return {
    columns: Object.fromEntries(
      [...config.columns]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => [
          c.name,
          { notNull: c.notNull, hasDefault: c.hasDefault, unique: c.isUnique, kind: kindOf(c), enum: c.enumValues ?? null },
        ]),
    ),
    primaryKey: pkFromColumns.length ? pkFromColumns : pkFromTable,
    uniqueConstraints: config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)).sort(),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference()
        return {
          columns: ref.columns.map((c) => c.name),
          table: getTableName(ref.foreignTable),
          foreignColumns: ref.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? 'no action',
          onUpdate: fk.onUpdate ?? 'no action',
        }
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    indexes: Object.fromEntries(
      config.indexes
        .map((i) => i.config)
        .sort((a, b) => a.name!.localeCompare(b.name!))
        .map((i) => [
          i.name,
          {
            unique: Boolean(i.unique),
            columns: i.columns.map(indexColumn),
            where: i.where ? columnsIn(i.where) : null,
          },
        ]),
    ),
    checks: config.checks.map((c) => c.name).sort(),
  }
}

/** Every difference between two sets of tables, one line each ("articles.title: …"); empty when they agree. */
export function schemaDrift(sqliteTables: SQLiteTable[], pgTables: PgTable[]): string[] {
  const left = new Map(sqliteTables.map((t) => [getTableName(t), describeTable(getSqliteTableConfig(t))]))
  const right = new Map(pgTables.map((t) => [getTableName(t), describeTable(getPgTableConfig(t))]))
  const out: string[] = []
  for (const name of new Set([...left.keys(), ...right.keys()])) {
    const a = left.get(name)
    const b = right.get(name)
    if (!a || !b) {
      out.push(`${name}: only in the ${a ? 'SQLite' : 'PostgreSQL'} schema`)
      continue
    }
    for (const part of Object.keys(a)) {
      const pa = a[part]
      const pb = b[part]
      if (part === 'columns' || part === 'indexes') {
        const ca = pa as Record<string, unknown>
        const cb = pb as Record<string, unknown>
        for (const key of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
          if (!(key in ca) || !(key in cb)) out.push(`${name}.${key}: ${part.slice(0, -1)} only in the ${key in ca ? 'SQLite' : 'PostgreSQL'} schema`)
          else if (JSON.stringify(ca[key]) !== JSON.stringify(cb[key]))
            out.push(`${name}.${key}: SQLite ${JSON.stringify(ca[key])} ≠ PostgreSQL ${JSON.stringify(cb[key])}`)
        }
      } else if (JSON.stringify(pa) !== JSON.stringify(pb)) {
        out.push(`${name} ${part}: SQLite ${JSON.stringify(pa)} ≠ PostgreSQL ${JSON.stringify(pb)}`)
      }
    }
  }
  return out
}

const tablesOf = <T>(mod: Record<string, unknown>, kind: abstract new (...args: never[]) => T): T[] =>
  Object.values(mod).filter((v): v is T => is(v, kind as never))

describe('schema drift between SQLite and PostgreSQL', () => {
  it('finds none between db/schema.ts and db/pg/schema.ts', () => {
    const sqliteTables = tablesOf(sqliteSchema, SQLiteTable)
    const pgTables = tablesOf(pgSchema, PgTable)
    expect(sqliteTables.length).toBe(21)
    expect(pgTables.map(getTableName).sort()).toEqual(sqliteTables.map(getTableName).sort())
    expect(schemaDrift(sqliteTables, pgTables)).toEqual([])
  })

  // A pair that agrees, then the same pair with one change on one side: the check must see each.
  const sqliteProbe = sqliteTable(
    'drift_probe',
    { id: integer('id').primaryKey(), name: text('name').notNull(), ownerId: integer('owner_id') },
    (t) => [sqliteIndex('drift_probe_name_idx').on(t.name)],
  )
  const pgProbe = pgTable(
    'drift_probe',
    { id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity(), name: pgText('name').notNull(), ownerId: pgInteger('owner_id') },
    (t) => [pgIndex('drift_probe_name_idx').on(t.name)],
  )

  it('finds none in a synthetic pair that agrees', () => {
    expect(schemaDrift([sqliteProbe], [pgProbe])).toEqual([])
  })

  it('fails when a column is added to one schema only', () => {
    const wider = pgTable(
      'drift_probe',
      { id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity(), name: pgText('name').notNull(), ownerId: pgInteger('owner_id'), note: pgText('note') },
      (t) => [pgIndex('drift_probe_name_idx').on(t.name)],
    )
    expect(schemaDrift([sqliteProbe], [wider])).toEqual(['drift_probe.note: column only in the PostgreSQL schema'])
  })

  it('fails on nullability, index columns, foreign keys and missing tables', () => {
    const changed = pgTable(
      'drift_probe',
      {
        id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity(),
        name: pgText('name'),
        ownerId: pgInteger('owner_id').references((): AnyPgColumn => changed.id, { onDelete: 'cascade' }),
      },
      (t) => [pgIndex('drift_probe_name_idx').on(t.name, t.id)],
    )
    const drift = schemaDrift([sqliteProbe], [changed])
    expect(drift).toHaveLength(3)
    expect(drift.join('\n')).toMatch(/drift_probe\.name: SQLite .*"notNull":true/)
    expect(drift.join('\n')).toMatch(/drift_probe foreignKeys/)
    expect(drift.join('\n')).toMatch(/drift_probe\.drift_probe_name_idx/)
    expect(schemaDrift([sqliteProbe], [])).toEqual(['drift_probe: only in the SQLite schema'])
  })
})
