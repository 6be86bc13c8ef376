/**
 * The front cache (docs/decisions/021-front-cache.md): whole public responses, as Next sent them
 * (compressed, with their headers), kept in this process's memory and served without entering
 * Next. A cached page costs Next about 5 ms of CPU (routing, the page cache's read, headers,
 * gzip); from here it costs a lookup and a socket write, so fifty readers at once no longer queue
 * behind each other.
 *
 * Right by construction, never by guessing tags: every entry is dropped as soon as any cache tag
 * expires in this process (an expiry made here, or one read from the shared tag store by
 * lib/cache/page-cache-handler.mjs, which bumps the generation below). After a publish every
 * page is asked of Next again, which answers from its own tag-exact cache. Entries also age out
 * after `ttlMs`, which bounds what time-based lifetimes (cacheLife) could otherwise hide: the
 * first request for an aged entry asks Next again, and for up to `staleMs` more the readers who
 * come meanwhile get the aged copy at once instead of waiting behind that request (a tag expiry
 * still drops it at once).
 *
 * Only what any reader would get is kept: GET requests without cookies, credentials or Next's
 * client-navigation headers, answered 200 or 404 with the public page policy (ADR 010), no
 * Set-Cookie, and not a stale page Next serves while it renders a fresh one.
 *
 * Plain JavaScript: server.mjs imports it without a TypeScript loader.
 */

import { createRequire } from 'node:module'
import { withoutTrackingParams } from '../http/page-query.mjs'

const require = createRequire(import.meta.url)
// Next renders a page differently for crawlers ('dom': metadata as for browsers; 'html': blocking
// metadata in <head>), so each kind of reader gets its own copy.
const { getBotType } = require('next/dist/shared/lib/router/utils/is-bot')

const GENERATION_KEY = Symbol.for('warta.tagGeneration')
// A worker behind the cluster primary tells it (server.mjs), whose front cache then drops too.
const GENERATION_LISTENER = Symbol.for('warta.onTagGeneration')
// Next's bot patterns are tried on this much of the User-Agent at most: a long header of word
// characters would make them backtrack. Real crawlers name themselves well before that.
const USER_AGENT_CHARS = 512

/** Called by the page cache handler whenever a cache tag's expiry moved forward in this process. */
export function noteTagsExpired() {
  globalThis[GENERATION_KEY] = tagGeneration() + 1
  globalThis[GENERATION_LISTENER]?.()
}

export function tagGeneration() {
  return globalThis[GENERATION_KEY] ?? 0
}

/**
 * Whether an If-None-Match header names this ETag. Split and trimmed without a pattern: a
 * `\s*,\s*` split takes time quadratic in a run of spaces (150 ms for a 16 KB header).
 */
export function etagMatches(header, etag) {
  return header.split(',').some((tag) => tag.trim() === etag)
}

// Request headers that make Next answer something else than the page's HTML (client navigation,
// prefetches, the RSC payload), or that may make it answer for one person.
const BYPASS_HEADERS = ['cookie', 'authorization', 'rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url', 'next-action', 'range']
/**
 * Whether a request is what any reader asks for: a page read (GET or HEAD, not a build asset,
 * media or /api) without cookie, credentials or Next's own navigation headers. Only such requests
 * are kept here, and the cluster primary queues only these for a worker (lib/http/worker-proxy.mjs).
 * @param {import('node:http').IncomingMessage} req
 */
export function isAnonymousPageRead(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const url = req.url ?? '/'
  if (url.includes('_rsc=') || NOT_PAGES.test(url)) return false
  for (const name of BYPASS_HEADERS) if (req.headers[name] !== undefined) return false
  return true
}

// Response headers that belong to one response: never replayed.
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date'])
const STORABLE_STATUS = new Set([200, 404])
// Build assets, uploaded media and route handlers under /api: never a page, so never kept, and
// never moved (server.mjs skips the redirect check for them).
export const NOT_PAGES = /^\/(?:_next|media|api)\//

/**
 * @param {{ pageCacheControl: string, maxBytes?: number, maxEntryBytes?: number, ttlMs?: number, staleMs?: number, now?: () => number }} opts
 */
export function createFrontCache(opts) {
  const maxBytes = opts.maxBytes ?? 16 * 1024 * 1024
  const maxEntryBytes = opts.maxEntryBytes ?? 512 * 1024
  const ttlMs = opts.ttlMs ?? 10_000
  const staleMs = opts.staleMs ?? 20_000
  const now = opts.now ?? Date.now
  /** @type {Map<string, { status: number, headers: [string, string | string[]][], etag: string | undefined, body: Buffer, storedAt: number }>} */
  const entries = new Map()
  let bytes = 0
  let seenGeneration = tagGeneration()
  const stats = { hits: 0, staleHits: 0, misses: 0, stored: 0, coalesced: 0 }
  /**
   * Requests for a key whose response is on its way from Next for an earlier request: answered from
   * that response once it is kept, or handed on as they came when it cannot be. After a publish
   * empties the cache, a crowd on the homepage costs Next one render, not one per reader.
   * @type {Map<string, { req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, pass: (req: any, res: any) => void }[]>}
   */
  const waiting = new Map()
  /**
   * Keys whose response was kept here, most recent last, bounded: their next miss asks Next for
   * the page whole, so it can be kept again (see serve()).
   * @type {Set<string>}
   */
  const keptBefore = new Set()
  let keptBeforeChars = 0
  // Keys of pages kept before: a quarter of the entries' bound in characters (4 MB, some 20,000
  // ordinary keys, for the default 16 MB).
  const keptBeforeMaxChars = Math.max(64 * 1024, maxBytes / 4)
  /**
   * Requests on their way to Next for a page kept here before (dropped by a tag expiry, aged out or
   * pushed out): pages readers are reading, which the primary hands to a worker ahead of pages
   * nobody asked for lately (lib/http/worker-proxy.mjs).
   * @type {WeakSet<import('node:http').IncomingMessage>}
   */
  const refetching = new WeakSet()

  function rememberKept(key) {
    if (keptBefore.delete(key)) keptBeforeChars -= key.length
    keptBefore.add(key)
    keptBeforeChars += key.length
    for (const oldest of keptBefore) {
      if (keptBeforeChars <= keptBeforeMaxChars) break
      keptBefore.delete(oldest)
      keptBeforeChars -= oldest.length
    }
  }

  function forgetKept(key) {
    if (keptBefore.delete(key)) keptBeforeChars -= key.length
  }

  /** A tag expired since the entries were stored: drop them all, at once. */
  function dropIfTagsExpired() {
    if (tagGeneration() === seenGeneration) return
    seenGeneration = tagGeneration()
    entries.clear()
    bytes = 0
  }

  function remove(key) {
    const entry = entries.get(key)
    if (!entry) return
    entries.delete(key)
    bytes -= entry.body.byteLength + key.length
  }

  /** Null when this request must go to Next untouched; else its key. */
  function keyOf(req) {
    if (maxBytes <= 0 || !isAnonymousPageRead(req)) return null
    // A click from Facebook or an ad carries an id of its own: such readers share one copy
    // (the worker renders without them: lib/http/page-query.mjs, ADR 024).
    const url = withoutTrackingParams(req.url ?? '/')
    // Next chooses the encoding from Accept-Encoding: each value gets its own copy.
    const bot = getBotType((req.headers['user-agent'] ?? '').slice(0, USER_AGENT_CHARS)) ?? ''
    // Without SITE_URL, feeds, sitemaps and robots.txt print the address the request came in on
    // (lib/urls.ts requestSiteUrl): a copy made for one Host or X-Forwarded-* is never another's.
    const h = req.headers
    const address = `${h.host ?? ''}\n${h['x-forwarded-host'] ?? ''}\n${h['x-forwarded-proto'] ?? ''}`
    return `${bot}\n${h['accept-encoding'] ?? ''}\n${address}\n${url}`
  }

  /** The entry for a key, if no tag expired since it was kept and it is not past its stale time. */
  function lookup(key) {
    dropIfTagsExpired()
    const entry = entries.get(key)
    if (!entry) return undefined
    if (now() - entry.storedAt >= ttlMs + staleMs) {
      remove(key)
      return undefined
    }
    // Least recently used last: refresh this one's place.
    entries.delete(key)
    entries.set(key, entry)
    return entry
  }

  function send(req, res, entry) {
    const ifNoneMatch = req.headers['if-none-match']
    const notModified = entry.etag !== undefined && ifNoneMatch !== undefined && etagMatches(ifNoneMatch, entry.etag)
    for (const [name, value] of entry.headers) {
      if (notModified && (name === 'content-length' || name === 'content-encoding')) continue
      res.setHeader(name, value)
    }
    if (notModified) {
      res.statusCode = 304
      res.end()
      return
    }
    res.statusCode = entry.status
    // A HEAD answer says how long the GET's body is, as Next's own does.
    res.setHeader('content-length', entry.body.byteLength)
    res.end(req.method === 'HEAD' ? undefined : entry.body)
  }

  /** Answers the requests that waited for this key: from its entry, or by handing them on. */
  function release(key) {
    const queue = waiting.get(key)
    if (!queue) return
    waiting.delete(key)
    const entry = lookup(key)
    for (const waiter of queue) {
      // A reader who left while waiting needs nothing.
      if (waiter.res.destroyed) continue
      if (entry) {
        stats.hits += 1
        send(waiter.req, waiter.res, entry)
      } else {
        waiter.pass(waiter.req, waiter.res)
      }
    }
  }

  /** Whether a response, by its status and headers, may be kept (its body is checked at its end). */
  function storableHead(res) {
    if (!STORABLE_STATUS.has(res.statusCode)) return false
    const headers = res.getHeaders()
    if (headers['cache-control'] !== opts.pageCacheControl) return false
    if (headers['set-cookie'] !== undefined) return false
    // Next serves a page it is rendering again in the background as STALE: not for keeping.
    return String(headers['x-nextjs-cache'] ?? '').toUpperCase() !== 'STALE'
  }

  /**
   * Copies what Next writes, and stores it when the whole response is storable. The requests that
   * waited for it are answered as soon as it is clear whether it can be kept: at its first bytes
   * when it cannot, at its end when it was, or when it was cut off.
   */
  function capture(key, res) {
    const startGeneration = tagGeneration()
    const chunks = []
    let size = 0
    let tooBig = false
    let checked = false
    const write = res.write
    const end = res.end
    const checkHead = () => {
      if (checked) return
      checked = true
      if (storableHead(res)) return
      tooBig = true
      forgetKept(key)
      // An aged copy this was to replace is no longer what Next answers.
      remove(key)
      release(key)
    }
    // Cut off before its end (the reader left, or Next failed): nothing to keep.
    res.once('close', () => release(key))
    const take = (chunk, encoding) => {
      checkHead()
      if (tooBig || chunk == null || typeof chunk === 'function') return
      const buffer = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      size += buffer.byteLength
      if (size > maxEntryBytes) {
        tooBig = true
        forgetKept(key)
        remove(key)
        chunks.length = 0
        return
      }
      chunks.push(Buffer.from(buffer))
    }
    res.write = function (chunk, encoding, callback) {
      take(chunk, encoding)
      return write.call(this, chunk, encoding, callback)
    }
    res.end = function (chunk, encoding, callback) {
      take(chunk, encoding)
      const result = end.call(this, chunk, encoding, callback)
      store()
      release(key)
      return result
    }

    function store() {
      if (tooBig || !storableHead(res)) return
      // A tag expired while Next rendered: what it wrote may already be old.
      if (tagGeneration() !== startGeneration) return
      const headers = res.getHeaders()
      const body = Buffer.concat(chunks)
      const length = headers['content-length']
      dropIfTagsExpired()
      remove(key)
      // An aborted or partial response: never replay it.
      if (length !== undefined && Number(length) !== body.byteLength) return
      entries.set(key, {
        status: res.statusCode,
        // Served from here, the page is a cache hit, whatever Next's verdict on the first render.
        headers: Object.entries(headers)
          .filter(([name]) => !HOP_HEADERS.has(name))
          .map(([name, value]) => (name === 'x-nextjs-cache' ? [name, 'HIT'] : [name, value])),
        etag: typeof headers.etag === 'string' ? headers.etag : undefined,
        body,
        storedAt: now(),
      })
      // A key is as long as the URL and headers a client chose (up to Node's 16 KB): it counts.
      bytes += body.byteLength + key.length
      stats.stored += 1
      rememberKept(key)
      for (const [oldest] of entries) {
        if (bytes <= maxBytes) break
        remove(oldest)
      }
    }
  }

  return {
    /**
     * Answers the request from memory, or takes it to answer once the response an earlier request
     * is fetching for the same key arrives (handing it to `pass` if that cannot be kept), and
     * returns true. Returns false after arranging to keep what Next is about to send: the caller
     * then hands the request to Next itself.
     * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
     * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} pass
     */
    serve(req, res, pass) {
      const key = keyOf(req)
      if (key === null) return false
      const entry = lookup(key)
      if (entry) {
        const fresh = now() - entry.storedAt < ttlMs
        // An aged copy is fetched again by one GET; meanwhile (and for HEAD, which brings no body
        // to keep) readers get it as it is, rather than queueing behind a busy server process.
        if (fresh || req.method !== 'GET' || waiting.has(key)) {
          if (fresh) stats.hits += 1
          else stats.staleHits += 1
          send(req, res, entry)
          return true
        }
      } else {
        // HEAD answers carry no body to keep.
        if (req.method !== 'GET') {
          stats.misses += 1
          return false
        }
        const queue = waiting.get(key)
        if (queue) {
          stats.coalesced += 1
          queue.push({ req, res, pass })
          return true
        }
      }
      stats.misses += 1
      waiting.set(key, [])
      // Next would answer a reader whose copy is current with a 304, which holds no page to keep:
      // a page read mostly by readers reloading it would never be kept again once its entry aged
      // out, nor a crowd of them coalesced. For a key that was kept before, this one reader gets
      // the page whole instead (a server may always ignore a condition). Anything else (a feed
      // under another policy, a page never kept) keeps its condition and Next's 304.
      if (keptBefore.has(key)) {
        delete req.headers['if-none-match']
        delete req.headers['if-modified-since']
        refetching.add(req)
      }
      capture(key, res)
      return false
    },
    /**
     * Whether serve() just sent this request on to ask again for a page kept here before: one that
     * readers are reading (after a publish, every such page is asked for again at once).
     * @param {import('node:http').IncomingMessage} req
     */
    refetches: (req) => refetching.has(req),
    stats: () => ({ ...stats, entries: entries.size, bytes }),
  }
}
