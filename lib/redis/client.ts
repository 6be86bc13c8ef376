import 'server-only'
import { Redis } from 'ioredis'
import { getEnv } from '@/lib/env'

/*
 * One Redis connection per process, made on first use, and only when REDIS_URL is set
 * (docs/decisions/018-shared-caching.md). Every key carries REDIS_PREFIX (ioredis `keyPrefix`,
 * which also prefixes the KEYS of Lua scripts), so several sites can share one Redis.
 *
 * An outage must never hang a request: a command waits at most COMMAND_TIMEOUT_MS (also while
 * queued during a reconnect) and is tried once; callers on a hot path (the cache handler) skip
 * Redis while the connection is not ready, and the others fall back or fail fast.
 */
const COMMAND_TIMEOUT_MS = 1000
const CONNECT_TIMEOUT_MS = 2000
const MAX_RECONNECT_DELAY_MS = 2000

export type { Redis }

/** A client with Warta's timeouts; tests make their own with a prefix per run. */
export function createRedisClient(url: string, prefix: string): Redis {
  const client = new Redis(url, {
    keyPrefix: prefix,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Reconnect for ever, never more than 2 s apart: Redis coming back is picked up by itself.
    retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
  })
  let down = false
  client.on('error', (error: Error) => {
    troubled.add(client)
    // ioredis emits an error per failed reconnect; one line per outage is enough.
    if (down) return
    down = true
    console.error('Redis: connection failed; retrying in the background', { error: error.message })
  })
  client.on('close', () => troubled.add(client))
  client.on('ready', () => {
    troubled.delete(client)
    if (down) console.error('Redis: connected again')
    down = false
  })
  return client
}

/** Clients whose connection failed or closed since they were last ready. */
const troubled = new WeakSet<Redis>()

const CLIENT_KEY = Symbol.for('warta.redis')
type Holder = { [CLIENT_KEY]?: Redis | null }

/**
 * This process's Redis client, or null when REDIS_URL is unset (the embedded default). Kept on
 * globalThis: Next bundles route code separately from instrumentation, and both must share one
 * connection.
 */
export function getRedis(): Redis | null {
  const holder = globalThis as Holder
  if (holder[CLIENT_KEY] !== undefined) return holder[CLIENT_KEY]
  const { redisUrl, redisPrefix } = getEnv()
  holder[CLIENT_KEY] = redisUrl ? createRedisClient(redisUrl, redisPrefix) : null
  return holder[CLIENT_KEY]
}

/** Ends the connection, so a CLI can exit once its work is done. */
export async function closeRedis(): Promise<void> {
  const holder = globalThis as Holder
  const client = holder[CLIENT_KEY]
  holder[CLIENT_KEY] = undefined
  if (client) await client.quit().catch(() => client.disconnect())
}

/**
 * Whether to send a command now: connected, or making its first connection (a command then
 * waits for it, as the first requests after a start do). False during an outage, when a
 * command would wait for a reconnect that may never come: callers fall back at once.
 */
export function isUsable(client: Redis): boolean {
  if (client.status === 'ready') return true
  return !troubled.has(client) && (client.status === 'connecting' || client.status === 'connect')
}

/**
 * For a health check: null without REDIS_URL, else whether Redis answers a PING within
 * `timeoutMs` (false at once during an outage).
 */
export async function pingRedis(timeoutMs = 500): Promise<boolean | null> {
  const client = getRedis()
  if (!client) return null
  if (!isUsable(client)) return false
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([client.ping().then((answer) => answer === 'PONG'), late])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
