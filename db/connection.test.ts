import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

// lib/env.ts parses once per process: each case loads fresh modules, as a restarted server would.
async function openWith(value: string | undefined) {
  if (value === undefined) delete process.env.SQLITE_SYNCHRONOUS
  else process.env.SQLITE_SYNCHRONOUS = value
  vi.resetModules()
  const { openDatabase } = await import('./connection')
  return openDatabase(path.join(process.env.DATA_DIR!, `sync-${value ?? 'default'}.db`))
}

afterEach(() => {
  delete process.env.SQLITE_SYNCHRONOUS
  vi.resetModules()
})

// SQLite reports synchronous as a number: 1 NORMAL, 2 FULL (docs/decisions/001-embedded-sqlite.md).
describe('SQLITE_SYNCHRONOUS', () => {
  it('is NORMAL by default, in WAL mode', async () => {
    const db = await openWith(undefined)
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(1)
    db.$client.close()
  })

  it('full makes every commit wait for the disk', async () => {
    const db = await openWith('full')
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2)
    db.$client.close()
  })

  it('refuses any other value at start-up, naming the key', async () => {
    await expect(openWith('off')).rejects.toThrow(/SQLITE_SYNCHRONOUS/)
  })
})

describe('the statement cache drizzle runs through', () => {
  it('compiles each SQL text once, and hands a kept statement out as new', async () => {
    const Database = (await import('better-sqlite3')).default
    const { statementCachingClient } = await import('./connection')
    const sqlite = new Database(':memory:')
    sqlite.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c')`)
    const prepare = vi.spyOn(sqlite, 'prepare')
    const client = statementCachingClient(sqlite, 2)
    const select = 'SELECT id, name FROM t ORDER BY id'

    const first = client.prepare(select)
    expect(first.raw().all()).toEqual([[1, 'a'], [2, 'b'], [3, 'c']])
    const again = client.prepare(select)
    expect(again).toBe(first)
    expect(prepare).toHaveBeenCalledTimes(1)
    // Drizzle turned on raw mode for its first use; the next use gets rows as objects again.
    expect(again.all()).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }])
    expect(client.prepare(select).pluck().all()).toEqual([1, 2, 3])
    expect(client.prepare(select).get()).toEqual({ id: 1, name: 'a' })

    // A statement being iterated is not handed out again: the second use gets a new one.
    const iterating = client.prepare(select).iterate()
    iterating.next()
    const beside = client.prepare(select)
    expect(beside).not.toBe(first)
    expect(beside.all()).toHaveLength(3)
    iterating.return?.()

    // Writes are kept too; the least recently used text goes past the bound.
    client.prepare(`INSERT INTO t (name) VALUES (?)`).run('d')
    client.prepare(`SELECT count(*) AS n FROM t`).get()
    prepare.mockClear()
    client.prepare(select)
    expect(prepare).toHaveBeenCalledTimes(1)
    sqlite.close()
  })

  it('serves drizzle queries on a connection opened for the server', async () => {
    const { openDatabase } = await import('./connection')
    const { sql } = await import('drizzle-orm')
    const db = openDatabase(path.join(process.env.DATA_DIR!, 'statement-cache.db'))
    db.$client.exec(`CREATE TABLE IF NOT EXISTS c (id INTEGER PRIMARY KEY, v TEXT)`)
    const prepare = vi.spyOn(db.$client, 'prepare')
    for (let i = 0; i < 5; i++) db.run(sql`INSERT INTO c (v) VALUES (${`v${i}`})`)
    for (let i = 0; i < 5; i++) expect(db.all(sql`SELECT v FROM c WHERE id = ${i + 1}`)).toEqual([{ v: `v${i}` }])
    // One INSERT text and one SELECT text, whatever the values.
    expect(prepare).toHaveBeenCalledTimes(2)
    db.$client.close()
  })
})
