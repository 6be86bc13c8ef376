/**
 * The `'use cache'` handler (next.config.ts `cacheHandlers.default`): entries in this process's
 * memory, shared tag expiry for every server process (docs/decisions/007-processes-and-shared-state.md),
 * and, with REDIS_URL set, entries shared by every server through Redis
 * (docs/decisions/018-shared-caching.md).
 *
 * Entries live in Next's own LRU handler in this process. What is shared is when each tag
 * expired. Next keeps that in one in-process map (`tagsManifest`), which both this handler and
 * the page cache (whole pages, `x-nextjs-cache`) consult before serving an entry, so keeping that
 * map in step across processes is all it takes:
 * - an expiry made here (updateTag in a server action, revalidateTag in /api/revalidate) is
 *   applied here at once by Next, and appended to the shared tag store;
 * - every POLL_MS, and before a request's first cached read, expiries appended by any process
 *   (this one, another server process, the scheduler, the import CLI) are applied to the map.
 *
 * With a shared entry store, an entry missing here is looked for there, and every entry made
 * here is written there too. An entry read from the store comes with the latest expiry of each
 * of its tags, applied to the map before the entry is judged: this process may have started
 * after that expiry, and then never read it from the log.
 *
 * The stores are installed on globalThis by instrumentation.ts (lib/cache/tag-store.ts,
 * lib/redis/cache-entries.ts): this file is loaded by Next outside its build, as plain
 * JavaScript, and must not import the app's code. Without stores (during `next build`) it
 * behaves like Next's default handler.
 */
import { createRequire } from 'node:module'
import { bytesSetting } from '../env-bytes.mjs'
import { noteTagsExpired } from './front-cache.mjs'

const require = createRequire(import.meta.url)
const { createDefaultCacheHandler } = require('next/dist/server/lib/cache-handlers/default')
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external')

const TAG_STORE_KEY = Symbol.for('warta.tagStore')
const ENTRY_STORE_KEY = Symbol.for('warta.cacheEntryStore')
const TAGS_EXPIRED_HERE = Symbol.for('warta.tagsExpiredHere')
const POLL_MS = Number(process.env.WARTA_TAG_POLL_MS) || 250
// A request's own refresh is skipped when a poll ran this recently.
const REFRESH_MIN_MS = 50
// Whole pages live in the page cache (cacheMaxMemorySize); these entries are the fragments pages
// are made of (site chrome, metadata, page bodies), needed only while a page is re-rendered.
const MAX_BYTES = useCacheBytes(process.env.WARTA_USE_CACHE_BYTES)

/** WARTA_USE_CACHE_BYTES: 16 MB unless set (32 MB until 2026-12-05, ADR 023), at least 1 MiB. */
export function useCacheBytes(raw) {
  return bytesSetting('WARTA_USE_CACHE_BYTES', raw, { fallback: 16 * 1024 * 1024, min: 1024 * 1024 })
}

/**
 * Applies expiries to Next's tag map. Each time only moves forward, so applying an expiry twice
 * (this process's own, read back from the store) or out of order changes nothing.
 */
export function applyTagEvents(events) {
  let moved = false
  for (const e of events) {
    const entry = { ...tagsManifest.get(e.tag) }
    if (e.staleAt != null && !(entry.stale >= e.staleAt)) {
      entry.stale = e.staleAt
      moved = true
    }
    if (e.expiredAt != null && !(entry.expired >= e.expiredAt)) {
      entry.expired = e.expiredAt
      moved = true
    }
    tagsManifest.set(e.tag, entry)
  }
  // The front cache (whole responses, served before Next) drops everything it holds.
  if (moved) noteTagsExpired()
}

/** Expiries in Next's own shape for the store: `durations` present means stale now, expired later. */
function toEvents(tags, durations, now) {
  return tags.map((tag) =>
    durations
      ? { tag, staleAt: now, expiredAt: durations.expire === undefined ? null : now + durations.expire * 1000 }
      : { tag, staleAt: null, expiredAt: now },
  )
}

/** The whole value, read once: the stream belongs to the request that made the entry. */
async function readAll(stream) {
  const chunks = []
  let size = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** A new single-use stream over stored bytes, for each reader. */
function streamOf(bytes) {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

function failingStream(error) {
  return new ReadableStream({
    start(controller) {
      controller.error(error)
    },
  })
}

/**
 * @typedef {{ append(events: object[]): Promise<void>, readSince(seq: number): Promise<Array<{ seq: number, tag: string, staleAt: number | null, expiredAt: number | null }>>, latestSeq(): Promise<number> }} TagStore
 * @typedef {{ get(cacheKey: string, softTags: string[]): Promise<null | { meta: object, bytes: Uint8Array, tagStates: object[] }>, set(cacheKey: string, meta: object, bytes: Uint8Array): Promise<void> }} EntryStore
 */

/**
 * A handler whose stores are looked up on every use (a server installs them after Next loaded
 * this module). Tests make several, one per simulated server.
 * @param {{ tagStore?: () => TagStore | undefined, entryStore?: () => EntryStore | undefined, maxBytes?: number, pollMs?: number | null }} [opts]
 */
export function createPageCacheHandler(opts = {}) {
  const tagStore = opts.tagStore ?? (() => globalThis[TAG_STORE_KEY])
  const entryStore = opts.entryStore ?? (() => globalThis[ENTRY_STORE_KEY])
  const local = createDefaultCacheHandler(opts.maxBytes ?? MAX_BYTES)

  /** Sequence number of the last expiry applied; null until the store first answers. */
  let cursor = null
  let lastPoll = 0
  let polling = null

  async function pollOnce() {
    const s = tagStore()
    if (!s) return
    lastPoll = Date.now()
    // This process's caches started empty: only expiries from now on can concern them (entries
    // read from the shared store bring their tags' expiries along).
    if (cursor === null) {
      cursor = await s.latestSeq()
      return
    }
    for (;;) {
      const events = await s.readSince(cursor)
      if (events.length === 0) return
      applyTagEvents(events)
      cursor = events[events.length - 1].seq
    }
  }

  // One line when polling starts failing and one when it recovers, not one per poll.
  let failing = false

  function poll() {
    polling ??= pollOnce()
      .then(() => {
        if (failing) console.error('Shared cache tags: polling works again')
        failing = false
      })
      .catch((error) => {
        if (!failing) console.error('Shared cache tags: poll failed; retrying every poll interval', error)
        failing = true
      })
      .finally(() => {
        polling = null
      })
    return polling
  }

  /** A poll that starts after this call: every expiry recorded before it is applied when it resolves. */
  async function pollFresh() {
    if (polling) await polling
    await poll()
  }

  if (opts.pollMs !== null) setInterval(poll, opts.pollMs ?? POLL_MS).unref()

  /** The entry from the shared store, put into the local LRU so the next read stays here. */
  async function fetchShared(cacheKey, softTags) {
    const shared = entryStore()
    if (!shared) return undefined
    let stored
    try {
      stored = await shared.get(cacheKey, softTags)
    } catch (error) {
      // A miss: the page renders from the database, as it would on a cold server.
      console.error('Shared cache: could not read an entry', { error })
      return undefined
    }
    if (!stored) return undefined
    applyTagEvents(stored.tagStates)
    await local.set(cacheKey, Promise.resolve({ ...stored.meta, value: streamOf(stored.bytes) }))
    // Judged like any local entry: age against revalidate, tags against the (updated) map.
    return local.get(cacheKey, softTags)
  }

  return {
    async get(cacheKey, softTags) {
      return (await local.get(cacheKey, softTags)) ?? fetchShared(cacheKey, softTags)
    },

    async set(cacheKey, pendingEntry) {
      // The value is read once, here; both the local LRU and the shared store get the bytes.
      // Next's local handler is handed its promise at once, so a read of this key meanwhile
      // waits for the entry instead of rendering it a second time.
      const read = pendingEntry.then(
        async ({ value, ...meta }) => {
          try {
            return { meta, bytes: await readAll(value) }
          } catch (error) {
            return { meta, error }
          }
        },
        // Never reject: Next's local handler would keep the key pending, and every later read
        // of it would wait for ever. `expire: 0` makes it store nothing.
        (error) => ({ meta: { tags: [], stale: 0, timestamp: 0, expire: 0, revalidate: 0 }, error }),
      )
      const stored = local.set(
        cacheKey,
        read.then(({ meta, bytes, error }) => ({ ...meta, value: error ? failingStream(error) : streamOf(bytes) })),
      )
      const { meta, bytes, error } = await read
      await stored
      // An interrupted value would make an incomplete page: the local handler drops it too.
      if (error) return
      // expire 0 is a dynamic entry that Next regenerates on every read (as the local handler).
      if (meta.expire === 0 && !process.env.__NEXT_DEV_SERVER) return
      const shared = entryStore()
      if (!shared) return
      try {
        await shared.set(cacheKey, meta, bytes)
      } catch (error) {
        // This process keeps it; the others render their own.
        console.error('Shared cache: could not store an entry', { error })
      }
    },

    getExpiration: (tags) => local.getExpiration(tags),

    async refreshTags() {
      if (Date.now() - lastPoll >= REFRESH_MIN_MS) await poll()
    },

    /**
     * Not part of Next's interface: server.mjs calls it before a signed-in person's page request.
     * Next asks `refreshTags` only before a `'use cache'` read, not before serving a whole page
     * from its page cache, so without this another process's expiry reaches those pages with the
     * next poll: a reporter who saved in one process and opened the story in another would see
     * the old version for up to a poll interval.
     */
    refreshNow: pollFresh,

    async updateTags(tags, durations) {
      const now = Date.now()
      await local.updateTags(tags, durations)
      if (tags.length > 0) noteTagsExpired()
      const s = tagStore()
      if (!s || tags.length === 0) return
      try {
        await s.append(toEvents(tags, durations, now))
        // The other processes of this server read it now rather than at their next poll
        // (server.mjs relays it through the cluster primary).
        globalThis[TAGS_EXPIRED_HERE]?.()
      } catch (error) {
        // This process has expired them; the others will serve the old pages until their own
        // expiry. Logged, never thrown: a failed write must not fail the action that made it.
        console.error('Shared cache tags: could not record an expiry for the other processes', { tags, error })
      }
    },
  }
}

const handler = createPageCacheHandler()
globalThis[Symbol.for('warta.refreshCacheTags')] = handler.refreshNow
export default handler
