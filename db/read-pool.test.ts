// The read worker reads the SQLite file (PostgreSQL searches through the pool): this file runs on SQLite whatever TEST_DIALECT says.
import '@/tests/sqlite-only'
import { describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { users } from '@/db/tables'
import { readBatch, ReadPoolBusyError, ReadQueryError } from './read-pool'

describe('the read worker', () => {
  it('answers each statement of a batch in order, as rows or plucked values, with committed data', async () => {
    await getWriteConnection().insert(users).values({ name: 'Sari Pembaca', slug: 'sari-pembaca', email: 'sari@example.test', role: 'reporter' })
    const [rows, names] = await readBatch([
      { sql: 'SELECT slug, role FROM users WHERE email = ?', params: ['sari@example.test'] },
      { sql: 'SELECT name FROM users WHERE slug = ?', params: ['sari-pembaca'], pluck: true },
    ])
    expect(rows).toEqual([{ slug: 'sari-pembaca', role: 'reporter' }])
    expect(names).toEqual(['Sari Pembaca'])
  })

  it('refuses writes: its connection is read-only', async () => {
    const write = readBatch([{ sql: "DELETE FROM users WHERE slug = 'sari-pembaca' RETURNING id", params: [] }])
    await expect(write).rejects.toBeInstanceOf(ReadQueryError)
    await expect(write).rejects.toMatchObject({ code: 'SQLITE_READONLY' })
    const [left] = await readBatch([{ sql: 'SELECT count(*) FROM users', params: [], pluck: true }])
    expect(left).toEqual([1])
  })

  it('fails one batch on a bad statement and keeps serving the next', async () => {
    await expect(readBatch([{ sql: 'SELECT nope FROM nowhere', params: [] }])).rejects.toMatchObject({ code: 'SQLITE_ERROR' })
    expect(await readBatch([{ sql: 'SELECT 1', params: [], pluck: true }])).toEqual([[1]])
  })

  it('refuses batches beyond the waiting limit instead of queueing them for seconds', async () => {
    const batches = Array.from({ length: 80 }, () => readBatch([{ sql: 'SELECT 1', params: [], pluck: true }]))
    const settled = await Promise.allSettled(batches)
    const refused = settled.filter((s) => s.status === 'rejected')
    expect(refused.length).toBe(80 - 64)
    expect(refused.every((s) => s.status === 'rejected' && s.reason instanceof ReadPoolBusyError)).toBe(true)
    expect(await readBatch([{ sql: 'SELECT 2', params: [], pluck: true }])).toEqual([[2]])
  })
})
