import 'server-only'
import crypto from 'node:crypto'
import { type Redis, isUsable } from './client'
import { KEYS } from './keys'

// Only the holder's token may end or extend a lock: a holder that outlived its TTL must not
// release the lock another process has taken since.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`

type LockScripts = Redis & {
  wartaLockRelease(key: string, token: string): Promise<number>
  wartaLockExtend(key: string, token: string, ttlMs: number): Promise<number>
}

function withScripts(redis: Redis): LockScripts {
  const r = redis as LockScripts
  if (typeof r.wartaLockRelease !== 'function') {
    redis.defineCommand('wartaLockRelease', { numberOfKeys: 1, lua: RELEASE })
    redis.defineCommand('wartaLockExtend', { numberOfKeys: 1, lua: EXTEND })
  }
  return r
}

/** Takes the lock for `ttlMs` (SET NX PX); the token to release it with, or null when held. */
export async function acquireLock(redis: Redis, name: string, ttlMs: number, token: string = crypto.randomUUID()): Promise<string | null> {
  return (await redis.set(KEYS.lock(name), token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null
}

/** Ends the lock if `token` still holds it; false when it had expired (and maybe passed on). */
export async function releaseLock(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await withScripts(redis).wartaLockRelease(KEYS.lock(name), token)) === 1
}

/** Gives the holder `ttlMs` more; false when `token` no longer holds it. */
export async function extendLock(redis: Redis, name: string, token: string, ttlMs: number): Promise<boolean> {
  return (await withScripts(redis).wartaLockExtend(KEYS.lock(name), token, ttlMs)) === 1
}

export type LockOutcome<T> = { ran: true; value: T } | { ran: false }

/**
 * Runs `work` while holding the lock, extended every third of its TTL so long work keeps it, and
 * released afterwards. Another holder: `work` does not run. Redis unreachable: `onUnavailable`
 * decides (the scheduler runs anyway: the database makes publishing exactly-once by itself).
 */
export async function withLock<T>(
  redis: Redis,
  name: string,
  ttlMs: number,
  work: () => Promise<T>,
  opts: { onUnavailable: 'run' | 'skip'; onError?: (error: unknown) => void },
): Promise<LockOutcome<T>> {
  const attempt = crypto.randomUUID()
  let token: string | null
  let asked = false
  try {
    if (!isUsable(redis)) throw new Error('Redis is not connected')
    asked = true
    token = await acquireLock(redis, name, ttlMs, attempt)
  } catch (error) {
    opts.onError?.(error)
    // A SET that timed out may still have run on Redis (this process's event loop stalled past
    // the command timeout): the lock would then keep every server out for its whole TTL, this
    // one included. Free it if it is ours; Redis really down makes this fail quietly.
    const unheld = asked ? releaseLock(redis, name, attempt).catch(() => false) : Promise.resolve(false)
    if (opts.onUnavailable === 'skip') {
      await unheld
      return { ran: false }
    }
    try {
      return { ran: true, value: await work() }
    } finally {
      await unheld
    }
  }
  if (!token) return { ran: false }
  const held = token
  const renew = setInterval(() => {
    extendLock(redis, name, held, ttlMs).catch((error) => opts.onError?.(error))
  }, Math.max(1, Math.floor(ttlMs / 3)))
  renew.unref()
  try {
    return { ran: true, value: await work() }
  } finally {
    clearInterval(renew)
    await releaseLock(redis, name, held).catch((error) => opts.onError?.(error))
  }
}

/**
 * The scheduler's `exclusive` option: one server of several runs a tick's publishing step. While
 * Redis is unreachable every server runs it (the status check in the write transaction still
 * publishes each story once), so scheduled stories are not held back by a Redis outage.
 */
export function redisExclusive(
  redis: Redis,
  name: string,
  ttlMs: number,
  onError?: (error: unknown) => void,
): (work: () => Promise<void>) => Promise<boolean> {
  return async (work) => (await withLock(redis, name, ttlMs, work, { onUnavailable: 'run', onError })).ran
}
