// Types for the plain-JavaScript front cache that server.mjs loads (front-cache.mjs), for tests.
import type { IncomingMessage, ServerResponse } from 'node:http'

export const NOT_PAGES: RegExp
export function isAnonymousPageRead(req: IncomingMessage): boolean
export function noteTagsExpired(): void
export function tagGeneration(): number
export function etagMatches(header: string, etag: string): boolean
export type FrontCache = {
  /**
   * True when answered from memory, or taken to be answered from a response already on its way
   * (or handed to `pass` if that cannot be kept); false when the caller must hand the request to Next.
   */
  serve(req: IncomingMessage, res: ServerResponse, pass: (req: IncomingMessage, res: ServerResponse) => void): boolean
  stats(): { hits: number; staleHits: number; misses: number; stored: number; coalesced: number; entries: number; bytes: number }
}
export function createFrontCache(opts: { pageCacheControl: string; maxBytes?: number; maxEntryBytes?: number; ttlMs?: number; staleMs?: number; now?: () => number }): FrontCache
