import type { QueryConfig } from 'pg'
import { getDb, getDialect, getPgPool, getWriteConnection } from '@/db'
import { forgetStatements } from '@/db/connection'

export type RanStatement = { sql: string; params: unknown[]; plan: string[] }

/**
 * Runs `fn` and returns every SQL statement it ran on the process's connection, each with SQLite's
 * plan for it (EXPLAIN QUERY PLAN, with the parameters it ran with: a plan can depend on them).
 * A test can then say how a query reads, not only what it answers: a query that scans grows with
 * the archive, however right its answer.
 */
export async function captureStatements(fn: () => unknown, opts: { plans?: boolean } = {}): Promise<RanStatement[]> {
  if (getDialect() === 'postgres') {
    // No SQLite plans there: a test about them imports '@/tests/sqlite-only'. One about the
    // statements alone (their SQL, their parameters) says so with { plans: false }.
    if (opts.plans !== false) throw new Error("captureStatements() reads SQLite's plans: import '@/tests/sqlite-only' first in this test file, or pass { plans: false }.")
    return capturePgReads(fn)
  }
  // Reads go to the read connection, writes to the write connection (db/index.ts): watch both.
  const clients = [getDb().$client, getWriteConnection().$client]
  // Statements kept from earlier queries would run without passing through prepare() below; and
  // those prepared below, which record what runs, must not be kept past this capture.
  clients.forEach(forgetStatements)
  const originals = clients.map((client) => client.prepare)
  const ran: Array<{ sql: string; params: unknown[]; explain: (sql: string) => { all(...params: unknown[]): unknown[] } }> = []
  clients.forEach((client, i) => {
    const original = originals[i]!
    const explain = (sql: string) => original.call(client, sql) as { all(...params: unknown[]): unknown[] }
    client.prepare = function (this: typeof client, source: string) {
      const statement = original.call(this, source)
      for (const method of ['all', 'get', 'run', 'iterate', 'raw'] as const) {
        const run = (statement as unknown as Record<string, (...args: unknown[]) => unknown>)[method]
        if (typeof run !== 'function') continue
        Object.defineProperty(statement, method, {
          configurable: true,
          value: function (this: unknown, ...params: unknown[]) {
            // raw() is a mode switch, not a run.
            if (method !== 'raw') ran.push({ sql: source, params, explain })
            return run.apply(this, params)
          },
        })
      }
      return statement
    } as typeof client.prepare
  })
  try {
    await fn()
  } finally {
    clients.forEach((client, i) => (client.prepare = originals[i]!))
    clients.forEach(forgetStatements)
  }
  return ran.map(({ sql, params, explain }) => ({
    sql,
    params,
    plan: explain(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => (r as { detail: string }).detail),
  }))
}

/** PostgreSQL: the statements `fn` ran through the pool (reads outside write()), without plans. */
async function capturePgReads(fn: () => unknown): Promise<RanStatement[]> {
  const pool = getPgPool()
  const original = pool.query
  const ran: RanStatement[] = []
  pool.query = function (this: typeof pool, ...args: unknown[]) {
    const [first, values] = args as [string | QueryConfig, unknown[] | undefined]
    const text = typeof first === 'string' ? first : first.text
    ran.push({ sql: text, params: values ?? (typeof first === 'string' ? [] : (first.values ?? [])), plan: [] })
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof pool.query
  try {
    await fn()
  } finally {
    pool.query = original
  }
  return ran
}
