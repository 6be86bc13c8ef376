import 'server-only'
import { sql } from 'drizzle-orm'
import { getDb, type Executor } from '@/db'

export type RateLimitDecision = { allowed: boolean; retryAfterMs: number }

/**
 * Counts one attempt for `key` in `bucket` and says whether it is within `limit` per window.
 * Fixed window, anchored at the first attempt after the previous window ended (so a client's
 * window is its own, not the clock's). Refused attempts are counted too but never extend the
 * window. One upsert in an immediate transaction, so concurrent processes cannot both take the
 * last slot. `retryAfterMs` is 0 when allowed.
 */
export function consumeRateLimit(
  bucket: string,
  key: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): RateLimitDecision {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`)
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`)
  }
  const nowMs = now.getTime()
  if (!Number.isFinite(nowMs)) throw new RangeError('now is not a valid date')

  return getDb().transaction(
    (tx) => {
      sweepExpired(tx, nowMs)
      // A window that has ended, or lies in the future after a clock change, starts over at now.
      const row = tx.get<{ window_start: number; count: number }>(sql`
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
    { behavior: 'immediate' },
  )
}

// Each write removes at most this many ended windows: a bounded cost per attempt that still
// outpaces the one row an attempt can add.
const SWEEP_BATCH = 100

function sweepExpired(tx: Executor, nowMs: number): void {
  tx.run(sql`DELETE FROM rate_limits WHERE rowid IN (
    SELECT rowid FROM rate_limits WHERE expires_at <= ${nowMs} LIMIT ${SWEEP_BATCH})`)
}
