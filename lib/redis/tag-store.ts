import 'server-only'
import type { TagEvent, TagExpiry, TagStore } from '@/lib/cache/tag-store'
import { type Redis, isUsable } from './client'
import { CACHE_ENTRY_MAX_TTL_MS, KEYS } from './keys'

/** Kept as long as the SQLite store keeps them (db/queries/cache-tag-events.ts). */
export const TAG_EVENT_RETENTION_MS = 60 * 60_000
const READ_LIMIT = 2000
// At most this many old expiries are dropped per append: a bounded cost that still outpaces
// what one append adds.
const TRIM_BATCH = 500

/*
 * The log (keys.ts): `tags:seq` hands out sequence numbers, `tags:events` holds each expiry as
 * "<seq> <createdAtMs> <JSON [tag, staleAt, expiredAt]>" scored by its seq (the seq keeps members
 * unique). Both scripts run atomically in Redis, so numbers are handed out and become visible
 * together: a reader never sees seq 8 before seq 7 exists.
 *
 * The append also keeps `tags:state`, each tag's latest stale and expired times, which the
 * shared cache entries are checked against when read (cache-entries.ts): a server that started
 * after an expiry never read it from the log, yet must not serve an entry made before it.
 * State is dropped CACHE_ENTRY_MAX_TTL_MS after a tag's latest expiry, when no entry made
 * before it can still be stored.
 */
const APPEND = `
local n = #ARGV - 3
local last = redis.call('INCRBY', KEYS[1], n)
local seq = last - n
for i = 1, n do
  seq = seq + 1
  local payload = ARGV[i + 3]
  redis.call('ZADD', KEYS[2], seq, seq .. ' ' .. ARGV[1] .. ' ' .. payload)
  local e = cjson.decode(payload)
  local tag, stale, expired = e[1], tonumber(e[2]), tonumber(e[3])
  local cur = redis.call('HGET', KEYS[3], tag)
  if cur then
    local s, x = string.match(cur, '^(%S+) (%S+)$')
    s, x = tonumber(s), tonumber(x)
    if s and (not stale or s > stale) then stale = s end
    if x and (not expired or x > expired) then expired = x end
  end
  redis.call('HSET', KEYS[3], tag, (stale and string.format('%d', stale) or '-') .. ' ' .. (expired and string.format('%d', expired) or '-'))
  redis.call('ZADD', KEYS[4], math.max(stale or 0, expired or 0), tag)
end
local oldest = redis.call('ZRANGE', KEYS[2], 0, ${TRIM_BATCH - 1})
local cutoff = tonumber(ARGV[2])
local old = 0
for _, member in ipairs(oldest) do
  local at = tonumber(string.match(member, '^%d+ (%d+) '))
  if at >= cutoff then break end
  old = old + 1
end
if old > 0 then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, old - 1) end
local gone = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[3], 'LIMIT', 0, ${TRIM_BATCH})
if #gone > 0 then
  redis.call('HDEL', KEYS[3], unpack(gone))
  redis.call('ZREM', KEYS[4], unpack(gone))
end
return last
`

// A counter below the reader's cursor means Redis lost its data (a restart without
// persistence, a flush): the numbers start over, so the reader gets everything kept and
// catches up, instead of waiting for numbers it has already passed.
const READ_SINCE = `
local counter = tonumber(redis.call('GET', KEYS[1]) or '0')
local from = tonumber(ARGV[1])
if counter < from then from = 0 end
return redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. from, '+inf', 'LIMIT', 0, tonumber(ARGV[2]))
`

type TagScripts = Redis & {
  wartaTagAppend(
    counter: string,
    events: string,
    state: string,
    stateAt: string,
    now: number,
    eventCutoff: number,
    stateCutoff: number,
    ...payloads: string[]
  ): Promise<number>
  wartaTagReadSince(counter: string, events: string, seq: number, limit: number): Promise<string[]>
}

function withScripts(redis: Redis): TagScripts {
  const r = redis as TagScripts
  if (typeof r.wartaTagAppend !== 'function') {
    redis.defineCommand('wartaTagAppend', { numberOfKeys: 4, lua: APPEND })
    redis.defineCommand('wartaTagReadSince', { numberOfKeys: 2, lua: READ_SINCE })
  }
  return r
}

const COUNTER = KEYS.tagSeq
const EVENTS = KEYS.tagEvents

function parseMember(member: string): TagEvent {
  const first = member.indexOf(' ')
  const second = member.indexOf(' ', first + 1)
  const [tag, staleAt, expiredAt] = JSON.parse(member.slice(second + 1)) as [string, number | null, number | null]
  return { seq: Number(member.slice(0, first)), tag, staleAt, expiredAt }
}

/** Parses a `tags:state` value ("staleAt expiredAt", "-" for none). */
export function parseTagState(tag: string, value: string): { tag: string; staleAt: number | null; expiredAt: number | null } {
  const [stale = '-', expired = '-'] = value.split(' ')
  return { tag, staleAt: stale === '-' ? null : Number(stale), expiredAt: expired === '-' ? null : Number(expired) }
}

/** Expiries kept in Redis, for servers on several machines (the same contract as the SQLite store). */
export function redisTagStore(redis: Redis, opts: { now?: () => number } = {}): TagStore {
  const r = withScripts(redis)
  const now = opts.now ?? Date.now
  // During an outage fail at once: the cache handler polls before a request's first cached
  // read, and that request must not wait for a reconnect.
  const usable = () => {
    if (!isUsable(redis)) throw new Error('Redis is not connected')
  }
  return {
    async append(events: readonly TagExpiry[]) {
      if (events.length === 0) return
      usable()
      const at = now()
      // Many tags at once (an import) go in slices, so no one script holds Redis for long.
      for (let i = 0; i < events.length; i += 500) {
        const payloads = events.slice(i, i + 500).map((e) => JSON.stringify([e.tag, e.staleAt, e.expiredAt]))
        await r.wartaTagAppend(
          COUNTER,
          EVENTS,
          KEYS.tagState,
          KEYS.tagStateAt,
          at,
          at - TAG_EVENT_RETENTION_MS,
          at - CACHE_ENTRY_MAX_TTL_MS,
          ...payloads,
        )
      }
    },
    async readSince(seq: number) {
      usable()
      const members = await r.wartaTagReadSince(COUNTER, EVENTS, seq, READ_LIMIT)
      return members.map(parseMember)
    },
    async latestSeq() {
      usable()
      return Number((await redis.get(COUNTER)) ?? 0)
    },
  }
}
