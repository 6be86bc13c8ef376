/**
 * Warta's HTTP server (`npm start` runs it after lib/cli/prepare.ts).
 *
 * One server process per core by default (WEB_CONCURRENCY chooses), behind one port: a small
 * primary process forks them with node:cluster, restarts one that dies, and records the address in
 * DATA_DIR/server.json. The primary holds the port, with one worker as with several: it answers
 * what the front cache holds and hands every other request to the least busy worker over the
 * worker's own Unix socket (lib/http/worker-proxy.mjs, docs/decisions/022-primary-front.md), so a
 * render never holds up a reader of a kept page. Each worker is Next's own request handler behind one check of
 * the URL history: moved URLs get one 301 to where their content lives, trailing-slash and
 * upper-case variants one 301 to the canonical URL, removed articles their public notice with
 * 410, old Blogger URLs one 301 to their content, all before Next looks at the request
 * (docs/decisions/004-redirects.md). Workers keep their own page caches and share when cache tags
 * expired through the database (docs/decisions/007-processes-and-shared-state.md); page requests
 * any reader could have made are answered from the front cache when it holds them
 * (lib/cache/front-cache.mjs, docs/decisions/021-front-cache.md).
 *
 * A plain Node module, so it runs without a TypeScript loader. The decision and the request guard
 * (security headers, the newsroom's gate: ADR 011) are TypeScript inside the Next build:
 * instrumentation.ts installs them on globalThis when the server prepares.
 * A proxy.ts could do the same job, at about 0.6 ms of CPU per request (ADR 004).
 */
import cluster from 'node:cluster'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks'
import nextEnv from '@next/env'
import { createFrontCache, NOT_PAGES, noteTagsExpired, tagGeneration } from './lib/cache/front-cache.mjs'
import { pageSearch } from './lib/http/page-query.mjs'
import { bytesSetting } from './lib/env-bytes.mjs'
import { serverConfigJson } from './lib/next-run-time.mjs'
import { trackRequests } from './lib/http/graceful-stop.mjs'
import { startTurnWatch } from './lib/http/loop-turns.mjs'
import { makeSocketDir } from './lib/http/socket-dir.mjs'
import { createWorkerProxy } from './lib/http/worker-proxy.mjs'

const DECIDE = Symbol.for('warta.decideRequest')
const GUARD = Symbol.for('warta.guardRequest')
// lib/cache/page-cache-handler.mjs installs it.
const REFRESH_TAGS = Symbol.for('warta.refreshCacheTags')
// next-auth's session cookie, whole or in chunks, over http or https.
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token/
// Called by the page cache handler once an expiry made here is in the shared tag store.
const TAGS_EXPIRED_HERE = Symbol.for('warta.tagsExpiredHere')
// Called by lib/cache/front-cache.mjs whenever a cache tag's expiry moved in this process.
const TAG_GENERATION_LISTENER = Symbol.for('warta.onTagGeneration')
// db/checkpointer.ts installs it: what the WAL checkpoint thread did (SQLite).
const CHECKPOINT_STATS = Symbol.for('warta.checkpointStats')
const REDIRECTABLE = new Set(['GET', 'HEAD'])
const BLOGGER_MOBILE = /(?:^\?|&)m(?:=|&|$)/
const BLOGSPOT = /\.blogspot\./i

// Node cuts off any request still arriving after 5 minutes (requestTimeout), which a Blogger
// export of a few hundred MB on a slow link exceeds (POST /api/admin/import streams it to disk).
// Slow headers stay bounded by headersTimeout (60 s).
const REQUEST_TIMEOUT_MS = 60 * 60_000

/*
 * Told to stop (SIGTERM, SIGINT), the server stops listening, finishes the requests it has begun
 * and exits (lib/http/graceful-stop.mjs), waiting at most this long: a deploy or a restart does
 * not cut off a reporter's save, and a client that stopped sending does not hold it up for ever.
 * Docker waits 10 s and systemd 90 s before they kill.
 */
const STOP_GRACE_MS = 10_000
// With several processes, how long the workers get to exit once the primary has finished its own
// requests (every request reaches a worker through the primary, so they have none left).
const WORKER_STOP_MS = 3_000

/*
 * What a CDN (or any shared cache) may do with a public page (docs/decisions/010-cdn-headers.md).
 * Next derives `s-maxage=2592000, stale-while-revalidate=…` from cacheLife('max'): a CDN would
 * then hide a publish or a retraction for 30 days. The server's own cache is expired by tag at
 * once; a CDN cannot hear that, so it may keep a page 30 s and serve it stale 30 s more while it
 * asks again: a change reaches every reader within a minute. Browsers revalidate every time, which
 * the ETag answers with a 304. A CDN may keep serving its copy for a day while the server is down.
 */
const PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=30, stale-while-revalidate=30, stale-if-error=86400'

class WartaResponse extends http.ServerResponse {
  setHeader(name, value) {
    if (typeof value === 'string' && value.startsWith('s-maxage=') && name.toLowerCase() === 'cache-control') {
      return super.setHeader(name, PAGE_CACHE_CONTROL)
    }
    return super.setHeader(name, value)
  }
}

/*
 * Whole public responses kept in the primary and served before Next (lib/cache/front-cache.mjs,
 * docs/decisions/021-front-cache.md); WARTA_FRONT_CACHE_BYTES=0 turns it off.
 */
function frontCacheBytes() {
  try {
    return bytesSetting('WARTA_FRONT_CACHE_BYTES', process.env.WARTA_FRONT_CACHE_BYTES, { fallback: 16 * 1024 * 1024, min: 0, hint: '0 to turn the front cache off' })
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}

const port = Number(process.env.PORT || 3000)
const dataDir = path.resolve(process.env.DATA_DIR || './data')

function concurrency() {
  const raw = process.env.WEB_CONCURRENCY
  if (raw === undefined || raw === '') return Math.max(1, os.availableParallelism())
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`Invalid environment: WEB_CONCURRENCY must be a whole number from 1 to 64 (got ${JSON.stringify(raw)}).`)
    process.exit(1)
  }
  return n
}

// Tools on the same data folder (import, backup, restore) find this server through this file
// (lib/server-address.ts reads it; keep the shape in step).
const addressFile = path.join(dataDir, 'server.json')
function writeAddressFile() {
  const record = { url: `http://127.0.0.1:${port}`, pid: process.pid, startedAt: new Date().toISOString() }
  fs.writeFileSync(addressFile, `${JSON.stringify(record)}\n`, { mode: 0o600 })
}
function removeAddressFile() {
  try {
    const recorded = JSON.parse(fs.readFileSync(addressFile, 'utf8'))
    if (recorded.pid === process.pid) fs.rmSync(addressFile, { force: true })
  } catch {
    // Already gone or replaced by another server: nothing of ours to remove.
  }
}

/*
 * Event-loop delay and memory of each server process, for `npm run bench:load` (WARTA_STATS_FILE
 * names a JSON file the primary rewrites every second; SIGUSR2 starts a new measuring window).
 */
const STATS_FILE = process.env.WARTA_STATS_FILE
const STATS_MS = 1000

function startLoopMonitor(extra = () => ({})) {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  // Garbage collection pauses stop the loop too: the longest, and their sum, tell them apart
  // from the application's own work.
  let gcMaxMs = 0
  let gcTotalMs = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMaxMs = Math.max(gcMaxMs, entry.duration)
      gcTotalMs += entry.duration
    }
  }).observe({ entryTypes: ['gc'] })
  // A delay split into the main thread's time on a core and its wait for one (Linux only).
  const turns = startTurnWatch()
  return {
    reset: () => {
      histogram.reset()
      turns.reset()
      gcMaxMs = 0
      gcTotalMs = 0
    },
    read: () => ({
      pid: process.pid,
      loopMaxMs: histogram.max / 1e6,
      loopP99Ms: histogram.percentile(99) / 1e6,
      ...turns.read(),
      gcMaxMs,
      gcTotalMs,
      ...memoryMb(),
      ...extra(),
    }),
  }
}

/** Where a process's memory is: RSS, the JavaScript heap (live and reserved), and Buffers outside it. */
function memoryMb() {
  const m = process.memoryUsage()
  const mb = (bytes) => bytes / 1024 / 1024
  return { rssMb: mb(m.rss), heapMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external) }
}

function writeStats(workers) {
  const temp = `${STATS_FILE}.${process.pid}.tmp`
  fs.writeFileSync(temp, JSON.stringify({ at: new Date().toISOString(), workers }))
  fs.renameSync(temp, STATS_FILE)
}

/**
 * Hands Next the config `next build` resolved, with the settings read at start (the page cache's
 * size, pages in memory only: lib/next-run-time.mjs), as Next's own standalone server does.
 * Left to itself, Next would compile next.config.ts again in every process with its SWC binding,
 * which then stays mapped: about 25 MB of each process's memory (ADR 023). Next also reads the
 * `.env` files while it loads a config file; with the build's config it does not, so that is done
 * here first, the same way. Without a build to read (never under `npm start`, which builds first),
 * Next loads next.config.ts as before.
 */
function useBuiltConfig() {
  const dir = process.cwd()
  nextEnv.loadEnvConfig(dir, false, { info: () => {}, error: (...args) => console.error(...args) })
  const config = serverConfigJson(dir)
  if (config) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = config
}

/**
 * One server process: Next behind the URL-history check, listening on the Unix socket the primary
 * hands it requests on.
 */
async function runWorker() {
  useBuiltConfig()
  // Loaded here, not at the top: the primary never renders.
  const { default: next } = await import('next')
  const app = next({ dev: false, port, hostname: 'localhost' })
  const handle = app.getRequestHandler()
  await app.prepare()

  /**
   * A page request the primary's front cache did not hold. A signed-in person's (who may have just
   * saved in another process) first learns every expiry recorded so far, so they see their own
   * change at once; readers learn it within the tag poll (ADR 007).
   */
  function handlePage(req, res) {
    const refresh = globalThis[REFRESH_TAGS]
    if (typeof refresh !== 'function' || !SESSION_COOKIE.test(req.headers.cookie ?? '')) {
      handle(req, res)
      return
    }
    refresh().then(
      () => handle(req, res),
      (error) => {
        console.error('Cache tag refresh failed', { error })
        handle(req, res)
      },
    )
  }

  // Next runs instrumentation's register() in the background of prepare(); wait for it.
  async function installedDecision(timeoutMs) {
    for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
      if (typeof globalThis[DECIDE] === 'function') return globalThis[DECIDE]
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return null
  }
  const decide = await installedDecision(30_000)
  if (!decide) {
    console.error('instrumentation.ts did not install the redirect check; refusing to serve without it.')
    process.exit(1)
  }
  // The request guard (ADR 011): instrumentation.ts installs it before the redirect check.
  const guard = globalThis[GUARD]
  if (typeof guard !== 'function') {
    console.error('instrumentation.ts did not install the request guard; refusing to serve without it.')
    process.exit(1)
  }

  /**
   * The home page is asked for most and never moves, so it skips the check unless it may be an old
   * Blogger address: Blogger's mobile switch (`/?m=1`) or a blogspot alias pointed at this server.
   * @param {string} search @param {string | undefined} host
   */
  function mayBeBloggerHome(search, host) {
    return BLOGGER_MOBILE.test(search) || (host !== undefined && BLOGSPOT.test(host))
  }

  /**
   * Security first (lib/security/request-guard.ts, ADR 011): HSTS and header hygiene on every
   * request, synchronously; for /admin paths the newsroom's gate (a real 307 to sign in, 403, 404)
   * and its per-request Content-Security-Policy, as a promise.
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res
   */
  function onRequest(req, res) {
    const guarded = guard(req, res)
    if (guarded === undefined) return route(req, res)
    guarded.then(
      (answered) => answered || route(req, res),
      (error) => {
        console.error('Request guard failed', { url: req.url, error })
        res.statusCode = 500
        res.end()
      },
    )
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  function route(req, res) {
    const url = req.url ?? '/'
    const queryAt = url.indexOf('?')
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt)
    const search = queryAt === -1 ? '' : url.slice(queryAt)
    const host = req.headers.host
    if (
      pathname.startsWith('/') &&
      (pathname !== '/' || mayBeBloggerHome(search, host)) &&
      // Build assets, uploaded media and route handlers under /api never move and have no variants.
      !NOT_PAGES.test(pathname) &&
      REDIRECTABLE.has(req.method ?? 'GET')
    ) {
      let decision = { action: 'next' }
      try {
        decision = decide({ pathname, search, host })
      } catch (error) {
        // A failing lookup must not take pages down with it; the page itself still answers.
        console.error('Redirect check failed', { pathname, error })
      }
      if (typeof decision?.then === 'function') {
        // A decision that reads through the awaited data layer (the setup link's check).
        decision.then(
          (settled) => answer(req, res, settled, pathname, search),
          (error) => {
            console.error('Redirect check failed', { pathname, error })
            handle(req, res)
          },
        )
        return
      }
      answer(req, res, decision, pathname, search)
      return
    }
    // The home page reaches the front cache first; build assets, media and route handlers go
    // straight to Next.
    if (pathname === '/' && REDIRECTABLE.has(req.method ?? 'GET')) {
      toPage(req, pathname, search)
      handlePage(req, res)
    } else handle(req, res)
  }

  /**
   * Hands a page request on with only the query public pages read (lib/http/page-query.mjs,
   * docs/decisions/024-page-query.md): Next keeps a public page with the URL of the request that
   * rendered it, so a first reader's click id or junk would reach every reader after them.
   * @param {http.IncomingMessage} req @param {string} pathname @param {string} search
   */
  function toPage(req, pathname, search) {
    const kept = pageSearch(pathname, search)
    if (kept !== search) req.url = `${pathname}${kept}`
  }

  /**
   * Carries out a redirect decision, or hands the request on to Next.
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {any} decision
   * @param {string} pathname @param {string} search
   */
  function answer(req, res, decision, pathname, search) {
    if (decision.action === 'redirect') {
      res.statusCode = 301
      // The decision chose the query to keep (Blogger's own parameters are dropped).
      res.setHeader('Location', decision.location)
      // Browsers keep a 301 for good unless told otherwise; an hour bounds a reverted rename.
      res.setHeader('Cache-Control', 'public, max-age=3600')
      res.end()
      return
    }
    if (decision.action === 'gone-text') {
      // A removed feed: a feed reader has no use for a page, only for the status.
      res.statusCode = 410
      res.setHeader('Content-Type', 'text/plain; charset=utf-8')
      res.setHeader('Cache-Control', 'public, max-age=3600')
      res.end(req.method === 'HEAD' ? undefined : decision.body)
      return
    }
    if (decision.action === 'not-found') {
      // No route matches this path, so the catch-all renders the site's 404 page with a real 404.
      req.url = '/tidak-ditemukan'
    }
    if (decision.action === 'gone') {
      // Next keeps the status a request arrives with when the page it renders is found.
      res.statusCode = 410
      req.url = `${decision.rewrite}${pageSearch(pathname, search)}`
    }
    if (decision.action === 'next') {
      toPage(req, pathname, search)
      handlePage(req, res)
    } else handle(req, res)
  }

  if (STATS_FILE) {
    const monitor = startLoopMonitor(() => ({ tagGeneration: tagGeneration(), checkpoints: globalThis[CHECKPOINT_STATS]?.read() ?? null }))
    setInterval(() => process.send?.({ type: 'warta:stats', stats: monitor.read() }), STATS_MS).unref()
    process.on('message', (message) => {
      if (message?.type !== 'warta:stats-reset') return
      monitor.reset()
      globalThis[CHECKPOINT_STATS]?.reset()
    })
  }

  // A publish handled here reaches this server's other processes within a millisecond, not at
  // their next tag poll: they read the shared store at once.
  globalThis[TAGS_EXPIRED_HERE] = () => process.send?.({ type: 'warta:tags-expired' })
  process.on('message', (message) => {
    if (message?.type !== 'warta:tags-expired') return
    noteTagsExpired()
    globalThis[REFRESH_TAGS]?.().catch((error) => console.error('Cache tag refresh failed', { error }))
  })
  // Every expiry this process learns of (its own, the store's, another process's) drops the
  // primary's front cache too, once this process renders with it: told once per turn of the loop.
  let telling = false
  globalThis[TAG_GENERATION_LISTENER] = () => {
    if (telling) return
    telling = true
    process.nextTick(() => {
      telling = false
      process.send?.({ type: 'warta:tag-generation' })
    })
  }

  // Only the primary connects here; it bounds request times itself, and keeps its connections.
  const server = http.createServer({ requestTimeout: 0, keepAliveTimeout: 0, ServerResponse: WartaResponse }, onRequest)
  const requests = trackRequests(server)
  const socketPath = process.env.WARTA_WORKER_SOCKET
  if (!socketPath) {
    console.error('A server process started without WARTA_WORKER_SOCKET; the primary sets it.')
    process.exit(1)
  }
  // What a process before this one left behind (the primary restarts a worker on the same path).
  fs.rmSync(socketPath, { force: true })
  // Exclusive: the socket is this worker's own, not shared through the cluster primary.
  server.listen({ path: socketPath, exclusive: true }, () => process.send?.({ type: 'warta:listening' }))
  // Ctrl+C and systemd's SIGTERM reach the whole process group: the primary decides when a worker
  // stops, once it has finished the requests it handed on (runPrimary, stop). A worker whose
  // primary is gone exits with it (node:cluster ends a worker whose channel closes).
  process.on('SIGINT', () => {})
  process.on('SIGTERM', () => {})
  process.on('message', (message) => {
    if (message?.type === 'warta:stop') requests.stop(WORKER_STOP_MS).then(() => process.exit(0))
  })
}

/** One line in the log when a stop begins. @param {string} signal @param {number} inFlight */
function announceStop(signal, inFlight) {
  const waiting = inFlight === 0 ? '' : `, finishing ${inFlight} request${inFlight === 1 ? '' : 's'} in flight (at most ${STOP_GRACE_MS / 1000} s)`
  console.log(`Stopping (${signal})${waiting}.`)
}

/**
 * The primary: forks and restarts the server processes, holds the port, answers from the front
 * cache and hands every other request to the least busy of them (ADR 022). With a single server
 * process too: a page kept here is answered while that process renders, collects its garbage or
 * restarts after a crash, on a one-core machine as on several cores.
 */
function runPrimary(count) {
  let stopping = false
  const stats = new Map()
  const startedAt = new Map()
  let quickDeaths = 0
  let announced = false
  // Each worker's Unix socket lives in a folder only this user can enter; those left by a primary
  // that was killed outright are removed first.
  const socketDir = makeSocketDir()
  // Shared with the workers only: a request's client address is believed when it carries this.
  const peerNonce = crypto.randomBytes(16).toString('hex')
  /** @type {Map<number, { id: number, socketPath: string, inFlight: number }>} */
  const ready = new Map()

  const front = createFrontCache({ pageCacheControl: PAGE_CACHE_CONTROL, maxBytes: frontCacheBytes() })
  const proxy = createWorkerProxy({
    upstreams: () => [...ready.values()],
    peerNonce,
    front,
    onError: (error, req) => console.error('A server process did not answer', { url: req.url, error: error instanceof Error ? error.message : error }),
    // SQLite answers on the worker's own thread, so a second render at once only takes turns with
    // the first; PostgreSQL's answers travel, and a second render fills that wait (ADR 022).
    pagesPerWorker: process.env.DATABASE_URL?.trim() ? 2 : 1,
  })
  const server = http.createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, proxy)
  const requests = trackRequests(server)
  server.on('error', (error) => {
    console.error(`Cannot serve on port ${port}: ${error instanceof Error ? error.message : error}`)
    stop(1)
  })
  let listening = false

  function onWorkerReady(id, socketPath) {
    ready.set(id, { id, socketPath, inFlight: 0 })
    if (!listening) {
      listening = true
      server.listen(port)
    }
    if (ready.size === count && !announced) {
      announced = true
      const announce = () => {
        writeAddressFile()
        console.log(`✓ Warta ready on http://localhost:${port} (${count} server process${count === 1 ? '' : 'es'})`)
      }
      if (server.listening) announce()
      else server.once('listening', announce)
    }
  }

  function fork(id) {
    const socketPath = path.join(socketDir, `worker-${id}.sock`)
    // The scheduler runs in the first worker only; its publishing would be safe in all (ADR 007).
    const worker = cluster.fork({
      WARTA_WORKER_ID: String(id),
      WARTA_RUN_SCHEDULER: id === 1 ? '1' : '0',
      WARTA_WORKER_SOCKET: socketPath,
      WARTA_PEER_NONCE: peerNonce,
    })
    startedAt.set(worker.id, Date.now())
    worker.on('message', (message) => {
      if (message?.type === 'warta:stats') stats.set(id, { worker: id, ...message.stats })
      if (message?.type === 'warta:listening') onWorkerReady(id, socketPath)
      // A worker learned of an expiry: pages it renders from now on may differ from those kept here.
      if (message?.type === 'warta:tag-generation') noteTagsExpired()
      if (message?.type === 'warta:tags-expired') {
        noteTagsExpired()
        for (const other of Object.values(cluster.workers ?? {})) {
          // One that is stopping or restarting reads the store when it starts or at its next poll.
          if (other && other !== worker && other.isConnected()) other.send(message, () => {})
        }
      }
    })
    worker.once('exit', (code, signal) => {
      stats.delete(id)
      ready.delete(id)
      if (stopping) return
      const lived = Date.now() - (startedAt.get(worker.id) ?? 0)
      quickDeaths = lived < 10_000 ? quickDeaths + 1 : 0
      if (quickDeaths >= 5) {
        console.error('Server processes keep dying at start; stopping.')
        process.exit(1)
      }
      console.error(`Server process ${id} exited (${signal ?? code}); starting it again.`)
      setTimeout(() => fork(id), Math.min(1000 * quickDeaths, 5000))
    })
  }

  for (let id = 1; id <= count; id += 1) fork(id)

  if (STATS_FILE) {
    // The primary's own figures come first, as worker 0.
    const monitor = startLoopMonitor(() => ({ front: front.stats(), tagGeneration: tagGeneration() }))
    setInterval(() => writeStats([{ worker: 0, ...monitor.read() }, ...[...stats.values()].sort((a, b) => a.worker - b.worker)]), STATS_MS).unref()
    process.on('SIGUSR2', () => {
      monitor.reset()
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ type: 'warta:stats-reset' })
    })
  }

  /**
   * Stops listening, finishes the requests in flight (those waiting for a worker included), then
   * tells the workers to stop and exits once they have. Called again (npm passes on to its script
   * the signal a terminal or systemd sends the whole group), it lets the stop under way carry on.
   * @param {number} code @param {string} [signal]
   */
  function stop(code = 0, signal) {
    if (stopping) return
    stopping = true
    if (signal) announceStop(signal, requests.inFlight)
    requests.stop(STOP_GRACE_MS).then(() => {
      const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined)
      let left = workers.length
      if (left === 0) process.exit(code)
      for (const worker of workers) {
        worker.once('exit', () => {
          left -= 1
          if (left === 0) process.exit(code)
        })
        if (worker.isConnected()) worker.send({ type: 'warta:stop' }, () => {})
        else worker.process.kill('SIGKILL')
      }
      setTimeout(() => {
        for (const worker of workers) worker.process.kill('SIGKILL')
        process.exit(code)
      }, WORKER_STOP_MS + 1_000).unref()
    })
  }
  process.once('exit', () => {
    removeAddressFile()
    fs.rmSync(socketDir, { recursive: true, force: true })
  })
  process.on('SIGINT', () => stop(0, 'SIGINT'))
  process.on('SIGTERM', () => stop(0, 'SIGTERM'))
}

if (cluster.isPrimary) runPrimary(concurrency())
else await runWorker()
