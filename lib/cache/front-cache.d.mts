// Types for the plain-JavaScript front cache that server.mjs loads (front-cache.mjs), for tests.
import type { IncomingMessage, ServerResponse } from 'node:http'

export function noteTagsExpired(): void
export function tagGeneration(): number
export function etagMatches(header: string, etag: string): boolean
export type FrontCache = {
  /** True when answered from memory; false when the caller must hand the request to Next. */
  serve(req: IncomingMessage, res: ServerResponse): boolean
  stats(): { hits: number; misses: number; stored: number; entries: number; bytes: number }
}
export function createFrontCache(opts: { pageCacheControl: string; maxBytes?: number; maxEntryBytes?: number; ttlMs?: number; now?: () => number }): FrontCache
