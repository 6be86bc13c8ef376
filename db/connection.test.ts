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
