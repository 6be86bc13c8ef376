/**
 * The cluster primary's request handler (docs/decisions/022-primary-front.md): with several server
 * processes, the primary holds the public port, answers what the front cache holds itself, and
 * hands every other request to the worker with the fewest requests in flight, over that worker's
 * own Unix socket.
 *
 * Why: a worker's event loop runs Next's renders, 40–60 ms of CPU each. A cached page answered by
 * a worker waits behind whatever render that worker is in; answered here, by a process that never
 * renders, it waits for nothing but its turn. Handing a render to the least busy worker, not the
 * next one in turn, keeps a second render from queueing behind a first while the other worker idles.
 * Between workers equally busy, the first in the list wins, not the next in turn: below full load
 * one worker does the renders, with its code and data warm in the CPU's caches, and the others
 * take what it cannot (measured with one reader at a time: about 7 % less CPU per cold render than
 * with the renders taken in turn; ADR 022).
 *
 * A worker is given one anonymous page request at a time (two on PostgreSQL, whose queries leave
 * the event loop idle while they travel; server.mjs chooses); more wait here. Renders that share
 * one event loop take turns, so each one in flight adds its turns to every other request's wait
 * there: a reporter's save, whose handling crosses the loop several times, waited behind eight
 * crawlers' and searchers' renders. Everything else (a request with a cookie or credentials, a form
 * post, build assets, media, /api) goes to a worker at once. A cookie is no privilege: a client
 * that sends one is served as before this queue. A page's place is free once the worker has sent
 * the page, not once a slow reader has received it: the primary holds the rest.
 *
 * The waiting reads go in the order they came, except that a page the front cache held before and
 * asks for again goes ahead of the rest: it is a page readers are reading (after a publish, every
 * one of them is asked for again at once), most often still in Next's own cache and answered in a
 * few milliseconds, where the rest are mostly crawlers' and searchers' renders. Such refetches are
 * few (one per page; its other readers wait for that answer in the front cache), so the rest are
 * not kept waiting long. The wait is bounded twice: past MAX_WAITING waiting, or after MAX_WAIT_MS
 * of waiting, a page read is answered 503 with Retry-After.
 *
 * What the worker sees is what it would have seen from the client: the method, URL, headers and
 * body, with the client's socket address stamped in a header only this server can write (a nonce
 * shared with the workers at fork; lib/http/client-address.ts), and X-Forwarded-For filled in when
 * the client sent none, as Next does for a direct connection. What the client sees is what the
 * worker sent, streamed, with the connection's own headers left to this hop.
 *
 * Plain JavaScript: server.mjs imports it without a TypeScript loader.
 */
import http from 'node:http'
import { isAnonymousPageRead } from '../cache/front-cache.mjs'
import { serverFront } from '../i18n/server-front.mjs'

/** Anonymous page requests one worker is given at once, by default; more wait in the primary. */
export const PAGES_PER_WORKER = 1
/** Page requests waiting for a worker past this are refused at once with 503 (a flood, not a crowd). */
export const MAX_WAITING = 512
/**
 * A page read that has waited this long for a place is answered 503 instead. Renders take tens of
 * milliseconds, so even a full queue drains in seconds; a wait this long means the workers are stuck
 * (a render that never ends, a worker restarting), and the reader is better told to come back.
 */
export const MAX_WAIT_MS = 30_000
// How often the waiting reads are checked against MAX_WAIT_MS while any wait.
const WAIT_SWEEP_MS = 1_000

// lib/http/client-address.ts: PEER_ADDRESS_HEADER and formatPeerAddress; keep in step.
const PEER_ADDRESS_HEADER = 'x-warta-peer-address'

// Headers that belong to one connection, never forwarded either way (RFC 9110 §7.6.1). A body's
// framing (Transfer-Encoding) is re-made by each hop; Expect was already answered here.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect'])

const BAD_GATEWAY_TEXT = `${serverFront.restarting}\n`
const BUSY_TEXT = `${serverFront.busy}\n`

/**
 * Headers to keep for the next hop: all but the connection's own, including those the Connection
 * header names.
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {[string, string | string[]][]}
 */
function endToEnd(headers) {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  )
  return Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name))
}

/**
 * @typedef {{ id: number, socketPath: string, inFlight: number }} Upstream
 * @param {{
 *   upstreams: () => Upstream[],
 *   peerNonce: string,
 *   front?: { serve(req: http.IncomingMessage, res: http.ServerResponse, pass: (req: http.IncomingMessage, res: http.ServerResponse) => void): boolean, refetches?(req: http.IncomingMessage): boolean },
 *   onError?: (error: unknown, req: http.IncomingMessage) => void,
 *   pagesPerWorker?: number,
 *   maxWaiting?: number,
 *   maxWaitMs?: number,
 * }} opts
 */
export function createWorkerProxy(opts) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256 })
  /** Page reads each worker has in flight (of its `inFlight`). @type {WeakMap<Upstream, number>} */
  const pages = new WeakMap()
  /**
   * Page reads waiting for a worker's place, oldest first: pages the front cache asks for again,
   * then the rest. @type {{ req: http.IncomingMessage, res: http.ServerResponse, since: number }[][]}
   */
  const queues = [[], []]
  const waitingCount = () => queues[0].length + queues[1].length
  const placesPerWorker = opts.pagesPerWorker ?? PAGES_PER_WORKER
  const maxWaiting = opts.maxWaiting ?? MAX_WAITING
  const maxWaitMs = opts.maxWaitMs ?? MAX_WAIT_MS
  /** Runs while any read waits. @type {NodeJS.Timeout | null} */
  let sweeper = null

  /**
   * The ready worker with the fewest requests in flight, the first in the list among equals; for a
   * page read, only among those with a page place free.
   * @param {boolean} pageRead
   */
  function pick(pageRead) {
    let best
    for (const candidate of opts.upstreams()) {
      if (pageRead && (pages.get(candidate) ?? 0) >= placesPerWorker) continue
      if (best === undefined || candidate.inFlight < best.inFlight) best = candidate
    }
    return best
  }

  /**
   * Hands waiting page reads to workers while any has a place; with no worker left at all, answers
   * them as a new request would be (502), instead of keeping them for a worker that may not return.
   */
  function drain() {
    for (const queue of queues) {
      while (queue.length > 0) {
        const upstream = pick(true)
        if (!upstream && opts.upstreams().length > 0) return
        const { req, res } = /** @type {(typeof queue)[number]} */ (queue.shift())
        send(req, res, upstream, true)
      }
    }
  }

  /** Answers the reads that have waited too long (the oldest are first), and stops when none wait. */
  function sweep() {
    const oldest = Date.now() - maxWaitMs
    for (const queue of queues) {
      while (queue.length > 0 && /** @type {(typeof queue)[number]} */ (queue[0]).since <= oldest) {
        const { req, res } = /** @type {(typeof queue)[number]} */ (queue.shift())
        req.resume()
        busy(res)
      }
    }
    if (waitingCount() === 0 && sweeper) {
      clearInterval(sweeper)
      sweeper = null
    }
  }

  function busy(res) {
    res.statusCode = 503
    res.setHeader('Content-Type', 'text/plain; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    res.setHeader('Retry-After', '5')
    res.end(BUSY_TEXT)
  }

  /** The request's headers for the worker: the client's, less this connection's, plus the stamp. */
  function forwardedHeaders(req) {
    /** @type {Record<string, string | string[]>} */
    const headers = Object.fromEntries(endToEnd(req.headers))
    const address = req.socket.remoteAddress ?? ''
    // Whatever a client wrote here is replaced: only this server knows the nonce.
    headers[PEER_ADDRESS_HEADER] = `${address} ${opts.peerNonce}`
    if (headers['x-forwarded-for'] === undefined && address) headers['x-forwarded-for'] = address
    return headers
  }

  function badGateway(res) {
    if (res.headersSent) {
      res.destroy()
      return
    }
    res.statusCode = 502
    res.setHeader('Content-Type', 'text/plain; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    res.setHeader('Retry-After', '2')
    res.end(BAD_GATEWAY_TEXT)
  }

  /**
   * Hands the request to a worker now, or for a page read when a worker has a place for it.
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res
   */
  function forward(req, res) {
    // What any reader asks for waits for a page place (the front cache's rule, lib/cache/front-cache.mjs).
    const pageRead = isAnonymousPageRead(req)
    const upstream = pick(pageRead)
    // No worker at all: the 502 at once, not a wait.
    if (upstream || !pageRead || opts.upstreams().length === 0) {
      send(req, res, upstream, pageRead)
      return
    }
    if (waitingCount() >= maxWaiting) {
      busy(res)
      return
    }
    const entry = { req, res, since: Date.now() }
    const queue = queues[opts.front?.refetches?.(req) ? 0 : 1]
    queue.push(entry)
    if (!sweeper) {
      sweeper = setInterval(sweep, Math.min(WAIT_SWEEP_MS, maxWaitMs))
      sweeper.unref()
    }
    // A reader who leaves while waiting gives up their turn.
    res.on('close', () => {
      const at = queue.indexOf(entry)
      if (at !== -1) queue.splice(at, 1)
    })
  }

  /**
   * Hands the request to the worker and its answer back.
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res
   * @param {Upstream | undefined} upstream @param {boolean} pageRead
   */
  function send(req, res, upstream, pageRead) {
    if (!upstream) {
      req.resume()
      badGateway(res)
      return
    }
    upstream.inFlight += 1
    if (pageRead) pages.set(upstream, (pages.get(upstream) ?? 0) + 1)
    let settled = false
    const done = () => {
      if (settled) return
      settled = true
      upstream.inFlight -= 1
      if (pageRead) {
        pages.set(upstream, (pages.get(upstream) ?? 1) - 1)
        drain()
      }
    }
    const out = http.request({
      socketPath: upstream.socketPath,
      agent,
      method: req.method,
      path: req.url,
      headers: forwardedHeaders(req),
    })
    out.on('response', (answer) => {
      res.statusCode = answer.statusCode ?? 502
      if (answer.statusMessage) res.statusMessage = answer.statusMessage
      for (const [name, value] of endToEnd(answer.headers)) res.setHeader(name, value)
      answer.on('end', done)
      answer.on('error', () => {
        done()
        res.destroy()
      })
      if (pageRead) {
        // Without the reader's backpressure, so that the worker's place is free as soon as it has
        // sent the page; what the reader has not taken yet waits here (one page, well under a MB).
        answer.on('data', (chunk) => {
          if (!res.destroyed) res.write(chunk)
        })
        answer.on('end', () => res.end())
      } else answer.pipe(res)
      // A worker may answer before the body has all arrived: an upload refused as too large or
      // from a stranger. Node's client sends nothing more once that answer is complete, so the
      // client's upload would stall until its connection timed out, and a proxy in front (nginx)
      // would show its own 502 instead of the answer. The rest is read and dropped here, as Node's
      // server does with a request it answered early, and the connection to the worker, its
      // request unfinished, is closed.
      answer.on('end', () => {
        if (req.complete) return
        req.unpipe(out)
        out.destroy()
        req.resume()
      })
    })
    out.on('error', (error) => {
      done()
      // A client that went away is not the worker's failure.
      if (res.destroyed || res.writableEnded) return
      opts.onError?.(error, req)
      badGateway(res)
    })
    // The reader left before the answer was complete: the worker stops sending it.
    res.on('close', () => {
      if (!res.writableFinished) out.destroy()
      done()
    })
    req.pipe(out)
  }

  /**
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res
   */
  return function handle(req, res) {
    if (opts.front?.serve(req, res, forward)) return
    forward(req, res)
  }
}
