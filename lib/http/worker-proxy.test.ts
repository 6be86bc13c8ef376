import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFrontCache, noteTagsExpired } from '../cache/front-cache.mjs'
import { getClientAddress, installPeerAddressStamp, PEER_ADDRESS_HEADER } from './client-address'
import { createWorkerProxy, MAX_WAIT_MS, PAGES_PER_WORKER, type Upstream } from './worker-proxy.mjs'

// As server.mjs's primary gives its workers: set before this process's first stamp.
const NONCE = 'f00dfeedf00dfeedf00dfeedf00dfeed'
process.env.WARTA_PEER_NONCE = NONCE

const BIG_PAGE_BYTES = 32 * 1024 * 1024
const POLICY = 'public, max-age=0, s-maxage=30, stale-while-revalidate=30, stale-if-error=86400'

let dir: string
let upstreams: Upstream[]
let workers: http.Server[]
let children: ChildProcess[]
let primary: http.Server
let base: string
let seen: { worker: number; method: string; url: string; headers: http.IncomingHttpHeaders; body: string; closedEarly: boolean }[]
/** Answers held by the workers (`/hold…`), in arrival order. */
let held: http.ServerResponse[]

async function listen(server: http.Server, where: string | number) {
  await new Promise<void>((resolve) => (typeof where === 'number' ? server.listen(where, '127.0.0.1', resolve) : server.listen(where, resolve)))
}

/** A worker in this process: records what reached it and answers as the test's path says. */
async function addWorker(id: number) {
  const socketPath = path.join(dir, `worker-${id}.sock`)
  const server = http.createServer((req, res) => {
    if (req.url === '/tolak') {
      // A refusal sent before the body is read, as the upload routes refuse a file too large or a
      // stranger; Node reads and drops the rest of the body itself.
      res.statusCode = 413
      res.end('terlalu besar')
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const record = { worker: id, method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), closedEarly: false }
      seen.push(record)
      res.on('close', () => {
        if (!res.writableFinished) record.closedEarly = true
      })
      if (req.url === '/who') {
        res.end(getClientAddress(req.headers, []))
        return
      }
      if (req.url?.startsWith('/hold')) {
        held.push(res) // answered when the test says: it measures requests in flight
        return
      }
      if (req.url === '/besar') {
        res.end(Buffer.alloc(BIG_PAGE_BYTES, 'a')) // more than the sockets between here and a reader hold
        return
      }
      if (req.url === '/cookies') {
        res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Path=/'])
        res.setHeader('Connection', 'keep-alive, X-Private')
        res.setHeader('X-Private', 'hop')
        res.statusCode = 201
        res.end('dua kue')
        return
      }
      res.setHeader('Cache-Control', POLICY)
      res.setHeader('Content-Type', 'text/html; charset=utf-8')
      // Streamed in two parts, as Next sends a page.
      res.write(`<p>${id}:`)
      setTimeout(() => res.end(`${req.url}</p>`), 5)
    })
  })
  await listen(server, socketPath)
  workers.push(server)
  upstreams.push({ id, socketPath, inFlight: 0 })
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-proxy-'))
  upstreams = []
  workers = []
  children = []
  seen = []
  held = []
  installPeerAddressStamp()
})

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL')
  const closed = new Promise((resolve) => primary.close(resolve))
  primary.closeAllConnections()
  await closed
  for (const w of workers) {
    w.closeAllConnections()
    w.close()
  }
  fs.rmSync(dir, { recursive: true, force: true })
})

async function startPrimary(opts: { front?: boolean; maxWaiting?: number; maxWaitMs?: number; pagesPerWorker?: number } = {}) {
  const front = opts.front ? createFrontCache({ pageCacheControl: POLICY }) : undefined
  const errors: unknown[] = []
  primary = http.createServer(
    createWorkerProxy({
      upstreams: () => upstreams,
      peerNonce: NONCE,
      front,
      onError: (e) => errors.push(e),
      maxWaiting: opts.maxWaiting,
      maxWaitMs: opts.maxWaitMs,
      pagesPerWorker: opts.pagesPerWorker,
    }),
  )
  await listen(primary, 0)
  base = `http://127.0.0.1:${(primary.address() as AddressInfo).port}`
  return { errors }
}

describe('the primary in front of the workers', () => {
  it('hands a request over whole, less the connection headers, and stamps the client address no client can forge', async () => {
    await addWorker(1)
    await startPrimary()
    const res = await fetch(`${base}/kirim?x=1`, {
      method: 'POST',
      body: 'isi formulir',
      headers: { 'content-type': 'text/plain', [PEER_ADDRESS_HEADER]: `198.51.100.1 ${NONCE.replace('f', 'e')}`, 'x-custom': 'ya', te: 'trailers' },
    })
    expect(res.status).toBe(200)
    const got = seen[0]!
    expect(got).toMatchObject({ method: 'POST', url: '/kirim?x=1', body: 'isi formulir' })
    expect(got.headers['x-custom']).toBe('ya')
    expect(got.headers.host).toBe(new URL(base).host)
    expect(got.headers.te).toBeUndefined()
    expect(got.headers[PEER_ADDRESS_HEADER]).toBe(`127.0.0.1 ${NONCE}`)
    // Filled in as Next does for a direct connection; a client's own is passed on as it came.
    expect(got.headers['x-forwarded-for']).toBe('127.0.0.1')
    await fetch(`${base}/lagi`, { headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect(seen[1]!.headers['x-forwarded-for']).toBe('203.0.113.7')

    // The worker's own stamp (instrumentation's) keeps the primary's, and believes it.
    expect(await (await fetch(`${base}/who`, { headers: { [PEER_ADDRESS_HEADER]: '198.51.100.1 x' } })).text()).toBe('127.0.0.1')
  })

  it('passes the answer back as the worker sent it: status, every Set-Cookie, body; not its connection headers', async () => {
    await addWorker(1)
    await startPrimary()
    const res = await fetch(`${base}/cookies`)
    expect(res.status).toBe(201)
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(res.headers.get('x-private')).toBeNull()
    expect(await res.text()).toBe('dua kue')
  })

  it('passes on a refusal sent before an upload has arrived, reads the rest, and keeps the connection', async () => {
    await addWorker(1)
    await startPrimary()
    // Far more than the sockets between the client, the primary and the worker hold.
    const size = 16 * 1024 * 1024
    const socket = net.connect(Number(new URL(base).port), '127.0.0.1')
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (received += chunk))
    const failed = new Promise<Error>((resolve) => socket.once('error', resolve))
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    socket.write(`POST /tolak HTTP/1.1\r\nHost: warta.test\r\nContent-Length: ${size}\r\n\r\n`)
    const chunk = Buffer.alloc(64 * 1024, 'x')
    for (let sent = 0; sent < size; sent += chunk.length) {
      if (!socket.write(chunk)) {
        // The whole body must be taken, not left waiting until the connection times out.
        const drained = await Promise.race([
          new Promise<boolean>((resolve) => socket.once('drain', () => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000)),
        ])
        expect(drained, `stalled after ${sent} bytes`).toBe(true)
      }
    }
    await vi.waitFor(() => expect(received).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n[\s\S]*terlalu besar$/), { timeout: 5_000 })
    // The same connection carries the next request.
    received = ''
    socket.write('GET /berikutnya HTTP/1.1\r\nHost: warta.test\r\n\r\n')
    // Chunked, as the worker streams it in two parts.
    await vi.waitFor(() => expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*<p>1:[\s\S]*\/berikutnya<\/p>/), { timeout: 5_000 })
    socket.destroy()
    await expect(Promise.race([failed, new Promise((resolve) => setTimeout(() => resolve('no error'), 10))])).resolves.toBe('no error')
  })

  it('gives a request to the worker with the fewest in flight', async () => {
    await addWorker(1)
    await addWorker(2)
    await startPrimary()
    const held = new AbortController()
    const holding = fetch(`${base}/hold`, { signal: held.signal }).catch(() => null)
    await expect.poll(() => seen.length).toBe(1)
    const busy = seen[0]!.worker
    for (let i = 0; i < 4; i += 1) await (await fetch(`${base}/halaman-${i}`)).text()
    expect(seen.slice(1).map((s) => s.worker)).toEqual([1, 2, 3, 4].map(() => 3 - busy))
    held.abort()
    await holding
    // The reader left: the worker's answer is abandoned, and the worker counts as free again.
    await expect.poll(() => seen[0]!.closedEarly).toBe(true)
    await expect.poll(() => upstreams.map((u) => u.inFlight)).toEqual([0, 0])
  })

  it('among equally busy workers, gives every request to the first: the others take what it cannot', async () => {
    await addWorker(1)
    await addWorker(2)
    await startPrimary()
    // One reader at a time (a page read, then a request with a cookie): never two workers in turn.
    for (let i = 0; i < 4; i += 1) {
      await (await fetch(`${base}/halaman-${i}`)).text()
      await (await fetch(`${base}/admin-${i}`, { headers: { cookie: 'sesi=1' } })).text()
    }
    expect(seen.map((s) => s.worker)).toEqual(Array(8).fill(1))
    // Busy, it gives way: a second reader goes to the other worker.
    const holding = fetch(`${base}/hold`).then((r) => r.text())
    await expect.poll(() => seen.length).toBe(9)
    await (await fetch(`${base}/halaman-lain`)).text()
    expect(seen.slice(8).map((s) => s.worker)).toEqual([1, 2])
    held.shift()!.end('selesai')
    expect(await holding).toBe('selesai')
  })

  it('answers a page read that waited too long for a place with 503, and serves the next one as before', async () => {
    expect(MAX_WAIT_MS).toBe(30_000)
    await addWorker(1)
    await startPrimary({ maxWaitMs: 150 })
    const first = fetch(`${base}/hold-lama`).then((r) => r.text())
    await expect.poll(() => seen.length).toBe(1)
    const started = Date.now()
    const waited = await fetch(`${base}/menunggu`)
    expect(waited.status).toBe(503)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(waited.headers.get('retry-after')).toBe('5')
    expect(waited.headers.get('cache-control')).toBe('no-store')
    expect(await waited.text()).toMatch(/sibuk/)
    // It never reached the worker, which still holds only the first.
    expect(seen.map((s) => s.url)).toEqual(['/hold-lama'])

    held.shift()!.end('lama')
    expect(await first).toBe('lama')
    expect(await (await fetch(`${base}/berikut`)).text()).toBe('<p>1:/berikut</p>')
    await expect.poll(() => upstreams.map((u) => u.inFlight)).toEqual([0])
  })

  it('gives a worker its number of anonymous page reads at once; the rest wait in turn, and nothing else waits', async () => {
    expect(PAGES_PER_WORKER).toBe(1)
    await addWorker(1)
    await startPrimary({ maxWaiting: 2, pagesPerWorker: 2 })
    const reads = ['/hold-a', '/hold-b', '/hold-c'].map((url) => fetch(base + url).then((r) => r.text()))
    await expect.poll(() => seen.length).toBe(2)
    // A reader who leaves while waiting gives up their turn; another takes the free place in line.
    const leaving = new AbortController()
    const left = fetch(`${base}/hold-pergi`, { signal: leaving.signal }).catch(() => 'pergi')
    await new Promise((r) => setTimeout(r, 50))
    leaving.abort()
    expect(await left).toBe('pergi')
    const later = fetch(`${base}/hold-d`).then((r) => r.text())
    // Past the bound, a page read is refused at once rather than queued for good.
    await new Promise((r) => setTimeout(r, 50))
    const refused = await fetch(`${base}/penuh`)
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('5')
    expect(refused.headers.get('cache-control')).toBe('no-store')
    expect(await refused.text()).toMatch(/sibuk/)

    // The newsroom, forms, assets and route handlers are not held behind page reads.
    expect((await fetch(`${base}/simpan`, { method: 'POST', body: 'draf' })).status).toBe(200)
    expect((await fetch(`${base}/admin`, { headers: { cookie: 'sesi=1' } })).status).toBe(200)
    expect((await fetch(`${base}/_next/static/app.js`)).status).toBe(200)
    expect((await fetch(`${base}/api/kesehatan`)).status).toBe(200)
    expect(seen.map((s) => s.url)).toEqual(['/hold-a', '/hold-b', '/simpan', '/admin', '/_next/static/app.js', '/api/kesehatan'])

    // Each answered read makes a place for the oldest waiting one.
    held.shift()!.end('a')
    await expect.poll(() => seen.length).toBe(7)
    expect(seen[6]!.url).toBe('/hold-c')
    held.shift()!.end('b')
    await expect.poll(() => seen.length).toBe(8)
    expect(seen[7]!.url).toBe('/hold-d')
    for (const res of held.splice(0)) res.end('selesai')
    expect(await Promise.all([...reads, later])).toEqual(['a', 'b', 'selesai', 'selesai'])
    expect(seen.some((s) => s.url === '/hold-pergi' || s.url === '/penuh')).toBe(false)
    await expect.poll(() => upstreams.map((u) => u.inFlight)).toEqual([0])
  })

  it("frees a worker's place once it has sent the page, however slowly the reader takes it", async () => {
    await addWorker(1)
    await startPrimary({ pagesPerWorker: 1 })
    // A reader who asks for a page and never reads the answer.
    const slow = net.connect(Number(new URL(base).port), '127.0.0.1')
    slow.pause()
    slow.write('GET /besar HTTP/1.1\r\nHost: contoh\r\n\r\n')
    await expect.poll(() => seen.length).toBe(1)
    const next = await fetch(`${base}/halaman`, { signal: AbortSignal.timeout(5000) })
    expect(await next.text()).toBe('<p>1:/halaman</p>')
    slow.destroy()
  })

  it('answers the page reads still waiting with 502 once no worker is left', async () => {
    await addWorker(1)
    await startPrimary({ pagesPerWorker: 1 })
    const first = fetch(`${base}/hold-a`).then((r) => r.status)
    await expect.poll(() => seen.length).toBe(1)
    const waitingRead = fetch(`${base}/hold-b`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status)
    await new Promise((r) => setTimeout(r, 50))
    // The worker is gone (its exit took it off the list) as its last answer ends.
    upstreams.length = 0
    held.shift()!.end('a')
    expect(await first).toBe(200)
    expect(await waitingRead).toBe(502)
    expect(seen).toHaveLength(1)
  })

  it('answers 502 with a short notice, never cached, when no worker can take the request', async () => {
    await startPrimary()
    const none = await fetch(`${base}/`)
    expect(none.status).toBe(502)
    expect(none.headers.get('cache-control')).toBe('no-store')
    expect(await none.text()).toMatch(/Coba lagi/)

    upstreams.push({ id: 9, socketPath: path.join(dir, 'gone.sock'), inFlight: 0 })
    const gone = await fetch(`${base}/`)
    expect(gone.status).toBe(502)
    expect(upstreams[0]!.inFlight).toBe(0)
  })

  it('answers a kept page itself, and asks a worker again once any tag expired', async () => {
    await addWorker(1)
    await startPrimary({ front: true })
    expect(await (await fetch(`${base}/berita`)).text()).toBe('<p>1:/berita</p>')
    const hit = await fetch(`${base}/berita`)
    expect(await hit.text()).toBe('<p>1:/berita</p>')
    expect(seen).toHaveLength(1)
    noteTagsExpired()
    await fetch(`${base}/berita`)
    expect(seen).toHaveLength(2)
  })

  it('hands a page it kept before, asked for again after a publish, to the worker ahead of the reads waiting', async () => {
    await addWorker(1)
    await startPrimary({ front: true, pagesPerWorker: 1 })
    expect(await (await fetch(`${base}/berita`)).text()).toBe('<p>1:/berita</p>')
    // The worker's one place is taken by a render; a crawler's page waits for it.
    const render = fetch(`${base}/hold-render`).then((r) => r.text())
    await expect.poll(() => seen.length).toBe(2)
    const crawled = fetch(`${base}/hold-arsip-lama`).then((r) => r.text())
    await new Promise((r) => setTimeout(r, 50))

    // A publish expires the kept pages; readers of the story ask for it again.
    noteTagsExpired()
    const readers = Array.from({ length: 3 }, () => fetch(`${base}/berita`).then((r) => r.text()))
    await new Promise((r) => setTimeout(r, 50))
    held.shift()!.end('render')
    // The readers' page goes first (once, for all three), then the crawler's.
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(3)
    expect(seen[2]!.url).toBe('/berita')
    expect(await Promise.all(readers)).toEqual(Array(3).fill('<p>1:/berita</p>'))
    await expect.poll(() => seen.map((s) => s.url)).toEqual(['/berita', '/hold-render', '/berita', '/hold-arsip-lama'])
    held.shift()!.end('arsip')
    expect(await Promise.all([render, crawled])).toEqual(['render', 'arsip'])
  })
})

/**
 * A worker in its own process that blocks its event loop for 400 ms on /render, as a cold render
 * holds a worker, and answers every other path with a cacheable page.
 */
function spawnBusyWorker(id: number): Promise<void> {
  const socketPath = path.join(dir, `busy-${id}.sock`)
  const source = `
    const http = require('node:http')
    http.createServer((req, res) => {
      if (req.url === '/render') { const until = Date.now() + 400; while (Date.now() < until); }
      res.setHeader('Cache-Control', ${JSON.stringify(POLICY)})
      res.end('halaman ' + req.url)
    }).listen(${JSON.stringify(socketPath)}, () => process.send('ready'))`
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  children.push(child)
  upstreams.push({ id, socketPath, inFlight: 0 })
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`busy worker exited ${code}`)))
  })
}

describe('a kept page while every worker renders', () => {
  it('is answered at once, not after the renders', async () => {
    await Promise.all([spawnBusyWorker(1), spawnBusyWorker(2)])
    await startPrimary({ front: true })
    expect((await fetch(`${base}/beranda`)).status).toBe(200)

    const renders = [fetch(`${base}/render`), fetch(`${base}/render`)]
    // Both workers are now inside their 400 ms of work.
    await new Promise((r) => setTimeout(r, 50))
    const started = performance.now()
    const hit = await fetch(`${base}/beranda`)
    const ms = performance.now() - started
    expect(await hit.text()).toBe('halaman /beranda')
    expect(ms).toBeLessThan(150)
    await Promise.all(renders)
  })
})
