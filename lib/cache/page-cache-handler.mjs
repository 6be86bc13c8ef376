/**
 * The `'use cache'` handler (next.config.ts `cacheHandlers.default`), shared tag expiry for every
 * server process on one database (docs/decisions/007-processes-and-shared-state.md).
 *
 * Entries stay in this process's memory: Next's own LRU handler keeps them. What is shared is
 * when each tag expired. Next keeps that in one in-process map (`tagsManifest`), which both this
 * handler and the page cache (whole pages, `x-nextjs-cache`) consult before serving an entry, so
 * keeping that map in step across processes is all it takes:
 * - an expiry made here (updateTag in a server action, revalidateTag in /api/revalidate) is
 *   applied here at once by Next, and appended to the shared tag store;
 * - every POLL_MS, and before a request's first cached read, expiries appended by any process
 *   (this one, another server process, the scheduler, the import CLI) are applied to the map.
 *
 * The store is installed on globalThis by instrumentation.ts (lib/cache/tag-store.ts): this file
 * is loaded by Next outside its build, as plain JavaScript, and must not import the app's code.
 * Without a store (during `next build`) it behaves like Next's default handler.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { createDefaultCacheHandler } = require('next/dist/server/lib/cache-handlers/default')
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external')

const STORE_KEY = Symbol.for('warta.tagStore')
const POLL_MS = Number(process.env.WARTA_TAG_POLL_MS) || 250
// A request's own refresh is skipped when a poll ran this recently.
const REFRESH_MIN_MS = 50
// Whole pages live in the page cache (cacheMaxMemorySize); these entries are the fragments pages
// are made of (site chrome, metadata, page bodies), needed only while a page is re-rendered.
const MAX_BYTES = Number(process.env.WARTA_USE_CACHE_BYTES) || 32 * 1024 * 1024

const local = createDefaultCacheHandler(MAX_BYTES)

/** @returns {undefined | { append(events: object[]): Promise<void>, readSince(seq: number): Promise<Array<{ seq: number, tag: string, staleAt: number | null, expiredAt: number | null }>>, latestSeq(): Promise<number> }} */
function store() {
  return globalThis[STORE_KEY]
}

/**
 * Applies expiries to Next's tag map. Each time only moves forward, so applying an expiry twice
 * (this process's own, read back from the store) or out of order changes nothing.
 */
export function applyTagEvents(events) {
  for (const e of events) {
    const entry = { ...tagsManifest.get(e.tag) }
    if (e.staleAt != null && !(entry.stale >= e.staleAt)) entry.stale = e.staleAt
    if (e.expiredAt != null && !(entry.expired >= e.expiredAt)) entry.expired = e.expiredAt
    tagsManifest.set(e.tag, entry)
  }
}

/** Sequence number of the last expiry applied; null until the store first answers. */
let cursor = null
let lastPoll = 0
let polling = null

async function pollOnce() {
  const s = store()
  if (!s) return
  lastPoll = Date.now()
  // This process's caches started empty: only expiries from now on can concern them.
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

function poll() {
  polling ??= pollOnce()
    .catch((error) => console.error('Shared cache tags: poll failed', error))
    .finally(() => {
      polling = null
    })
  return polling
}

setInterval(poll, POLL_MS).unref()

/** Expiries in Next's own shape for the store: `durations` present means stale now, expired later. */
function toEvents(tags, durations, now) {
  return tags.map((tag) =>
    durations
      ? { tag, staleAt: now, expiredAt: durations.expire === undefined ? null : now + durations.expire * 1000 }
      : { tag, staleAt: null, expiredAt: now },
  )
}

export default {
  get: (cacheKey, softTags) => local.get(cacheKey, softTags),
  set: (cacheKey, pendingEntry) => local.set(cacheKey, pendingEntry),
  getExpiration: (tags) => local.getExpiration(tags),

  async refreshTags() {
    if (Date.now() - lastPoll >= REFRESH_MIN_MS) await poll()
  },

  async updateTags(tags, durations) {
    const now = Date.now()
    await local.updateTags(tags, durations)
    const s = store()
    if (!s || tags.length === 0) return
    try {
      await s.append(toEvents(tags, durations, now))
    } catch (error) {
      // This process has expired them; the others will serve the old pages until their own
      // expiry. Logged, never thrown: a failed write must not fail the action that made it.
      console.error('Shared cache tags: could not record an expiry for the other processes', { tags, error })
    }
  },
}
