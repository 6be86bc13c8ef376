/**
 * Warta's HTTP server (`npm start` runs it after lib/cli/prepare.ts): Next's own request handler,
 * behind one check of the URL history. Moved URLs get one 301 to where their content lives,
 * trailing-slash and upper-case variants one 301 to the canonical URL, removed articles their
 * public notice with 410, old Blogger URLs one 301 to their content, all before Next looks at
 * the request (docs/decisions/004-redirects.md).
 *
 * A plain Node module, so it runs without a TypeScript loader. The decision itself is TypeScript
 * inside the Next build: instrumentation.ts installs it on globalThis when the server prepares.
 * A proxy.ts could do the same job, at about 0.6 ms of CPU per request (ADR 004).
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import next from 'next'

const DECIDE = Symbol.for('warta.decideRequest')
const GUARD = Symbol.for('warta.guardRequest')
// Build assets, uploaded media and route handlers under /api never move and have no variants.
const SKIP = /^\/(?:_next|media|api)\//
const REDIRECTABLE = new Set(['GET', 'HEAD'])
const BLOGGER_MOBILE = /(?:^\?|&)m(?:=|&|$)/
const BLOGSPOT = /\.blogspot\./i

const port = Number(process.env.PORT || 3000)
const app = next({ dev: false, port, hostname: 'localhost' })
const handle = app.getRequestHandler()
await app.prepare()

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
    !SKIP.test(pathname) &&
    REDIRECTABLE.has(req.method ?? 'GET')
  ) {
    let decision = { action: 'next' }
    try {
      decision = decide({ pathname, search, host })
    } catch (error) {
      // A failing lookup must not take pages down with it; the page itself still answers.
      console.error('Redirect check failed', { pathname, error })
    }
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
      req.url = `${decision.rewrite}${search}`
    }
  }
  handle(req, res)
}

// Node cuts off any request still arriving after 5 minutes (requestTimeout), which a Blogger
// export of a few hundred MB on a slow link exceeds (POST /api/admin/import streams it to disk).
// Slow headers stay bounded by headersTimeout (60 s).
const REQUEST_TIMEOUT_MS = 60 * 60_000

// Tools on the same data folder (import, backup, restore) find this server through this file
// (lib/server-address.ts reads it; keep the shape in step).
const addressFile = path.join(path.resolve(process.env.DATA_DIR || './data'), 'server.json')
function removeAddressFile() {
  try {
    const recorded = JSON.parse(fs.readFileSync(addressFile, 'utf8'))
    if (recorded.pid === process.pid) fs.rmSync(addressFile, { force: true })
  } catch {
    // Already gone or replaced by another server: nothing of ours to remove.
  }
}

http.createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, onRequest).listen(port, () => {
  const record = { url: `http://127.0.0.1:${port}`, pid: process.pid, startedAt: new Date().toISOString() }
  fs.writeFileSync(addressFile, `${JSON.stringify(record)}\n`, { mode: 0o600 })
  console.log(`✓ Warta ready on http://localhost:${port}`)
})
process.once('exit', removeAddressFile)
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0))
