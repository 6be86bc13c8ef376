/*
 * Every Redis key Warta uses, after REDIS_PREFIX (docs/decisions/018-shared-caching.md).
 * Keys without a TTL are the ones that must not be evicted (`maxmemory-policy volatile-lru`
 * evicts only keys with one): the tag log and the tag state.
 */
export const KEYS = {
  /** Counter: the last tag-expiry sequence number handed out. No TTL. */
  tagSeq: 'tags:seq',
  /** Sorted set of tag expiries by sequence number, kept an hour. No TTL. */
  tagEvents: 'tags:events',
  /** Hash tag → "staleAt expiredAt": the latest expiry of every tag, for entries read from Redis. No TTL. */
  tagState: 'tags:state',
  /** Sorted set tag → its latest expiry time, to drop state no stored entry can predate. No TTL. */
  tagStateAt: 'tags:state-at',
  /** One `'use cache'` entry (hash: m = metadata JSON, v = bytes), by SHA-256 of the cache key. TTL. */
  cacheEntry: (hash: string) => `uc:${hash}`,
  /** A fixed rate-limit window (hash: s = start, c = count). TTL. */
  rateLimit: (bucket: string, key: string) => `rl:${bucket}:${key}`,
  /** A sign-in throttle key (hash: a = attempts, b = blocked until, x = forget at). TTL. */
  throttle: (key: string) => `th:${key}`,
  /** A lock (string: the holder's token). TTL. */
  lock: (name: string) => `lock:${name}`,
} as const

/**
 * The longest a `'use cache'` entry stays in Redis. Tag state is kept this long after a tag's
 * latest expiry: by then every entry made before that expiry is gone.
 */
export const CACHE_ENTRY_MAX_TTL_MS = 7 * 24 * 60 * 60_000
