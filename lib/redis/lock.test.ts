import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { getArticleForEdit } from '@/db/queries/articles-desk'
import { startScheduler } from '@/lib/scheduler'
import { createArticle, createUser } from '@/tests/factories'
import { openTestRedis } from '@/tests/redis'
import { createRedisClient } from './client'
import { acquireLock, extendLock, redisExclusive, releaseLock, withLock } from './lock'

vi.mock('next/cache', () => ({ updateTag: vi.fn() }))

const redis = await openTestRedis('lib/redis/lock.test.ts')

describe.skipIf(!redis)('Redis lock', () => {
  afterAll(() => redis?.cleanup())
  let n = 0
  const name = () => `test-${++n}`

  it('has one holder however many servers ask at once', async () => {
    const servers = [await redis!.connectReady(), await redis!.connectReady(), await redis!.connectReady()]
    const lock = name()
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => acquireLock(servers[i % 3]!, lock, 10_000)))
    expect(tokens.filter(Boolean)).toHaveLength(1)
  })

  it('passes on after its TTL when the holder vanished', async () => {
    const a = await redis!.connectReady()
    const b = await redis!.connectReady()
    const lock = name()
    expect(await acquireLock(a, lock, 100)).not.toBeNull()
    expect(await acquireLock(b, lock, 100)).toBeNull()
    await sleep(150)
    expect(await acquireLock(b, lock, 100)).not.toBeNull()
  })

  it('is released and extended only by its holder', async () => {
    const a = await redis!.connectReady()
    const b = await redis!.connectReady()
    const lock = name()
    const late = (await acquireLock(a, lock, 50))!
    await sleep(80)
    const current = (await acquireLock(b, lock, 10_000))!
    // a outlived its TTL: its release and extension must not touch b's lock.
    expect(await releaseLock(a, lock, late)).toBe(false)
    expect(await extendLock(a, lock, late, 10_000)).toBe(false)
    expect(await acquireLock(a, lock, 10_000)).toBeNull()
    expect(await releaseLock(b, lock, current)).toBe(true)
    expect(await acquireLock(a, lock, 10_000)).not.toBeNull()
  })

  it('keeps the lock through work longer than its TTL, and frees it afterwards', async () => {
    const a = await redis!.connectReady()
    const b = await redis!.connectReady()
    const lock = name()
    let othersGotIt = false
    const outcome = await withLock(
      a,
      lock,
      150,
      async () => {
        for (let i = 0; i < 5; i++) {
          await sleep(80)
          if (await acquireLock(b, lock, 150)) othersGotIt = true
        }
        return 'done'
      },
      { onUnavailable: 'skip' },
    )
    expect(outcome).toEqual({ ran: true, value: 'done' })
    expect(othersGotIt).toBe(false)
    expect(await acquireLock(b, lock, 150)).not.toBeNull()
  })

  it('runs the work on one of two servers asking at once', async () => {
    const lock = name()
    const servers = [await redis!.connectReady(), await redis!.connectReady()]
    let runs = 0
    const outcomes = await Promise.all(
      servers.map((s) =>
        withLock(s, lock, 10_000, async () => {
          runs++
          await sleep(50)
        }, { onUnavailable: 'skip' }),
      ),
    )
    expect(runs).toBe(1)
    expect(outcomes.map((o) => o.ran).sort()).toEqual([false, true])
  })

  it('lets a scheduler publish only while no other server holds the lock', async () => {
    const other = await redis!.connectReady()
    const mine = await redis!.connectReady()
    const lock = name()
    const held = (await acquireLock(other, lock, 10_000))!
    const a = await createArticle({ authorId: (await createUser()).id, status: 'scheduled', publishedAt: new Date(Date.now() - 60_000), pathMonth: null })
    const scheduler = startScheduler({ intervalMs: 3_600_000, revalidate: async () => {}, exclusive: redisExclusive(mine, lock, 10_000) })
    try {
      expect(await scheduler.tick()).toBe(0)
      expect((await getArticleForEdit(a.id))!.status).toBe('scheduled')
      await releaseLock(other, lock, held)
      expect(await scheduler.tick()).toBe(1)
      expect((await getArticleForEdit(a.id))!.status).toBe('published')
    } finally {
      scheduler.stop()
    }
  })

  it('does not leave a lock behind when taking it timed out after Redis had set it', async () => {
    // A server whose event loop stalled past ioredis' command timeout: Redis ran the SET NX, the
    // reply came too late, the server ran the work anyway. The key it set must not keep every
    // server (itself included) out for the lock's whole TTL: found by the several-servers e2e
    // spec on PostgreSQL, where no server published a scheduled story for a minute.
    const stalled = await redis!.connectReady()
    const realSet = stalled.set.bind(stalled) as (...args: unknown[]) => Promise<unknown>
    ;(stalled as unknown as { set: (...args: unknown[]) => Promise<unknown> }).set = async (...args: unknown[]) => {
      await realSet(...args)
      throw new Error('Command timed out')
    }
    const other = await redis!.connectReady()
    const lock = name()
    const errors: unknown[] = []
    const outcome = await withLock(stalled, lock, 60_000, async () => 'ran', { onUnavailable: 'run', onError: (e) => void errors.push(e) })
    expect(outcome).toEqual({ ran: true, value: 'ran' })
    expect(errors).toHaveLength(1)
    expect(await acquireLock(other, lock, 1_000)).not.toBeNull()
  })

  it('still publishes while Redis is unreachable', async () => {
    const down = createRedisClient('redis://127.0.0.1:1', redis!.prefix)
    await new Promise((resolve) => down.once('error', resolve))
    const errors: unknown[] = []
    try {
      const a = await createArticle({ authorId: (await createUser()).id, status: 'scheduled', publishedAt: new Date(Date.now() - 60_000), pathMonth: null })
      const scheduler = startScheduler({
        intervalMs: 3_600_000,
        revalidate: async () => {},
        exclusive: redisExclusive(down, name(), 10_000, (e) => void errors.push(e)),
      })
      try {
        await scheduler.tick()
        expect((await getArticleForEdit(a.id))!.status).toBe('published')
        expect(errors.length).toBeGreaterThan(0)
      } finally {
        scheduler.stop()
      }
    } finally {
      down.disconnect()
    }
  })
})
