// @ts-check
/**
 * A worker thread that runs read-only SQL on its own connection, so that a read whose cost grows
 * with the archive (search over 100,000 stories) never stops the server's event loop
 * (db/read-pool.ts starts it; docs/decisions/008-search-bound.md).
 *
 * Plain JavaScript on purpose: a worker needs a file Node can run as it is, and Next's build
 * bundles every TypeScript module into chunks that a worker cannot load. It knows nothing of
 * Warta: the callers' SQL arrives with each message.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

if (!parentPort) throw new Error('db/read-worker.mjs runs only as a worker thread')
const port = parentPort

// readonly: SQLite itself refuses any write, whatever SQL arrives.
const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')

/** @type {Map<string, import('better-sqlite3').Statement>} */
const statements = new Map()
const MAX_STATEMENTS = 64

/** @param {string} sql @param {boolean} pluck */
function prepare(sql, pluck) {
  const key = `${pluck ? 'p' : 'r'}${sql}`
  let statement = statements.get(key)
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value ?? '')
    statement = db.prepare(sql)
    if (pluck) statement.pluck()
    statements.set(key, statement)
  }
  return statement
}

/**
 * One message is one batch: { id, batch: [{ sql, params, pluck }] } → { id, results } with
 * the rows of every statement, or { id, error } for the first that failed.
 */
port.on('message', (/** @type {{ id: number, batch: Array<{ sql: string, params: unknown[], pluck?: boolean }> }} */ message) => {
  try {
    const results = message.batch.map(({ sql, params, pluck }) => prepare(sql, Boolean(pluck)).all(...params))
    port.postMessage({ id: message.id, results })
  } catch (error) {
    const e = /** @type {{ message?: string, code?: string }} */ (error)
    port.postMessage({ id: message.id, error: { message: String(e?.message ?? error), code: e?.code } })
  }
})
