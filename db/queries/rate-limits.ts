import 'server-only'
import { sql } from 'drizzle-orm'
import { getDb, type Executor, write } from '@/db'
import { execute, forUpdate, larger, queryRow, sweepExpiredSql } from '@/db/dialect'

export type RateLimitDecision = { allowed: boolean; retryAfterMs: number }

/**
 * Counts one attempt for `key` in `bucket` and says whether it is within `limit` per window.
 * Fixed window, anchored at the first attempt after the previous window ended (so a client's
 * window is its own, not the clock's). Refused attempts are counted too but never extend the
 * window. One upsert in an immediate transaction, so concurrent processes cannot both take the
 * last slot. `retryAfterMs` is 0 when allowed.
 */
export async function consumeRateLimit(
  bucket: string,
  key: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<RateLimitDecision> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`)
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`)
  }
  const nowMs = now.getTime()
  if (!Number.isFinite(nowMs)) throw new RangeError('now is not a valid date')

  return write(
    async (tx) => {
      await sweepExpired(tx, nowMs)
      // A window that has ended, or lies in the future after a clock change, starts over at now.
      const row = await queryRow<{ window_start: number; count: number }>(tx, sql`
        INSERT INTO rate_limits (bucket, key, window_start, count, expires_at)
        VALUES (${bucket}, ${key}, ${nowMs}, 1, ${nowMs + windowMs})
        ON CONFLICT (bucket, key) DO UPDATE SET
          window_start = CASE
            WHEN ${nowMs} >= rate_limits.window_start + ${windowMs} OR ${nowMs} < rate_limits.window_start
            THEN ${nowMs} ELSE rate_limits.window_start END,
          count = CASE
            WHEN ${nowMs} >= rate_limits.window_start + ${windowMs} OR ${nowMs} < rate_limits.window_start
            THEN 1 ELSE rate_limits.count + 1 END,
          expires_at = CASE
            WHEN ${nowMs} >= rate_limits.window_start + ${windowMs} OR ${nowMs} < rate_limits.window_start
            THEN ${nowMs + windowMs} ELSE rate_limits.window_start + ${windowMs} END
        RETURNING window_start, count`)
      if (!row) throw new Error('rate_limits upsert returned no row')
      const allowed = row.count <= limit
      return { allowed, retryAfterMs: allowed ? 0 : row.window_start + windowMs - nowMs }
    },
  )
}

// Each write removes at most this many ended windows: a bounded cost per attempt that still
// outpaces the one row an attempt can add.
const SWEEP_BATCH = 100

async function sweepExpired(tx: Executor, nowMs: number): Promise<void> {
  await execute(tx, sweepExpiredSql(tx, 'rate_limits', nowMs, SWEEP_BATCH))
}

/** One key of a growing-delay throttle: `free` attempts pass at once, then each waits twice as long. */
export type ThrottleRule = { key: string; free: number; baseDelayMs: number; maxDelayMs: number }

/** The wait imposed after the `attempts`-th counted attempt under a rule. */
export function throttleDelayMs(rule: ThrottleRule, attempts: number): number {
  if (attempts < rule.free) return 0
  return Math.min(rule.baseDelayMs * 2 ** Math.min(attempts - rule.free, 30), rule.maxDelayMs)
}

/**
 * Counts one attempt under every rule's key, unless one of them is still blocked: then nothing
 * is counted and the longest wait is returned. Counted before the password is checked, in one
 * immediate transaction, so a burst of parallel attempts (from any process) cannot all slip
 * through before the first failure is written. A success gives the count back
 * (finishThrottledAttempt). Rows are forgotten `forgetAfterMs` after their last attempt.
 */
export async function beginThrottledAttempt(rules: ThrottleRule[], forgetAfterMs: number, now = new Date()): Promise<RateLimitDecision> {
  const nowMs = now.getTime()
  return write(
    async (tx) => {
      await sweepExpiredThrottle(tx, nowMs)
      const rows: Array<{ attempts: number; blocked_until: number }> = []
      for (const rule of rules) {
        // PostgreSQL runs parallel attempts side by side: each must count on the one before, so
        // the key's row exists (an already forgotten placeholder if new) and is read locked.
        // Without this, a burst read the same count and wrote it back plus one: one attempt.
        await execute(tx, sql`
          INSERT INTO sign_in_throttle (key, attempts, blocked_until, expires_at) VALUES (${rule.key}, 0, 0, 0)
          ON CONFLICT (key) DO NOTHING`)
        const row = await queryRow<{ attempts: number; blocked_until: number; expires_at: number }>(
          tx,
          sql`SELECT attempts, blocked_until, expires_at FROM sign_in_throttle WHERE key = ${rule.key}${forUpdate(tx)}`,
        )
        rows.push(row && Number(row.expires_at) > nowMs ? { attempts: Number(row.attempts), blocked_until: Number(row.blocked_until) } : { attempts: 0, blocked_until: 0 })
      }
      const blockedUntil = Math.max(...rows.map((r) => r.blocked_until))
      if (blockedUntil > nowMs) return { allowed: false, retryAfterMs: blockedUntil - nowMs }
      for (const [i, rule] of rules.entries()) {
        const attempts = rows[i]!.attempts + 1
        const blocked = nowMs + throttleDelayMs(rule, attempts)
        await execute(tx, sql`
          INSERT INTO sign_in_throttle (key, attempts, blocked_until, expires_at)
          VALUES (${rule.key}, ${attempts}, ${blocked}, ${nowMs + forgetAfterMs})
          ON CONFLICT (key) DO UPDATE SET
            attempts = excluded.attempts, blocked_until = excluded.blocked_until, expires_at = excluded.expires_at`)
      }
      return { allowed: true, retryAfterMs: 0 }
    },
  )
}

/**
 * After a successful attempt: `clear` keys start over (the account from this address), `giveBack`
 * keys return the attempt counted for it (the address, so a busy office's sign-ins are not
 * mistaken for guessing).
 */
export async function finishThrottledAttempt(opts: { clear: string[]; giveBack: string[] }): Promise<void> {
  await write(async (tx) => {
    for (const key of opts.clear) await execute(tx, sql`DELETE FROM sign_in_throttle WHERE key = ${key}`)
    for (const key of opts.giveBack) {
      await execute(tx, sql`UPDATE sign_in_throttle SET attempts = ${larger(tx, sql`attempts - 1`, sql`0`)} WHERE key = ${key}`)
    }
  })
}

async function sweepExpiredThrottle(tx: Executor, nowMs: number): Promise<void> {
  await execute(tx, sweepExpiredSql(tx, 'sign_in_throttle', nowMs, SWEEP_BATCH))
}
