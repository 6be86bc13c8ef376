// SQLite's write runner itself (db/index.ts, db/transaction.ts, db/write-lock.ts): the read
// connection, another process holding the file's lock, a COMMIT that fails. This file runs on
// SQLite whatever TEST_DIALECT says; write() on either dialect: db/write.test.ts.
import '@/tests/sqlite-only'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { getDb, getWriteConnection, write } from '@/db'
import { WriteLockTimeout } from '@/db/write-lock'
import { settings } from '@/db/tables'

const KEY = 'write-test'
const valueOf = async (key = KEY) => (await getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1))[0]?.value
const put = (tx: Parameters<Parameters<typeof write>[0]>[0], value: string, key = KEY) =>
  tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } })
const tick = () => new Promise((resolve) => setImmediate(resolve))

afterEach(async () => {
  await write((tx) => tx.delete(settings).where(sql`${settings.key} like 'write-test%'`))
})

describe('write() on SQLite', () => {
  it('leaves no transaction open after a rollback; outside write(), the read connection refuses writes', async () => {
    await expect(write(async (tx) => {
      await put(tx, 'during')
      throw new Error('boom')
    })).rejects.toThrow('boom')
    expect(getWriteConnection().$client.inTransaction).toBe(false)
    expect(getDb()).not.toBe(getWriteConnection())
    expect(() => getDb().delete(settings).where(eq(settings.key, KEY)).run()).toThrow(/readonly/)
  })

  it('waits for another process’s lock without blocking the event loop, then writes', async () => {
    const other = new Database(process.env.DATABASE_PATH!)
    const delay = monitorEventLoopDelay({ resolution: 5 })
    try {
      other.exec('BEGIN IMMEDIATE')
      delay.enable()
      const started = performance.now()
      const pending = write((tx) => put(tx, 'after the lock'))
      await new Promise((resolve) => setTimeout(resolve, 300))
      other.exec('COMMIT')
      await pending
      delay.disable()
      expect(performance.now() - started).toBeGreaterThanOrEqual(290)
      // A synchronous wait (busy_timeout) would have held the loop for the whole 300 ms.
      expect(delay.max / 1e6).toBeLessThan(100)
      expect(await valueOf()).toBe('after the lock')
    } finally {
      delay.disable()
      if (other.inTransaction) other.exec('ROLLBACK')
      other.close()
    }
  })

  it('gives up after waitMs with WriteLockTimeout, and the next write still runs', async () => {
    const other = new Database(process.env.DATABASE_PATH!)
    try {
      other.exec('BEGIN IMMEDIATE')
      await expect(write((tx) => put(tx, 'never'), { waitMs: 50 })).rejects.toBeInstanceOf(WriteLockTimeout)
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK')
      other.close()
    }
    await write((tx) => put(tx, 'later'))
    expect(await valueOf()).toBe('later')
  })

  it('rolls back after a failed COMMIT and leaves the queue usable', async () => {
    // A deferred foreign-key violation is only found at COMMIT, which then fails and leaves the
    // transaction open: write() must roll it back and let the next write in.
    const failing = write(async (tx) => {
      await tx.run(sql`PRAGMA defer_foreign_keys = ON`)
      await put(tx, 'lost')
      await tx.run(sql`INSERT INTO article_labels (article_id, label_id, position) VALUES (987654, 987654, 0)`)
    })
    await expect(failing).rejects.toThrow(/FOREIGN KEY/)
    expect(getWriteConnection().$client.inTransaction).toBe(false)
    expect(await valueOf()).toBeUndefined()
    await write((tx) => put(tx, 'next'))
    expect(await valueOf()).toBe('next')
  })

  it('serialises two concurrent writes: no statement of one lands in the other’s transaction', async () => {
    const order: string[] = []
    let releaseFirst!: () => void
    const firstMayFinish = new Promise<void>((resolve) => (releaseFirst = resolve))
    const first = write(async (tx) => {
      order.push('first:begin')
      await put(tx, 'first')
      await firstMayFinish
      order.push('first:end')
      throw new Error('first rolls back')
    })
    const second = write(async (tx) => {
      order.push('second:begin')
      await put(tx, 'second', `${KEY}-2`)
      order.push('second:end')
    })
    for (let i = 0; i < 5; i++) await tick()
    // The second waits for the first, across all of the first's awaits.
    expect(order).toEqual(['first:begin'])
    releaseFirst()
    await expect(first).rejects.toThrow('first rolls back')
    await second
    expect(order).toEqual(['first:begin', 'first:end', 'second:begin', 'second:end'])
    // Had the second's insert joined the first transaction, the rollback would have taken it too.
    expect(await valueOf()).toBeUndefined()
    expect(await valueOf(`${KEY}-2`)).toBe('second')
  })
})
