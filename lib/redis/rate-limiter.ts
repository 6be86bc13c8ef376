import 'server-only'
import type { RateLimitDecision, ThrottleRule } from '@/db/queries/rate-limits'
import type { RateLimiter } from '@/lib/rate-limit'
import type { Redis } from './client'
import { KEYS } from './keys'

/*
 * The database limiter's semantics (db/queries/rate-limits.ts), each decision one Lua script, so
 * it is atomic across every server: two clients cannot both take the last slot. Times come from
 * the caller (as in the database), so servers must keep their clocks in step (NTP); each key
 * carries a TTL so Redis forgets it when the database would have swept it.
 */

// KEYS[1] the window; ARGV now, windowMs. A window that has ended, or lies in the future after a
// clock change, starts over at now. Refused attempts are counted but never extend the window.
const CONSUME = `
local now, win = tonumber(ARGV[1]), tonumber(ARGV[2])
local start = tonumber(redis.call('HGET', KEYS[1], 's'))
local count
if not start or now >= start + win or now < start then
  start = now
  count = 1
  redis.call('HSET', KEYS[1], 's', string.format('%d', start), 'c', 1)
else
  count = redis.call('HINCRBY', KEYS[1], 'c', 1)
end
redis.call('PEXPIRE', KEYS[1], start + win - now)
return {string.format('%d', start), count}
`

// KEYS: one per rule. ARGV: now, forgetAfterMs, then free, baseDelayMs, maxDelayMs per rule.
// A key whose forget time has passed counts as new. If any key is blocked, nothing is counted
// and the longest wait is returned; otherwise every key counts the attempt.
const BEGIN = `
local now, forget = tonumber(ARGV[1]), tonumber(ARGV[2])
local attempts, blockedUntil = {}, 0
for i = 1, #KEYS do
  local a, b, x = unpack(redis.call('HMGET', KEYS[i], 'a', 'b', 'x'))
  if x and tonumber(x) > now then
    attempts[i] = tonumber(a)
    if tonumber(b) > blockedUntil then blockedUntil = tonumber(b) end
  else
    attempts[i] = 0
  end
end
if blockedUntil > now then return {0, string.format('%d', blockedUntil - now)} end
for i = 1, #KEYS do
  local free, base, max = tonumber(ARGV[i * 3]), tonumber(ARGV[i * 3 + 1]), tonumber(ARGV[i * 3 + 2])
  local n = attempts[i] + 1
  local delay = 0
  if n >= free then delay = math.min(base * 2 ^ math.min(n - free, 30), max) end
  redis.call('HSET', KEYS[i], 'a', n, 'b', string.format('%d', now + delay), 'x', string.format('%d', now + forget))
  redis.call('PEXPIRE', KEYS[i], forget)
end
return {1, '0'}
`

// KEYS: the keys to give one attempt back (ARGV[1] of them), then the keys to clear.
const FINISH = `
local giveBack = tonumber(ARGV[1])
for i = 1, #KEYS do
  if i <= giveBack then
    local a = tonumber(redis.call('HGET', KEYS[i], 'a'))
    if a then redis.call('HSET', KEYS[i], 'a', math.max(a - 1, 0)) end
  else
    redis.call('DEL', KEYS[i])
  end
end
return 1
`

type LimiterScripts = Redis & {
  wartaRateConsume(key: string, now: number, windowMs: number): Promise<[string, number]>
  wartaThrottleBegin(numKeys: number, ...args: Array<string | number>): Promise<[number, string]>
  wartaThrottleFinish(numKeys: number, ...args: Array<string | number>): Promise<number>
}

function withScripts(redis: Redis): LimiterScripts {
  const r = redis as LimiterScripts
  if (typeof r.wartaRateConsume !== 'function') {
    redis.defineCommand('wartaRateConsume', { numberOfKeys: 1, lua: CONSUME })
    // Variable key counts: the first argument says how many.
    redis.defineCommand('wartaThrottleBegin', { lua: BEGIN })
    redis.defineCommand('wartaThrottleFinish', { lua: FINISH })
  }
  return r
}

/** Checks the arguments as the database limiter does, so both refuse the same nonsense. */
export function checkLimitArgs(limit: number, windowMs: number, now: Date): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`)
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`)
  const nowMs = now.getTime()
  if (!Number.isFinite(nowMs)) throw new RangeError('now is not a valid date')
  return nowMs
}

export function redisRateLimiter(redis: Redis): RateLimiter {
  const r = withScripts(redis)
  return {
    async consume(bucket, key, limit, windowMs, now = new Date()): Promise<RateLimitDecision> {
      const nowMs = checkLimitArgs(limit, windowMs, now)
      const [start, count] = await r.wartaRateConsume(KEYS.rateLimit(bucket, key), nowMs, windowMs)
      const allowed = count <= limit
      return { allowed, retryAfterMs: allowed ? 0 : Number(start) + windowMs - nowMs }
    },
    async beginThrottled(rules: ThrottleRule[], forgetAfterMs, now = new Date()): Promise<RateLimitDecision> {
      if (rules.length === 0) return { allowed: true, retryAfterMs: 0 }
      const keys = rules.map((rule) => KEYS.throttle(rule.key))
      const args = rules.flatMap((rule) => [rule.free, rule.baseDelayMs, rule.maxDelayMs])
      const [allowed, retryAfter] = await r.wartaThrottleBegin(keys.length, ...keys, now.getTime(), forgetAfterMs, ...args)
      return { allowed: allowed === 1, retryAfterMs: Number(retryAfter) }
    },
    async finishThrottled({ clear, giveBack }) {
      const keys = [...giveBack, ...clear].map(KEYS.throttle)
      if (keys.length === 0) return
      await r.wartaThrottleFinish(keys.length, ...keys, giveBack.length)
    },
  }
}
