import { afterAll, describe, expect, it, vi } from 'vitest'
import { openTestRedis } from '@/tests/redis'
import { CACHE_ENTRY_MAX_TTL_MS } from './keys'
import { TAG_EVENT_RETENTION_MS, parseTagState, redisTagStore } from './tag-store'

const redis = await openTestRedis('lib/redis/tag-store.test.ts')

describe.skipIf(!redis)('Redis tag store', () => {
  afterAll(() => redis?.cleanup())

  it('lets two processes read each other’s expiries, in the order they were made', async () => {
    const a = redisTagStore(redis!.connect())
    const b = redisTagStore(redis!.connect())
    const start = await b.latestSeq()
    await a.append([{ tag: 'home', staleAt: null, expiredAt: 1000 }])
    await b.append([
      { tag: 'article:7', staleAt: 2000, expiredAt: null },
      { tag: 'label:3', staleAt: 2000, expiredAt: 9000 },
    ])
    await a.append([{ tag: 'home', staleAt: null, expiredAt: 3000 }])

    const seenByB = await b.readSince(start)
    expect(seenByB.map((e) => [e.tag, e.staleAt, e.expiredAt])).toEqual([
      ['home', null, 1000],
      ['article:7', 2000, null],
      ['label:3', 2000, 9000],
      ['home', null, 3000],
    ])
    expect(seenByB.map((e) => e.seq)).toEqual([start + 1, start + 2, start + 3, start + 4])
    expect(await a.readSince(start)).toEqual(seenByB)
    expect(await a.latestSeq()).toBe(start + 4)
    expect(await b.readSince(start + 4)).toEqual([])
    expect((await b.readSince(start + 2)).map((e) => e.tag)).toEqual(['label:3', 'home'])
  })

  it('hands out distinct, gapless numbers to concurrent appends', async () => {
    const stores = [redisTagStore(redis!.connect()), redisTagStore(redis!.connect())]
    const start = await stores[0]!.latestSeq()
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % 2]!.append([{ tag: `t${i}`, staleAt: null, expiredAt: i }])),
    )
    const events = await stores[1]!.readSince(start)
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => start + i + 1))
    expect(new Set(events.map((e) => e.tag)).size).toBe(40)
  })

  it('drops expiries older than an hour when new ones arrive', async () => {
    let clock = Date.now()
    const store = redisTagStore(redis!.connect(), { now: () => clock })
    const start = await store.latestSeq()
    await store.append([{ tag: 'old', staleAt: null, expiredAt: clock }])
    clock += TAG_EVENT_RETENTION_MS - 1
    await store.append([{ tag: 'recent', staleAt: null, expiredAt: clock }])
    expect((await store.readSince(start)).map((e) => e.tag)).toEqual(['old', 'recent'])
    clock += 2
    await store.append([{ tag: 'new', staleAt: null, expiredAt: clock }])
    expect((await store.readSince(start)).map((e) => e.tag)).toEqual(['recent', 'new'])
  })

  it('starts a reader over when Redis lost its data, instead of waiting for numbers it passed', async () => {
    const client = redis!.connect()
    const store = redisTagStore(client)
    await store.append([{ tag: 'before', staleAt: null, expiredAt: 1 }])
    const cursor = await store.latestSeq()
    await client.del('tags:seq', 'tags:events')
    await store.append([{ tag: 'after', staleAt: null, expiredAt: 2 }])
    expect(await store.readSince(cursor)).toEqual([{ seq: 1, tag: 'after', staleAt: null, expiredAt: 2 }])
  })

  it('keeps each tag’s latest expiry until no stored entry can predate it', async () => {
    let clock = Date.now()
    const client = redis!.connect()
    const store = redisTagStore(client, { now: () => clock })
    await store.append([{ tag: 'label:9', staleAt: clock, expiredAt: clock + 5000 }])
    await store.append([{ tag: 'label:9', staleAt: null, expiredAt: clock + 1000 }])
    await store.append([{ tag: 'article:1', staleAt: null, expiredAt: clock }])
    expect(parseTagState('label:9', (await client.hget('tags:state', 'label:9'))!)).toEqual({ tag: 'label:9', staleAt: clock, expiredAt: clock + 5000 })
    expect(parseTagState('article:1', (await client.hget('tags:state', 'article:1'))!)).toEqual({ tag: 'article:1', staleAt: null, expiredAt: clock })

    clock += CACHE_ENTRY_MAX_TTL_MS + 1
    await store.append([{ tag: 'home', staleAt: null, expiredAt: clock }])
    expect(await client.hget('tags:state', 'article:1')).toBeNull()
    expect(await client.hget('tags:state', 'label:9')).not.toBeNull() // its expiry lies 5 s later
    expect(await client.hget('tags:state', 'home')).not.toBeNull()
  })

  it('receives expiries from a CLI (expireTags) when REDIS_URL is set', async () => {
    const saved = { url: process.env.REDIS_URL, prefix: process.env.REDIS_PREFIX }
    process.env.REDIS_URL = redis!.url
    process.env.REDIS_PREFIX = redis!.prefix
    vi.resetModules()
    const { expireTags } = await import('@/lib/cache/expire')
    const { closeRedis } = await import('./client')
    const reader = redisTagStore(redis!.connect())
    const before = await reader.latestSeq()
    try {
      await expireTags(['label:cli', 'home'])
      expect((await reader.readSince(before)).map((e) => [e.tag, e.staleAt])).toEqual([
        ['label:cli', null],
        ['home', null],
      ])
    } finally {
      await closeRedis()
      for (const [key, value] of [['REDIS_URL', saved.url], ['REDIS_PREFIX', saved.prefix]] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
      vi.resetModules()
    }
  })
})
