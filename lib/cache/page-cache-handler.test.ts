import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { tagGeneration } from './front-cache.mjs'
import { createPageCacheHandler, type SharedTagStore, type TagEventLike, useCacheBytes } from './page-cache-handler.mjs'

const { tagsManifest } = createRequire(import.meta.url)('next/dist/server/lib/incremental-cache/tags-manifest.external') as {
  tagsManifest: Map<string, { stale?: number; expired?: number }>
}

/** A tag store whose reads the test releases one by one, as a slow database would answer them. */
function slowStore() {
  const events: Array<TagEventLike & { seq: number }> = []
  const held: Array<() => void> = []
  const store: SharedTagStore = {
    async append(added) {
      for (const e of added) events.push({ ...e, seq: events.length + 1 })
    },
    async readSince(seq) {
      // What the read sees is fixed when it starts; it answers when released.
      const seen = events.filter((e) => e.seq > seq)
      await new Promise<void>((resolve) => held.push(resolve))
      return seen
    },
    async latestSeq() {
      return events.length
    },
  }
  return { store, held, releaseAll: () => held.splice(0).forEach((release) => release()) }
}

describe('refreshNow (server.mjs, before a signed-in request)', () => {
  it('applies an expiry recorded while an earlier poll was already reading, which refreshTags would miss', async () => {
    const { store, held, releaseAll } = slowStore()
    const handler = createPageCacheHandler({ tagStore: () => store, pollMs: null })
    await handler.refreshNow() // the first poll only sets where this process starts reading
    const tag = `refresh-now-${Date.now()}`

    // A poll is reading when a save in another process records its expiry.
    const earlier = handler.refreshNow()
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(held).toHaveLength(1)
    await store.append([{ tag, staleAt: null, expiredAt: Date.now() }])
    const generation = tagGeneration()

    const fresh = handler.refreshNow()
    releaseAll()
    await earlier
    expect(tagsManifest.get(tag)).toBeUndefined()
    // The fresh refresh waited for the earlier poll and reads again (until a read finds nothing).
    const answering = setInterval(releaseAll, 2)
    await fresh
    clearInterval(answering)
    expect(tagsManifest.get(tag)?.expired).toBeGreaterThan(0)
    expect(tagGeneration()).toBe(generation + 1)
  })
})

describe('WARTA_USE_CACHE_BYTES', () => {
  it('sizes the fragment store, 16 MB unless set, and refuses a value that is not a size', () => {
    expect(useCacheBytes(undefined)).toBe(16 * 1024 * 1024)
    expect(useCacheBytes('')).toBe(16 * 1024 * 1024)
    expect(useCacheBytes(String(32 * 1024 * 1024))).toBe(32 * 1024 * 1024)
    for (const bad of ['16MB', '-1', '1000', '20000000.5']) expect(() => useCacheBytes(bad), bad).toThrow(/WARTA_USE_CACHE_BYTES/)
  })
})
