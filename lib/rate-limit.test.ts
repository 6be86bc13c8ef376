import { afterAll, describe, expect, it } from 'vitest'
import { openTestRedis } from '@/tests/redis'
import { type RateLimiter, databaseRateLimiter, withFallback } from './rate-limit'
import { createRedisClient, isUsable } from './redis/client'
import { redisRateLimiter } from './redis/rate-limiter'

const redis = await openTestRedis('lib/rate-limit.test.ts (Redis half)')
afterAll(() => redis?.cleanup())

const HOUR = 60 * 60 * 1000
const at = (ms: number) => new Date(Date.UTC(2026, 11, 1) + ms)
let run = 0

/** Each limiter kind, with two limiters standing for two servers. */
const kinds: Array<{ name: string; skip: boolean; make: () => Promise<[RateLimiter, RateLimiter]> }> = [
  { name: 'database', skip: false, make: async () => [databaseRateLimiter(), databaseRateLimiter()] },
  {
    name: 'Redis',
    skip: !redis,
    make: async () => [redisRateLimiter(await redis!.connectReady()), redisRateLimiter(await redis!.connectReady())],
  },
]

describe.each(kinds)('$name rate limiter', ({ skip, make }) => {
  // Keys differ per kind and test: the database file is shared by the file's tests.
  const k = (name: string) => `${name}-${++run}`

  it.skipIf(skip)('allows up to the limit in a window and refuses the next with the time left', async () => {
    const [a, b] = await make()
    const key = k('limit')
    for (let i = 0; i < 5; i++) {
      expect(await (i % 2 ? a : b).consume('contact', key, 5, HOUR, at(i * 1000))).toEqual({ allowed: true, retryAfterMs: 0 })
    }
    expect(await a.consume('contact', key, 5, HOUR, at(10 * 60_000))).toEqual({ allowed: false, retryAfterMs: HOUR - 10 * 60_000 })
    // Refused attempts never extend the window.
    expect(await b.consume('contact', key, 5, HOUR, at(HOUR - 1))).toEqual({ allowed: false, retryAfterMs: 1 })
    expect(await b.consume('contact', key, 5, HOUR, at(HOUR))).toEqual({ allowed: true, retryAfterMs: 0 })
  })

  it.skipIf(skip)('anchors a new window at the first attempt after the old one ended, and after a clock change', async () => {
    const [a] = await make()
    const key = k('rollover')
    for (let i = 0; i < 3; i++) await a.consume('contact', key, 3, HOUR, at(0))
    expect((await a.consume('contact', key, 3, HOUR, at(HOUR + 500))).allowed).toBe(true)
    await a.consume('contact', key, 3, HOUR, at(HOUR + 600))
    await a.consume('contact', key, 3, HOUR, at(HOUR + 700))
    expect(await a.consume('contact', key, 3, HOUR, at(2 * HOUR + 499))).toEqual({ allowed: false, retryAfterMs: 1 })
    expect(await a.consume('contact', key, 3, HOUR, at(0))).toEqual({ allowed: true, retryAfterMs: 0 })
  })

  it.skipIf(skip)('counts keys and buckets apart', async () => {
    const [a] = await make()
    const key = k('apart')
    expect((await a.consume('contact', key, 1, HOUR, at(0))).allowed).toBe(true)
    expect((await a.consume('contact', key, 1, HOUR, at(1))).allowed).toBe(false)
    expect((await a.consume('contact', `${key}-other`, 1, HOUR, at(2))).allowed).toBe(true)
    expect((await a.consume('password-change', key, 1, HOUR, at(3))).allowed).toBe(true)
  })

  it.skipIf(skip)('lets exactly `limit` of many parallel attempts from two servers through', async () => {
    const [a, b] = await make()
    const key = k('race')
    const now = new Date()
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).consume('contact', key, 5, HOUR, now)))
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(5)
  })

  it.skipIf(skip)('rejects nonsensical limits and windows', async () => {
    const [a] = await make()
    await expect(a.consume('contact', 'bad', 0, HOUR)).rejects.toThrow(RangeError)
    await expect(a.consume('contact', 'bad', 1.5, HOUR)).rejects.toThrow(RangeError)
    await expect(a.consume('contact', 'bad', 5, 0)).rejects.toThrow(RangeError)
    await expect(a.consume('contact', 'bad', 5, HOUR, new Date(Number.NaN))).rejects.toThrow(RangeError)
  })

  const rule = (key: string) => ({ key, free: 2, baseDelayMs: 1000, maxDelayMs: 4000 })

  it.skipIf(skip)('throttles with a doubling wait after the free attempts, on every server', async () => {
    const [a, b] = await make()
    const key = k('throttle')
    expect(await a.beginThrottled([rule(key)], HOUR, at(0))).toEqual({ allowed: true, retryAfterMs: 0 })
    expect(await b.beginThrottled([rule(key)], HOUR, at(0))).toEqual({ allowed: true, retryAfterMs: 0 })
    expect(await a.beginThrottled([rule(key)], HOUR, at(10))).toEqual({ allowed: false, retryAfterMs: 990 })
    expect(await b.beginThrottled([rule(key)], HOUR, at(1000))).toEqual({ allowed: true, retryAfterMs: 0 })
    expect(await a.beginThrottled([rule(key)], HOUR, at(2999))).toEqual({ allowed: false, retryAfterMs: 1 })
    expect(await a.beginThrottled([rule(key)], HOUR, at(3000))).toEqual({ allowed: true, retryAfterMs: 0 })
    // Capped at maxDelayMs.
    expect(await a.beginThrottled([rule(key)], HOUR, at(3001))).toEqual({ allowed: false, retryAfterMs: 3999 })
  })

  it.skipIf(skip)('counts nothing when one key is blocked, and forgets keys after their time', async () => {
    const [a] = await make()
    const blocked = k('blocked')
    const other = k('other')
    await a.beginThrottled([rule(blocked)], HOUR, at(0))
    await a.beginThrottled([rule(blocked)], HOUR, at(0))
    expect(await a.beginThrottled([rule(other), rule(blocked)], HOUR, at(0))).toEqual({ allowed: false, retryAfterMs: 1000 })
    // `other` was not counted: two free attempts remain.
    expect((await a.beginThrottled([rule(other)], HOUR, at(0))).allowed).toBe(true)
    expect((await a.beginThrottled([rule(other)], HOUR, at(0))).allowed).toBe(true)
    expect((await a.beginThrottled([rule(other)], HOUR, at(0))).allowed).toBe(false)
    // An hour after its last attempt a key starts over.
    expect((await a.beginThrottled([rule(other)], HOUR, at(HOUR))).allowed).toBe(true)
    expect((await a.beginThrottled([rule(other)], HOUR, at(HOUR))).allowed).toBe(true)
  })

  it.skipIf(skip)('clears and gives back attempts after a success', async () => {
    const [a, b] = await make()
    const account = k('account')
    const address = k('address')
    await a.beginThrottled([rule(account), rule(address)], HOUR, at(0))
    await b.finishThrottled({ clear: [account], giveBack: [address] })
    await a.beginThrottled([rule(account), rule(address)], HOUR, at(1))
    await b.finishThrottled({ clear: [account], giveBack: [address] })
    // Both keys are back to their first attempt: two free ones pass.
    expect((await a.beginThrottled([rule(account), rule(address)], HOUR, at(2))).allowed).toBe(true)
    expect((await a.beginThrottled([rule(account), rule(address)], HOUR, at(2))).allowed).toBe(true)
    expect((await a.beginThrottled([rule(account), rule(address)], HOUR, at(2))).allowed).toBe(false)
    // Giving back never goes below zero, and an unknown key is no error.
    await b.finishThrottled({ clear: [], giveBack: [k('unknown')] })
  })
})

describe('a Redis limiter during an outage', () => {
  it('counts in the database at once instead of waiting for Redis', async () => {
    const down = createRedisClient('redis://127.0.0.1:1', 'warta-test-down:')
    await new Promise((resolve) => down.once('error', resolve))
    const reasons: unknown[] = []
    try {
      const limiter = withFallback(redisRateLimiter(down), databaseRateLimiter(), {
        isAvailable: () => isUsable(down),
        onFallback: (error) => reasons.push(error),
      })
      const key = `outage-${Date.now()}`
      const start = performance.now()
      expect((await limiter.consume('contact', key, 1, HOUR)).allowed).toBe(true)
      expect((await limiter.consume('contact', key, 1, HOUR)).allowed).toBe(false)
      expect(performance.now() - start).toBeLessThan(500)
      expect(reasons).toHaveLength(2)
      await expect(limiter.consume('contact', key, 0, HOUR)).rejects.toThrow(RangeError)
    } finally {
      down.disconnect()
    }
  })

  it('falls back when a command fails on a connected client', async () => {
    const failing: RateLimiter = {
      consume: () => Promise.reject(new Error('Command timed out')),
      beginThrottled: () => Promise.reject(new Error('Command timed out')),
      finishThrottled: () => Promise.reject(new Error('Command timed out')),
    }
    const limiter = withFallback(failing, databaseRateLimiter(), { isAvailable: () => true, onFallback: () => {} })
    expect((await limiter.beginThrottled([{ key: `fb-${Date.now()}`, free: 1, baseDelayMs: 1, maxDelayMs: 1 }], HOUR)).allowed).toBe(true)
  })
})
