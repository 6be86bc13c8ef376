import 'server-only'
import {
  beginThrottledAttempt,
  consumeRateLimit,
  finishThrottledAttempt,
  type RateLimitDecision,
  type ThrottleRule,
} from '@/db/queries/rate-limits'
import { getRedis, isUsable } from '@/lib/redis/client'
import { redisRateLimiter } from '@/lib/redis/rate-limiter'

export type { RateLimitDecision, ThrottleRule }

/**
 * Where rate limits are counted: the database by default, Redis with REDIS_URL set
 * (docs/decisions/018-shared-caching.md). Both hold whichever server answers, and both decide
 * atomically, so parallel attempts from several servers cannot all slip through.
 */
export type RateLimiter = {
  /**
   * Counts one attempt for `key` in `bucket` against `limit` per fixed window, anchored at the
   * first attempt after the previous window ended (db/queries/rate-limits.ts `consumeRateLimit`).
   */
  consume(bucket: string, key: string, limit: number, windowMs: number, now?: Date): Promise<RateLimitDecision>
  /** A growing-delay throttle attempt under every rule's key (`beginThrottledAttempt`). */
  beginThrottled(rules: ThrottleRule[], forgetAfterMs: number, now?: Date): Promise<RateLimitDecision>
  /** After a success: `clear` keys start over, `giveBack` keys get the attempt back. */
  finishThrottled(opts: { clear: string[]; giveBack: string[] }): Promise<void>
}

/** The database's tables, each decision one write() (waiting for the lock without blocking). */
export function databaseRateLimiter(): RateLimiter {
  return {
    consume: (bucket, key, limit, windowMs, now) => consumeRateLimit(bucket, key, limit, windowMs, now),
    beginThrottled: (rules, forgetAfterMs, now) => beginThrottledAttempt(rules, forgetAfterMs, now),
    finishThrottled: (opts) => finishThrottledAttempt(opts),
  }
}

/**
 * Redis first; while Redis is unreachable or fails, the database counts (per machine on SQLite,
 * so limits are looser during an outage, but sign-in and the contact form keep working without
 * waiting for a timeout). RangeErrors are the caller's mistake and are thrown as they are.
 */
export function withFallback(
  primary: RateLimiter,
  fallback: RateLimiter,
  opts: { isAvailable: () => boolean; onFallback: (error: unknown) => void },
): RateLimiter {
  async function attempt<T>(run: (l: RateLimiter) => Promise<T>): Promise<T> {
    if (!opts.isAvailable()) {
      opts.onFallback(new Error('Redis is not connected'))
      return run(fallback)
    }
    try {
      return await run(primary)
    } catch (error) {
      if (error instanceof RangeError) throw error
      opts.onFallback(error)
      return run(fallback)
    }
  }
  return {
    consume: (...args) => attempt((l) => l.consume(...args)),
    beginThrottled: (...args) => attempt((l) => l.beginThrottled(...args)),
    finishThrottled: (opts) => attempt((l) => l.finishThrottled(opts)),
  }
}

let lastWarning = 0

export function getRateLimiter(): RateLimiter {
  const redis = getRedis()
  if (!redis) return databaseRateLimiter()
  return withFallback(redisRateLimiter(redis), databaseRateLimiter(), {
    isAvailable: () => isUsable(redis),
    onFallback: (error) => {
      // One line a minute during an outage, not one per attempt.
      if (Date.now() - lastWarning < 60_000) return
      lastWarning = Date.now()
      console.error('Rate limits: Redis unavailable; counting in the database meanwhile', { error })
    },
  })
}
