import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import readline from 'node:readline'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createPageCacheHandler } from '@/lib/cache/page-cache-handler.mjs'
import { openTestRedis } from '@/tests/redis'
import { MAX_SHARED_ENTRY_BYTES, redisCacheEntryStore } from './cache-entries'
import { createRedisClient } from './client'
import { redisTagStore } from './tag-store'

const redis = await openTestRedis('lib/redis/cache-entries.test.ts')

// Next's tag map is one per process; each handler below stands for a server process, so the
// map is cleared wherever a real second process would not have seen this one's expiry.
const { tagsManifest } = createRequire(import.meta.url)('next/dist/server/lib/incremental-cache/tags-manifest.external') as {
  tagsManifest: Map<string, { stale?: number; expired?: number }>
}

type Entry = { value: ReadableStream<Uint8Array>; tags: string[]; stale: number; timestamp: number; expire: number; revalidate: number }
type Handler = {
  get(key: string, softTags: string[]): Promise<Entry | undefined>
  set(key: string, pending: Promise<Entry>): Promise<void>
  refreshTags(): Promise<void>
  updateTags(tags: string[], durations?: { expire?: number }): Promise<void>
}

/** One server process: its own local LRU and connection, the run's shared Redis. */
async function server(): Promise<Handler> {
  const client = await redis!.connectReady()
  const tags = redisTagStore(client)
  const entries = redisCacheEntryStore(client)
  return createPageCacheHandler({ tagStore: () => tags, entryStore: () => entries, pollMs: null }) as Handler
}

function entry(body: string | Uint8Array, over: Partial<Omit<Entry, 'value'>> = {}): Entry {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
  // Two chunks, as a render streams them.
  const half = Math.floor(bytes.length / 2)
  return {
    value: new ReadableStream({
      start(c) {
        c.enqueue(bytes.slice(0, half))
        c.enqueue(bytes.slice(half))
        c.close()
      },
    }),
    tags: ['home'],
    stale: 300,
    timestamp: Date.now(),
    expire: 365 * 86400,
    revalidate: 30 * 86400,
    ...over,
  }
}

async function text(e: Entry | undefined): Promise<string | undefined> {
  return e ? new Response(e.value).text() : undefined
}

let n = 0
const key = () => `["build-1","fn-${++n}",[]]`

// A running server has polled once (its interval) before anything below happens to it.
async function started(h: Handler): Promise<Handler> {
  await h.refreshTags()
  await sleep(60)
  return h
}

/** A real second server process (tests/redis-handler-child.mts), driven line by line. */
async function otherProcess() {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [path.resolve('node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'tests/redis-handler-child.mts', redis!.url, redis!.prefix],
    { stdio: 'pipe' },
  )
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async () => JSON.parse((await lines.next()).value as string) as Record<string, unknown>
  expect(await next()).toEqual({ ready: true })
  return {
    async ask(command: object) {
      child.stdin.write(`${JSON.stringify(command)}\n`)
      return next()
    },
    quit() {
      child.stdin.end(`${JSON.stringify({ op: 'quit' })}\n`)
    },
  }
}

describe.skipIf(!redis)('the use-cache handler with entries in Redis', () => {
  afterAll(() => redis?.cleanup())
  beforeEach(() => tagsManifest.clear())

  it('serves an entry made by one server to another, as a fresh stream on every read', async () => {
    const a = await server()
    const b = await server()
    const k = key()
    const made = entry('<p>Berita utama</p>', { tags: ['home', 'article:7'] })
    await a.set(k, Promise.resolve(made))

    const first = await b.get(k, [])
    expect(first).toMatchObject({ tags: ['home', 'article:7'], stale: 300, timestamp: made.timestamp, expire: made.expire, revalidate: made.revalidate })
    expect(await text(first)).toBe('<p>Berita utama</p>')
    expect(await text(await b.get(k, []))).toBe('<p>Berita utama</p>')
    expect(await text(await a.get(k, []))).toBe('<p>Berita utama</p>')
  })

  it('keeps binary values byte for byte', async () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)
    const a = await server()
    const k = key()
    await a.set(k, Promise.resolve(entry(bytes)))
    const got = await (await server()).get(k, [])
    expect(new Uint8Array(await new Response(got!.value).arrayBuffer())).toEqual(bytes)
  })

  it('stops serving an entry on another server once its tag expires there', async () => {
    const a = await server()
    const b = await started(await server())
    const k = key()
    await a.set(k, Promise.resolve(entry('lama', { tags: ['label:3'] })))
    expect(await text(await b.get(k, []))).toBe('lama')

    await a.updateTags(['label:3'])
    tagsManifest.clear() // b's memory never saw a's expiry
    expect(await text(await b.get(k, []))).toBe('lama') // served from b's own LRU until b polls
    await b.refreshTags()
    expect(await b.get(k, [])).toBeUndefined()
  })

  it('refuses an entry made before an expiry to a server that started after it', async () => {
    const a = await server()
    const expired = key()
    const stale = key()
    await a.set(expired, Promise.resolve(entry('lama', { tags: ['article:9'] })))
    await a.set(stale, Promise.resolve(entry('agak lama', { tags: ['label:4'] })))
    await sleep(2)
    await a.updateTags(['article:9'])
    await a.updateTags(['label:4'], { expire: 3600 })
    tagsManifest.clear()

    const c = await started(await server())
    expect(await c.get(expired, [])).toBeUndefined()
    // Stale: served once more while Next renders a fresh one in the background.
    expect(await c.get(stale, [])).toMatchObject({ revalidate: -1 })
  })

  it('checks soft tags (revalidatePath) of an entry read from Redis', async () => {
    const a = await server()
    const k = key()
    await a.set(k, Promise.resolve(entry('halaman', { tags: [] })))
    await sleep(2)
    await a.updateTags(['_N_T_/label/berita'])
    tagsManifest.clear()
    // Next compares soft tags through getExpiration, which reads the map the entry's read updated.
    const c = (await server()) as Handler & { getExpiration(tags: string[]): Promise<number> }
    const got = await c.get(k, ['_N_T_/label/berita'])
    expect(await c.getExpiration(['_N_T_/label/berita'])).toBeGreaterThan(got!.timestamp)
  })

  it('serves an entry made after the expiry', async () => {
    const a = await server()
    await a.updateTags(['penulis:2'])
    await sleep(2)
    const k = key()
    await a.set(k, Promise.resolve(entry('baru', { tags: ['penulis:2'] })))
    tagsManifest.clear()
    expect(await text(await (await server()).get(k, []))).toBe('baru')
  })

  it('keeps oversized, dynamic and interrupted values out of Redis', async () => {
    const a = await server()
    const big = key()
    await a.set(big, Promise.resolve(entry(new Uint8Array(MAX_SHARED_ENTRY_BYTES + 1))))
    expect(await a.get(big, [])).toBeDefined()
    expect(await (await server()).get(big, [])).toBeUndefined()

    const dynamic = key()
    await a.set(dynamic, Promise.resolve(entry('per permintaan', { expire: 0 })))
    expect(await (await server()).get(dynamic, [])).toBeUndefined()

    const broken = key()
    const interrupted = entry('x')
    interrupted.value = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('<p>setengah'))
        c.error(new Error('render failed'))
      },
    })
    await a.set(broken, Promise.resolve(interrupted))
    expect(await a.get(broken, [])).toBeUndefined()
    expect(await (await server()).get(broken, [])).toBeUndefined()

    // A render that failed before its entry existed: later reads miss instead of waiting.
    const failed = key()
    await a.set(failed, Promise.reject(new Error('render failed')))
    expect(await a.get(failed, [])).toBeUndefined()
  })

  it('lets Redis drop an entry when the handler would stop serving it', async () => {
    const client = await redis!.connectReady()
    const store = redisCacheEntryStore(client)
    const k = key()
    const meta = { tags: [], stale: 300, timestamp: Date.now() - 10_000, expire: 3600, revalidate: 60 }
    await store.set(k, meta, new Uint8Array([1, 2, 3]))
    const keys = await client.keys(`${redis!.prefix}uc:*`)
    const ttls = await Promise.all(keys.map((full) => client.pttl(full.slice(redis!.prefix.length))))
    expect(ttls.some((ttl) => ttl > 45_000 && ttl <= 50_000)).toBe(true)
    expect(ttls.every((ttl) => ttl > 0 && ttl <= 7 * 86_400_000)).toBe(true)

    const past = key()
    await store.set(past, { ...meta, timestamp: Date.now() - 61_000 }, new Uint8Array([1]))
    expect(await store.get(past, [])).toBeNull()
  })

  it('answers at once from memory while Redis is unreachable', async () => {
    const down = createRedisClient('redis://127.0.0.1:1', redis!.prefix)
    await new Promise((resolve) => down.once('error', resolve))
    try {
      const local = createPageCacheHandler({
        tagStore: () => redisTagStore(down),
        entryStore: () => redisCacheEntryStore(down),
        pollMs: null,
      }) as Handler
      const k = key()
      const start = performance.now()
      await local.refreshTags()
      await local.updateTags(['home'])
      await local.set(k, Promise.resolve(entry('tetap jalan')))
      expect(await text(await local.get(k, []))).toBe('tetap jalan')
      expect(await local.get(key(), [])).toBeUndefined()
      expect(performance.now() - start).toBeLessThan(200)
    } finally {
      down.disconnect()
    }
  })

  it('works across real processes: entries shared, expiries seen after a poll or with the entry', async () => {
    const a = await server()
    const k = key()
    await a.set(k, Promise.resolve(entry('dari A', { tags: ['label:77'] })))
    const b = await otherProcess()
    try {
      expect(await b.ask({ op: 'get', key: k })).toEqual({ found: true, text: 'dari A', revalidate: 30 * 86400 })
      await a.updateTags(['label:77'])
      // b keeps its copy until it polls; then it is gone.
      expect(await b.ask({ op: 'get', key: k })).toMatchObject({ found: true })
      await b.ask({ op: 'refresh' })
      expect(await b.ask({ op: 'get', key: k })).toEqual({ found: false })
    } finally {
      b.quit()
    }

    // A process started after the expiry never read it from the log, and still refuses the entry.
    const old = key()
    await a.set(old, Promise.resolve(entry('lama', { tags: ['article:77'] })))
    await sleep(2)
    await a.updateTags(['article:77'])
    const fresh = key()
    await a.set(fresh, Promise.resolve(entry('baru', { tags: ['article:77'] })))
    const c = await otherProcess()
    try {
      expect(await c.ask({ op: 'get', key: old })).toEqual({ found: false })
      expect(await c.ask({ op: 'get', key: fresh })).toMatchObject({ found: true, text: 'baru' })
    } finally {
      c.quit()
    }
  })
})
