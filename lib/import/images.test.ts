import fs from 'node:fs'
import http from 'node:http'
import { type AddressInfo, isIP } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { getMedia } from '@/db/queries/media'
import { media } from '@/db/tables'
import { getEnv } from '@/lib/env'
import { mediaFileName } from '@/lib/media/paths'
import { createUser } from '@/tests/factories'
import { downloadImageToLibrary, IMAGE_UNREACHABLE, type ImageFetchOptions } from './images'

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/images', name))
const jpeg = fixture('exif-gps.jpg')

/*
 * Real requests over loopback: the server below answers each path the way a misbehaving image
 * host might, so the timeout, size cap and sniffing are tested through real sockets and streams.
 * Loopback is refused unless it is a mirror the administrator named (--allow-private-images):
 * most tests below fetch from it as such a mirror; the finding 10 tests reach the same server
 * as a host on "the internet" (see `internet`) and check what it may and may not redirect to.
 */
let server: http.Server
let base: string
let port: number
let closedPort: number
/** Requests for /secret.jpg: what must never be reached through a refused address. */
let secretAsked = 0
const mirror = { allowPrivateAddresses: true } satisfies ImageFetchOptions

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const send = (status: number, body: Buffer | string, type: string, headers: http.OutgoingHttpHeaders = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers })
      res.end(body)
    }
    switch (req.url) {
      case '/foto/sawah%20panen.jpg':
        return send(200, jpeg, 'image/jpeg')
      case '/lies-about-type':
        // A wrong Content-Type is common on old hosts; the bytes decide.
        return send(200, jpeg, 'text/plain')
      case '/html-renamed.jpg':
        return send(200, fixture('not-an-image.jpg'), 'image/jpeg')
      case '/script.svg':
        return send(200, fixture('script.svg'), 'image/svg+xml')
      case '/pixel-bomb.png':
        return send(200, fixture('pixel-bomb.png'), 'image/png')
      case '/missing.jpg':
        return send(404, 'Not Found', 'text/html')
      case '/declared-large.jpg':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(5 * 1024 * 1024) })
        // Headers are enough to refuse; the body never needs to arrive.
        res.write(jpeg)
        return
      case '/declared-11mb.jpg':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(11 * 1024 * 1024) })
        res.write(jpeg)
        return
      case '/chunked-large.jpg': {
        // No Content-Length: the limit has to be enforced while counting the stream.
        res.writeHead(200, { 'content-type': 'image/jpeg' })
        res.write(jpeg)
        const filler = Buffer.alloc(64 * 1024, 0xab)
        let sent = 0
        const more = () => {
          while (sent < 2 * 1024 * 1024) {
            sent += filler.length
            if (!res.write(filler)) return res.once('drain', more)
          }
          res.end()
        }
        return more()
      }
      case '/slow-headers.jpg':
        setTimeout(() => send(200, jpeg, 'image/jpeg'), 5_000).unref()
        return
      case '/stalled-body.jpg':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) })
        res.write(jpeg.subarray(0, 100))
        return
      case '/redirect':
        res.writeHead(302, { location: '/foto/sawah%20panen.jpg' })
        return res.end()
      case '/secret.jpg':
        secretAsked++
        return send(200, jpeg, 'image/jpeg')
      case '/loop':
        res.writeHead(302, { location: '/loop' })
        return res.end()
      default: {
        // /to?<url>: a redirect to any address; /hops/<n>: n redirects before the image.
        const url = new URL(req.url!, 'http://x')
        if (url.pathname === '/to') {
          res.writeHead(302, { location: url.search.slice(1).replaceAll('PORT', String(port)) })
          return res.end()
        }
        const hops = /^\/hops\/(\d+)$/.exec(url.pathname)
        if (hops) {
          const n = Number(hops[1])
          res.writeHead(n === 0 ? 200 : 307, n === 0 ? { 'content-type': 'image/jpeg' } : { location: `/hops/${n - 1}` })
          return res.end(n === 0 ? jpeg : undefined)
        }
        return send(500, 'unexpected', 'text/plain')
      }
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
  const closed = http.createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  closedPort = (closed.address() as AddressInfo).port
  await new Promise((resolve) => closed.close(resolve))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const mediaCount = async () => (await getWriteConnection().select({ id: media.id }).from(media)).length

describe('downloadImageToLibrary', () => {
  it('stores a fetched JPEG through the upload pipeline and inserts its media row', async () => {
    const editor = await createUser({ role: 'editor' })
    const result = await downloadImageToLibrary(`${base}/foto/sawah%20panen.jpg`, { uploadedBy: editor.id, alt: '  Panen raya  ', ...mirror })
    expect(result).toEqual({ ok: true, mediaId: expect.any(Number) })
    if (!result.ok) return
    const item = (await getMedia(result.mediaId))!
    expect(item.alt).toBe('Panen raya')
    expect(item.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{16}$/)
    for (const width of item.variants) {
      expect(fs.existsSync(path.join(getEnv().uploadsDir, mediaFileName(item.storageKey, width)))).toBe(true)
    }
    const row = (await getWriteConnection().select().from(media)).find((r) => r.id === result.mediaId)!
    expect(row).toMatchObject({ uploadedBy: editor.id, originalName: 'sawah panen.jpg', mime: 'image/webp' })
  })

  it('accepts an image whatever Content-Type it is served with, and follows redirects', async () => {
    expect(await downloadImageToLibrary(`${base}/lies-about-type`, { uploadedBy: null, ...mirror })).toMatchObject({ ok: true })
    expect(await downloadImageToLibrary(`${base}/redirect`, { uploadedBy: null, ...mirror })).toMatchObject({ ok: true })
  })

  it('refuses what is not an image, whatever its name or Content-Type says', async () => {
    const before = await mediaCount()
    expect(await downloadImageToLibrary(`${base}/html-renamed.jpg`, { uploadedBy: null, ...mirror })).toEqual({ ok: false, reason: 'not an image' })
    expect(await downloadImageToLibrary(`${base}/script.svg`, { uploadedBy: null, ...mirror })).toEqual({ ok: false, reason: 'not an image' })
    expect(await mediaCount()).toBe(before)
  })

  it('refuses a decompression bomb by its pixel count', async () => {
    expect(await downloadImageToLibrary(`${base}/pixel-bomb.png`, { uploadedBy: null, ...mirror })).toEqual({ ok: false, reason: 'more than 100 megapixels' })
  })

  it('finding 10: reports an HTTP error status as the one network failure', async () => {
    expect(await downloadImageToLibrary(`${base}/missing.jpg`, { uploadedBy: null, ...mirror })).toEqual({ ok: false, reason: IMAGE_UNREACHABLE })
  })

  it('refuses a body over the cap, declared or counted while streaming', async () => {
    expect(await downloadImageToLibrary(`${base}/declared-large.jpg`, { uploadedBy: null, maxBytes: 1024 * 1024, ...mirror })).toEqual({
      ok: false,
      reason: 'larger than 1 MB',
    })
    expect(await downloadImageToLibrary(`${base}/chunked-large.jpg`, { uploadedBy: null, maxBytes: 1024 * 1024, ...mirror })).toEqual({
      ok: false,
      reason: 'larger than 1 MB',
    })
  })

  it('caps at the upload limit by default, and never above it', async () => {
    for (const maxBytes of [undefined, 50 * 1024 * 1024]) {
      expect(await downloadImageToLibrary(`${base}/declared-11mb.jpg`, { uploadedBy: null, maxBytes, ...mirror })).toEqual({
        ok: false,
        reason: 'larger than 10 MB',
      })
    }
  })

  it('finding 10: gives up on a server that is slow to answer or stalls mid-body, with the one network failure', async () => {
    const started = Date.now()
    expect(await downloadImageToLibrary(`${base}/slow-headers.jpg`, { uploadedBy: null, timeoutMs: 300, ...mirror })).toEqual({
      ok: false,
      reason: IMAGE_UNREACHABLE,
    })
    expect(await downloadImageToLibrary(`${base}/stalled-body.jpg`, { uploadedBy: null, timeoutMs: 300, ...mirror })).toEqual({
      ok: false,
      reason: IMAGE_UNREACHABLE,
    })
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('fetches only http and https URLs', async () => {
    const resolveHost = (): never => {
      throw new Error('must not be called')
    }
    expect(await downloadImageToLibrary('file:///etc/passwd', { uploadedBy: null, resolveHost })).toEqual({ ok: false, reason: 'not an http(s) URL (file)' })
    expect(await downloadImageToLibrary('data:image/png;base64,AAAA', { uploadedBy: null, resolveHost })).toEqual({ ok: false, reason: 'not an http(s) URL (data)' })
    expect(await downloadImageToLibrary('//example.com/x.jpg', { uploadedBy: null, resolveHost })).toEqual({ ok: false, reason: 'not a valid URL' })
  })

  it('finding 10: reports a refused connection as the one network failure', async () => {
    expect(await downloadImageToLibrary(`http://127.0.0.1:${closedPort}/x.jpg`, { uploadedBy: null, ...mirror })).toEqual({
      ok: false,
      reason: IMAGE_UNREACHABLE,
    })
  })
})

/*
 * The test's internet. These names resolve to public-looking addresses (RFC 5737's documentation
 * ranges) or to internal ones, as an attacker's DNS could answer; a connection to a public one is
 * carried to the loopback server above (to its closed port for closed.example.com). The address
 * check sees what a real resolver would have said; only the route of an allowed connection is
 * changed. If a refused address were ever connected to, `reroute` would leave it alone and the
 * request would land on the loopback server itself: `secretAsked` counts those.
 */
const PUBLIC = '203.0.113.7'
const PUBLIC_CLOSED = '203.0.113.9'
const NAMES: Record<string, string[]> = {
  'foto.example.com': [PUBLIC],
  'closed.example.com': [PUBLIC_CLOSED],
  'intranet.example.com': ['10.0.0.5'],
  'router.example.com': ['192.168.1.1'],
  'metadata.example.com': ['169.254.169.254'],
  'cgnat.example.com': ['100.64.0.1'],
  'v6-loopback.example.com': ['::1'],
  'v6-mapped.example.com': ['::ffff:127.0.0.1'],
  'v6-ula.example.com': ['fd00::1'],
  // One bad address among good ones is enough to refuse the name.
  'mixed.example.com': [PUBLIC, '127.0.0.1'],
}
const internet = {
  resolveHost: async (hostname: string) => {
    const addresses = NAMES[hostname]
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    return addresses.map((address) => ({ address, family: isIP(address) }))
  },
  reroute: (address: string, to: number) =>
    address === PUBLIC ? { address: '127.0.0.1', port } : address === PUBLIC_CLOSED ? { address: '127.0.0.1', port: closedPort } : { address, port: to },
} satisfies ImageFetchOptions

const refused = { ok: false, reason: IMAGE_UNREACHABLE }

describe('finding 10: --download-images stays out of loopback and private networks', () => {
  it('fetches from a public host, following its redirects (up to five)', async () => {
    expect(await downloadImageToLibrary('http://foto.example.com/foto/sawah%20panen.jpg', { uploadedBy: null, ...internet })).toMatchObject({ ok: true })
    expect(await downloadImageToLibrary('http://foto.example.com/hops/5', { uploadedBy: null, ...internet })).toMatchObject({ ok: true })
    expect(await downloadImageToLibrary('http://foto.example.com/hops/6', { uploadedBy: null, ...internet })).toEqual(refused)
  })

  it('finding 10: a public host that redirects to loopback, a private or a link-local address is refused, and nothing there is asked', async () => {
    secretAsked = 0
    for (const target of [
      'http://127.0.0.1:PORT/secret.jpg',
      'http://127.1.2.3:PORT/secret.jpg',
      'http://localhost:PORT/secret.jpg',
      'http://[::1]:PORT/secret.jpg',
      'http://[::ffff:127.0.0.1]:PORT/secret.jpg',
      'http://2130706433:PORT/secret.jpg',
      'http://0x7f.1:PORT/secret.jpg',
      'http://0.0.0.0:PORT/secret.jpg',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/secret.jpg',
      'http://intranet.example.com/secret.jpg',
      'http://router.example.com/secret.jpg',
      'http://metadata.example.com/latest/meta-data/',
      'http://cgnat.example.com/secret.jpg',
      'http://v6-loopback.example.com:PORT/secret.jpg',
      'http://v6-mapped.example.com:PORT/secret.jpg',
      'http://v6-ula.example.com/secret.jpg',
      'http://mixed.example.com:PORT/secret.jpg',
      'file:///etc/passwd',
    ]) {
      const url = `http://foto.example.com/to?${target}`
      expect(await downloadImageToLibrary(url, { uploadedBy: null, ...internet }), target).toEqual(refused)
    }
    // The same hop through a chain of redirects is checked too.
    expect(await downloadImageToLibrary('http://foto.example.com/to?http://foto.example.com/to?http://127.0.0.1:PORT/secret.jpg', { uploadedBy: null, ...internet })).toEqual(refused)
    expect(secretAsked).toBe(0)
  })

  it('finding 10: a loopback or private address in the export itself is refused without connecting', async () => {
    secretAsked = 0
    for (const url of [
      `${base}/secret.jpg`,
      `http://localhost:${port}/secret.jpg`,
      `http://[::ffff:7f00:1]:${port}/secret.jpg`,
      'http://192.168.1.1/secret.jpg',
      'http://[fe80::1]/secret.jpg',
    ]) {
      expect(await downloadImageToLibrary(url, { uploadedBy: null }), url).toEqual(refused)
    }
    for (const url of ['http://intranet.example.com/secret.jpg', `http://mixed.example.com:${port}/secret.jpg`]) {
      expect(await downloadImageToLibrary(url, { uploadedBy: null, ...internet }), url).toEqual(refused)
    }
    expect(secretAsked).toBe(0)
  })

  it('finding 10: --allow-private-images lets a mirror on loopback through, on every hop', async () => {
    secretAsked = 0
    expect(await downloadImageToLibrary(`${base}/secret.jpg`, { uploadedBy: null, ...mirror })).toMatchObject({ ok: true })
    expect(await downloadImageToLibrary('http://foto.example.com/to?http://127.0.0.1:PORT/secret.jpg', { uploadedBy: null, ...internet, ...mirror })).toMatchObject({ ok: true })
    expect(secretAsked).toBe(2)
  })

  it('finding 10: a refused address, a failed lookup, a closed port, a timeout, an error status and too many redirects read the same', async () => {
    const reasons = new Map<string, unknown>()
    const attempt = async (what: string, url: string, opts: ImageFetchOptions & { timeoutMs?: number }) => {
      const result = await downloadImageToLibrary(url, { uploadedBy: null, ...opts })
      reasons.set(what, result.ok ? 'fetched' : result.reason)
    }
    await attempt('loopback address', `${base}/secret.jpg`, {})
    await attempt('redirect to loopback', 'http://foto.example.com/to?http://127.0.0.1:PORT/secret.jpg', internet)
    await attempt('private name', 'http://intranet.example.com/x.jpg', internet)
    await attempt('unknown name', 'http://nowhere.example.com/x.jpg', internet)
    await attempt('closed port', 'http://closed.example.com/x.jpg', internet)
    await attempt('closed port on a mirror', `http://127.0.0.1:${closedPort}/x.jpg`, mirror)
    await attempt('slow answer', 'http://foto.example.com/slow-headers.jpg', { ...internet, timeoutMs: 300 })
    await attempt('stalled body', 'http://foto.example.com/stalled-body.jpg', { ...internet, timeoutMs: 300 })
    await attempt('error status', 'http://foto.example.com/missing.jpg', internet)
    await attempt('redirect loop', 'http://foto.example.com/loop', internet)
    await attempt('redirect to another scheme', 'http://foto.example.com/to?ftp://foto.example.com/x.jpg', internet)
    expect(Object.fromEntries(reasons)).toEqual(Object.fromEntries([...reasons.keys()].map((what) => [what, IMAGE_UNREACHABLE])))
    expect(IMAGE_UNREACHABLE).toEqual(expect.any(String))
  })
})
