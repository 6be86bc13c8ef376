import 'server-only'
import crypto from 'node:crypto'
import { type Redis, isUsable } from './client'
import { CACHE_ENTRY_MAX_TTL_MS, KEYS } from './keys'
import { parseTagState } from './tag-store'

/**
 * `'use cache'` entries shared by every server (docs/decisions/018-shared-caching.md), for the
 * cache handler (lib/cache/page-cache-handler.mjs), which keeps its own LRU in front. The
 * handler is plain JavaScript loaded by Next and cannot import this module: instrumentation.ts
 * installs the store on globalThis.
 */
export type EntryMeta = { tags: string[]; stale: number; timestamp: number; expire: number; revalidate: number }
export type StoredEntry = {
  meta: EntryMeta
  bytes: Uint8Array
  /** The latest expiry of each of the entry's tags and of the soft tags asked with it, when any. */
  tagStates: Array<{ tag: string; staleAt: number | null; expiredAt: number | null }>
}
export type CacheEntryStore = {
  get(cacheKey: string, softTags: readonly string[]): Promise<StoredEntry | null>
  set(cacheKey: string, meta: EntryMeta, bytes: Uint8Array): Promise<void>
}

/** Bigger values stay in the process that made them: one page's fragment is far smaller. */
export const MAX_SHARED_ENTRY_BYTES = 2 * 1024 * 1024

// The entry and the states of its tags in one atomic round trip. Tag names come from the
// stored metadata, so the state key is a KEY and the entry's tags are looked up inside it.
const GET = `
local m = redis.call('HGET', KEYS[1], 'm')
if not m then return nil end
local v = redis.call('HGET', KEYS[1], 'v')
local names = cjson.decode(m).tags
for i = 1, #ARGV do names[#names + 1] = ARGV[i] end
local states = {}
if #names > 0 then
  local values = redis.call('HMGET', KEYS[2], unpack(names))
  for i = 1, #names do
    if values[i] then states[#states + 1] = names[i]; states[#states + 1] = values[i] end
  end
end
return {m, v, states}
`

type EntryScripts = Redis & {
  wartaEntryGetBuffer(entry: string, tagState: string, ...softTags: string[]): Promise<[Buffer, Buffer, Buffer[]] | null>
}

function withScripts(redis: Redis): EntryScripts {
  const r = redis as EntryScripts
  if (typeof r.wartaEntryGetBuffer !== 'function') redis.defineCommand('wartaEntryGet', { numberOfKeys: 2, lua: GET })
  return r
}

function entryKey(cacheKey: string): string {
  // Cache keys carry the build id, the function's id and its serialized arguments: long.
  return KEYS.cacheEntry(crypto.createHash('sha256').update(cacheKey).digest('base64url'))
}

/** How long Redis keeps an entry: until the handler would stop serving it, at most a week. */
export function entryTtlMs(meta: EntryMeta, now: number): number {
  const lifetime = Math.min(meta.revalidate, meta.expire) * 1000
  const until = Number.isFinite(lifetime) ? meta.timestamp + lifetime : Infinity
  return Math.floor(Math.min(until - now, CACHE_ENTRY_MAX_TTL_MS))
}

export function redisCacheEntryStore(redis: Redis, opts: { now?: () => number } = {}): CacheEntryStore {
  const r = withScripts(redis)
  const now = opts.now ?? Date.now
  return {
    async get(cacheKey, softTags) {
      // During an outage or a reconnect the handler serves from its own memory, without waiting.
      if (!isUsable(redis)) return null
      const reply = await r.wartaEntryGetBuffer(entryKey(cacheKey), KEYS.tagState, ...softTags)
      if (!reply) return null
      const [m, v, states] = reply
      const { k, ...meta } = JSON.parse(m.toString('utf8')) as EntryMeta & { k: string }
      // Two cache keys with one SHA-256 will not happen; a mismatch is a miss all the same.
      if (k !== cacheKey) return null
      const tagStates = []
      for (let i = 0; i + 1 < states.length; i += 2) {
        tagStates.push(parseTagState(states[i]!.toString('utf8'), states[i + 1]!.toString('utf8')))
      }
      return { meta, bytes: new Uint8Array(v.buffer, v.byteOffset, v.byteLength), tagStates }
    },
    async set(cacheKey, meta, bytes) {
      if (!isUsable(redis) || bytes.byteLength > MAX_SHARED_ENTRY_BYTES) return
      const ttl = entryTtlMs(meta, now())
      if (ttl <= 0) return
      const m = JSON.stringify({ k: cacheKey, tags: meta.tags, stale: meta.stale, timestamp: meta.timestamp, expire: meta.expire, revalidate: meta.revalidate })
      const key = entryKey(cacheKey)
      // One transaction: a reader sees the whole entry with its TTL, or none of it.
      const results = await redis
        .multi()
        .del(key)
        .hset(key, 'm', m, 'v', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
        .pexpire(key, ttl)
        .exec()
      const failed = results?.find(([error]) => error)
      if (!results || failed) throw failed?.[0] ?? new Error('Redis discarded the transaction')
    },
  }
}

const ENTRY_STORE_KEY = Symbol.for('warta.cacheEntryStore')

/** Hands the store to the cache handler (instrumentation.ts, when REDIS_URL is set). */
export function installCacheEntryStore(store: CacheEntryStore): void {
  ;(globalThis as { [ENTRY_STORE_KEY]?: CacheEntryStore })[ENTRY_STORE_KEY] = store
}
