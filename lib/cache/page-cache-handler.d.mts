// Types for the plain-JavaScript handler that Next loads (page-cache-handler.mjs), for tests.
import type { CacheHandler } from 'next/cache'

export type TagEventLike = { tag: string; staleAt: number | null; expiredAt: number | null }
export type SharedTagStore = {
  append(events: readonly TagEventLike[]): Promise<void>
  readSince(seq: number): Promise<Array<TagEventLike & { seq: number }>>
  latestSeq(): Promise<number>
}
export type EntryMetaLike = { tags: string[]; stale: number; timestamp: number; expire: number; revalidate: number }
export type SharedEntryStore = {
  get(cacheKey: string, softTags: readonly string[]): Promise<null | { meta: EntryMetaLike; bytes: Uint8Array; tagStates: TagEventLike[] }>
  set(cacheKey: string, meta: EntryMetaLike, bytes: Uint8Array): Promise<void>
}

export function applyTagEvents(events: readonly TagEventLike[]): void
export function createPageCacheHandler(opts?: {
  tagStore?: () => SharedTagStore | undefined
  entryStore?: () => SharedEntryStore | undefined
  maxBytes?: number
  /** null: no polling timer (tests call refreshTags). */
  pollMs?: number | null
}): CacheHandler & { refreshNow(): Promise<void> }
declare const handler: CacheHandler
export default handler
export function useCacheBytes(raw: string | undefined): number
