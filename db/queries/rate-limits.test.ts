import { describe, expect, it } from 'vitest'
import { count, like } from 'drizzle-orm'
import { getWriteConnection } from '@/db'
import { rateLimits } from '@/db/tables'
import { consumeRateLimit } from './rate-limits'

const HOUR = 60 * 60 * 1000
const at = (ms: number) => new Date(Date.UTC(2024, 0, 1) + ms)

describe('consumeRateLimit', () => {
  it('allows up to the limit in a window and refuses the next with the time left', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await consumeRateLimit('contact', 'limit-reached', 5, HOUR, at(i * 1000))).toEqual({
        allowed: true,
        retryAfterMs: 0,
      })
    }
    expect(await consumeRateLimit('contact', 'limit-reached', 5, HOUR, at(10 * 60_000))).toEqual({
      allowed: false,
      retryAfterMs: 50 * 60_000,
    })
    // Refused attempts do not push the window further out.
    expect(await consumeRateLimit('contact', 'limit-reached', 5, HOUR, at(HOUR - 1))).toEqual({
      allowed: false,
      retryAfterMs: 1,
    })
  })

  it('starts a new window once the old one has ended', async () => {
    for (let i = 0; i < 3; i++) await consumeRateLimit('contact', 'rollover', 3, HOUR, at(0))
    expect((await consumeRateLimit('contact', 'rollover', 3, HOUR, at(HOUR - 1))).allowed).toBe(false)
    // The window is [start, start + windowMs): its end belongs to the next one.
    expect(await consumeRateLimit('contact', 'rollover', 3, HOUR, at(HOUR))).toEqual({ allowed: true, retryAfterMs: 0 })
    expect((await consumeRateLimit('contact', 'rollover', 3, HOUR, at(HOUR + 1))).allowed).toBe(true)
    expect((await consumeRateLimit('contact', 'rollover', 3, HOUR, at(HOUR + 2))).allowed).toBe(true)
    expect(await consumeRateLimit('contact', 'rollover', 3, HOUR, at(HOUR + 3))).toEqual({
      allowed: false,
      retryAfterMs: HOUR - 3,
    })
  })

  it('counts keys and buckets independently', async () => {
    expect((await consumeRateLimit('contact', 'key-a', 1, HOUR, at(0))).allowed).toBe(true)
    expect((await consumeRateLimit('contact', 'key-a', 1, HOUR, at(1))).allowed).toBe(false)
    expect((await consumeRateLimit('contact', 'key-b', 1, HOUR, at(2))).allowed).toBe(true)
    expect((await consumeRateLimit('login', 'key-a', 1, HOUR, at(3))).allowed).toBe(true)
  })

  it('allows exactly one attempt with a limit of one', async () => {
    expect((await consumeRateLimit('single', 'k', 1, 1000, at(0))).allowed).toBe(true)
    expect(await consumeRateLimit('single', 'k', 1, 1000, at(999))).toEqual({ allowed: false, retryAfterMs: 1 })
  })

  it('restarts the window when the clock has moved backwards', async () => {
    await consumeRateLimit('contact', 'clock', 1, HOUR, at(HOUR))
    expect((await consumeRateLimit('contact', 'clock', 1, HOUR, at(HOUR + 1))).allowed).toBe(false)
    expect(await consumeRateLimit('contact', 'clock', 1, HOUR, at(0))).toEqual({ allowed: true, retryAfterMs: 0 })
  })

  it('uses the current time by default', async () => {
    expect((await consumeRateLimit('default-now', 'k', 1, HOUR)).allowed).toBe(true)
    const refused = await consumeRateLimit('default-now', 'k', 1, HOUR)
    expect(refused.allowed).toBe(false)
    expect(refused.retryAfterMs).toBeGreaterThan(HOUR - 60_000)
    expect(refused.retryAfterMs).toBeLessThanOrEqual(HOUR)
  })

  it('rejects nonsensical limits and windows', async () => {
    await expect(consumeRateLimit('contact', 'bad', 0, HOUR)).rejects.toThrow(RangeError)
    await expect(consumeRateLimit('contact', 'bad', 1.5, HOUR)).rejects.toThrow(RangeError)
    await expect(consumeRateLimit('contact', 'bad', 5, 0)).rejects.toThrow(RangeError)
    await expect(consumeRateLimit('contact', 'bad', 5, HOUR, new Date(Number.NaN))).rejects.toThrow(RangeError)
  })

  it('finding 5: removes rows whose window has ended', async () => {
    const countRows = async () => (await getWriteConnection().select({ n: count() }).from(rateLimits).where(like(rateLimits.key, 'expiring-%')).limit(1))[0]!.n
    for (let i = 0; i < 50; i++) await consumeRateLimit('contact', `expiring-${i}`, 5, HOUR, at(0))
    expect(await countRows()).toBe(50)
    // Any later attempt, for any key, sweeps windows that ended long ago.
    await consumeRateLimit('contact', 'someone-else', 5, HOUR, at(2 * 24 * HOUR))
    expect(await countRows()).toBe(0)
  })
})
