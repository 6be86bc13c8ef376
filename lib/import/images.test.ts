import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { getMedia } from '@/db/queries/media'
import { media } from '@/db/schema'
import { getEnv } from '@/lib/env'
import { mediaFileName } from '@/lib/media/paths'
import { createUser } from '@/tests/factories'
import { downloadImageToLibrary } from './images'

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/images', name))
const jpeg = fixture('exif-gps.jpg')

/*
 * Real requests over loopback: the server below answers each path the way a misbehaving image
 * host might, so the timeout, size cap and sniffing are tested through fetch's actual streams.
 */
let server: http.Server
let base: string

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
      default:
        return send(500, 'unexpected', 'text/plain')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const mediaCount = () => getDb().select({ id: media.id }).from(media).all().length

describe('downloadImageToLibrary', () => {
  it('stores a fetched JPEG through the upload pipeline and inserts its media row', async () => {
    const editor = createUser({ role: 'editor' })
    const result = await downloadImageToLibrary(`${base}/foto/sawah%20panen.jpg`, { uploadedBy: editor.id, alt: '  Panen raya  ' })
    expect(result).toEqual({ ok: true, mediaId: expect.any(Number) })
    if (!result.ok) return
    const item = getMedia(result.mediaId)!
    expect(item.alt).toBe('Panen raya')
    expect(item.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{16}$/)
    for (const width of item.variants) {
      expect(fs.existsSync(path.join(getEnv().uploadsDir, mediaFileName(item.storageKey, width)))).toBe(true)
    }
    const row = getDb().select().from(media).all().find((r) => r.id === result.mediaId)!
    expect(row).toMatchObject({ uploadedBy: editor.id, originalName: 'sawah panen.jpg', mime: 'image/webp' })
  })

  it('accepts an image whatever Content-Type it is served with, and follows redirects', async () => {
    expect(await downloadImageToLibrary(`${base}/lies-about-type`, { uploadedBy: null })).toMatchObject({ ok: true })
    expect(await downloadImageToLibrary(`${base}/redirect`, { uploadedBy: null })).toMatchObject({ ok: true })
  })

  it('refuses what is not an image, whatever its name or Content-Type says', async () => {
    const before = mediaCount()
    expect(await downloadImageToLibrary(`${base}/html-renamed.jpg`, { uploadedBy: null })).toEqual({ ok: false, reason: 'not an image' })
    expect(await downloadImageToLibrary(`${base}/script.svg`, { uploadedBy: null })).toEqual({ ok: false, reason: 'not an image' })
    expect(mediaCount()).toBe(before)
  })

  it('refuses a decompression bomb by its pixel count', async () => {
    expect(await downloadImageToLibrary(`${base}/pixel-bomb.png`, { uploadedBy: null })).toEqual({ ok: false, reason: 'more than 100 megapixels' })
  })

  it('reports an HTTP error status', async () => {
    expect(await downloadImageToLibrary(`${base}/missing.jpg`, { uploadedBy: null })).toEqual({ ok: false, reason: 'HTTP 404' })
  })

  it('refuses a body over the cap, declared or counted while streaming', async () => {
    expect(await downloadImageToLibrary(`${base}/declared-large.jpg`, { uploadedBy: null, maxBytes: 1024 * 1024 })).toEqual({
      ok: false,
      reason: 'larger than 1 MB',
    })
    expect(await downloadImageToLibrary(`${base}/chunked-large.jpg`, { uploadedBy: null, maxBytes: 1024 * 1024 })).toEqual({
      ok: false,
      reason: 'larger than 1 MB',
    })
  })

  it('caps at the upload limit by default, and never above it', async () => {
    for (const maxBytes of [undefined, 50 * 1024 * 1024]) {
      expect(await downloadImageToLibrary(`${base}/declared-11mb.jpg`, { uploadedBy: null, maxBytes })).toEqual({
        ok: false,
        reason: 'larger than 10 MB',
      })
    }
  })

  it('gives up on a server that is slow to answer or stalls mid-body', async () => {
    const started = Date.now()
    expect(await downloadImageToLibrary(`${base}/slow-headers.jpg`, { uploadedBy: null, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: 'timed out after 0.3 s',
    })
    expect(await downloadImageToLibrary(`${base}/stalled-body.jpg`, { uploadedBy: null, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: 'timed out after 0.3 s',
    })
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('fetches only http and https URLs', async () => {
    const fetchImpl = (() => {
      throw new Error('must not be called')
    }) as unknown as typeof fetch
    expect(await downloadImageToLibrary('file:///etc/passwd', { uploadedBy: null, fetchImpl })).toEqual({ ok: false, reason: 'not an http(s) URL (file)' })
    expect(await downloadImageToLibrary('data:image/png;base64,AAAA', { uploadedBy: null, fetchImpl })).toEqual({ ok: false, reason: 'not an http(s) URL (data)' })
    expect(await downloadImageToLibrary('//example.com/x.jpg', { uploadedBy: null, fetchImpl })).toEqual({ ok: false, reason: 'not a valid URL' })
  })

  it('reports a refused connection as a network error', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    expect(await downloadImageToLibrary(`http://127.0.0.1:${port}/x.jpg`, { uploadedBy: null })).toEqual({
      ok: false,
      reason: 'network error (ECONNREFUSED)',
    })
  })
})
