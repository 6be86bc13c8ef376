import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { getDatabase, getDb, getDialect, inWrite, write } from '@/db'
import { openTransaction } from '@/db/transaction'
import { settings } from '@/db/tables'

// write() on the active dialect (db/index.ts, docs/data-access.md). SQLite's own runner (the read
// connection, another process's file lock, a failed COMMIT): db/write-sqlite.test.ts.

const KEY = 'write-test'
const valueOf = async (key = KEY) => (await getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1))[0]?.value
const put = (tx: Parameters<Parameters<typeof write>[0]>[0], value: string, key = KEY) =>
  tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } })
const tick = () => new Promise((resolve) => setImmediate(resolve))

afterEach(async () => {
  await write((tx) => tx.delete(settings).where(sql`${settings.key} like 'write-test%'`))
})

describe('write()', () => {
  it('commits what the callback wrote and returns its result', async () => {
    expect(await write(async (tx) => (await put(tx, 'a').returning({ key: settings.key }))[0]!.key)).toBe(KEY)
    expect(await valueOf()).toBe('a')
  })

  it('rolls everything back when the callback throws, and passes the error on', async () => {
    await write((tx) => put(tx, 'before'))
    const failing = write(async (tx) => {
      await put(tx, 'during')
      await put(tx, 'other', `${KEY}-2`)
      throw new Error('boom')
    })
    await expect(failing).rejects.toThrow('boom')
    expect(await valueOf()).toBe('before')
    expect(await valueOf(`${KEY}-2`)).toBeUndefined()
  })

  it('joins an open transaction when nested: one BEGIN, and a throw in the inner one undoes the outer work', async () => {
    let innerTx: unknown
    const outer = write(async (tx) => {
      await put(tx, 'outer')
      await write(async (inner) => {
        innerTx = inner
        expect(inWrite()).toBe(true)
        // The nested call sees the outer transaction's uncommitted row.
        expect((await inner.select().from(settings).where(eq(settings.key, KEY)))[0]?.value).toBe('outer')
        await put(inner, 'inner', `${KEY}-2`)
      })
      expect(innerTx).toBe(tx)
      throw new Error('undo both')
    })
    await expect(outer).rejects.toThrow('undo both')
    expect(await valueOf()).toBeUndefined()
    expect(await valueOf(`${KEY}-2`)).toBeUndefined()
  })

  it('inside the callback getDb() is the transaction; outside, not', async () => {
    await write(async (tx) => {
      expect(getDb()).toBe(tx)
      await put(getDb(), 'through getDb')
    })
    expect(await valueOf()).toBe('through getDb')
    expect(inWrite()).toBe(false)
    expect(getDb()).not.toBe(openTransaction())
    expect(getDatabase()).toMatchObject({ dialect: getDialect(), write })
  })

  it('keeps two concurrent writes apart: the rollback of one takes none of the other’s rows', async () => {
    // SQLite runs them one after the other (db/write-sqlite.test.ts); PostgreSQL side by side.
    const first = write(async (tx) => {
      await put(tx, 'first')
      for (let i = 0; i < 5; i++) await tick()
      throw new Error('first rolls back')
    })
    const second = write(async (tx) => {
      await put(tx, 'second', `${KEY}-2`)
    })
    await expect(first).rejects.toThrow('first rolls back')
    await second
    expect(await valueOf()).toBeUndefined()
    expect(await valueOf(`${KEY}-2`)).toBe('second')
  })

  it('keeps uncommitted rows from readers until the commit', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let wrote!: () => void
    const written = new Promise<void>((resolve) => (wrote = resolve))
    const pending = write(async (tx) => {
      await put(tx, 'uncommitted')
      wrote()
      await gate
    })
    await written
    expect(await valueOf()).toBeUndefined()
    release()
    await pending
    expect(await valueOf()).toBe('uncommitted')
  })



})
