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
    return capturePgStatements(fn)
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

/**
 * PostgreSQL: every statement `fn` ran on the pool's clients, reads and write() transactions alike
 * (BEGIN and COMMIT included), without plans.
 */
async function capturePgStatements(fn: () => unknown): Promise<RanStatement[]> {
  // pg-pool makes its clients from this class (Pool#Client; absent from pg's types).
  const proto = (getPgPool() as unknown as { Client: { prototype: { query: (...args: unknown[]) => unknown } } }).Client.prototype
  const original = proto.query
  const ran: RanStatement[] = []
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, values] = args as [string | QueryConfig, unknown[] | undefined]
    const text = typeof first === 'string' ? first : first.text
    ran.push({ sql: text, params: Array.isArray(values) ? values : typeof first === 'string' ? [] : (first.values ?? []), plan: [] })
    return original.apply(this, args)
  }
  try {
    await fn()
  } finally {
    proto.query = original
  }
  return ran
}

/** Whether a statement only opens or ends a transaction (PostgreSQL's BEGIN, COMMIT…; SQLite runs those outside prepare()). */
export function isTransactionControl(statement: RanStatement): boolean {
  return /^\s*(begin|commit|rollback|savepoint|release)\b/i.test(statement.sql)
}

/**
 * The statements `fn` sends to the database, transaction control left out: on PostgreSQL each is
 * a round trip whose answer waits for the event loop, behind whatever else the process renders.
 */
export async function countStatements(fn: () => unknown): Promise<{ count: number; statements: string[] }> {
  const ran = (await captureStatements(fn, { plans: false })).filter((s) => !isTransactionControl(s))
  return { count: ran.length, statements: ran.map((s) => s.sql) }
}
