import 'server-only'
import pg from 'pg'

/*
 * PostgreSQL connections for Warta (docs/decisions/019-dialect-seam.md). bigint (int8) columns
 * hold epoch milliseconds, search keys and counts; node-postgres returns int8 as a string by
 * default, which would make a count or a time a string on this dialect and a number on SQLite.
 * This pool parses them to numbers and refuses a value past 2^53 instead of rounding it.
 */

const INT8_OID = 20

function parseInt8(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is outside JavaScript's safe integers`)
  return n
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parseInt8
    return pg.types.getTypeParser(oid, format as 'text')
  },
} as pg.CustomTypesConfig

/**
 * A pool on `url` with Warta's type parsing. `max` defaults to pg's 10.
 * drizzle's node-postgres session gives every query type parsers of its own (for dates), which
 * fall back to pg's global ones, not the pool's: so int8 is parsed the same way globally too, or
 * a raw `count(*)` through drizzle would be a string on this dialect (db/dialect.test.ts).
 */
export function createPgPool(url: string, opts: { max?: number; applicationName?: string } = {}): pg.Pool {
  pg.types.setTypeParser(INT8_OID, parseInt8)
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'warta',
    types,
  })
  // An idle client the server ended (a restart, a failover, pg_terminate_backend): the pool drops
  // it and the next query connects again. Unheard, the event would end the process.
  pool.on('error', (error) => console.error('PostgreSQL: an idle connection failed', { error: error.message }))
  return pool
}

/** True for postgres:// and postgresql:// URLs: what makes DATABASE_URL select this dialect. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url)
}
