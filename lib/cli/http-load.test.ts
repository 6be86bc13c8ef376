import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ResponseFramer, runLoad } from './http-load'

function frame(input: string | Buffer, pieces: number[] | 'bytes' = []) {
  const seen: Array<[number, number]> = []
  const framer = new ResponseFramer((status, bytes) => seen.push([status, bytes]))
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input, 'latin1')
  if (pieces === 'bytes') for (let i = 0; i < buf.length; i++) framer.feed(buf.subarray(i, i + 1))
  else {
    let at = 0
    for (const p of [...pieces, buf.length]) {
      framer.feed(buf.subarray(at, p))
      at = p
    }
  }
  return { seen }
}

const lengthed = (status: number, body: string) => `HTTP/1.1 ${status} X\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: text/html\r\n\r\n${body}`
const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhallo\r\nA\r\n0123456789\r\n0\r\nX-Trailer: ya\r\n\r\n'

describe('ResponseFramer', () => {
  it('frames Content-Length and chunked answers, whole, split anywhere or a byte at a time', () => {
    const stream = lengthed(200, '<p>halaman</p>') + chunked + 'HTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\n' + lengthed(404, '')
    const want = [[200, 14], [200, 15], [304, 0], [404, 0]]
    expect(frame(stream)).toEqual({ seen: want })
    expect(frame(stream, 'bytes')).toEqual({ seen: want })
    for (let cut = 1; cut < stream.length; cut += 7) expect(frame(stream, [cut]).seen, String(cut)).toEqual(want)
  })

  it('reports nothing for an answer cut off before its end', () => {
    expect(frame(lengthed(200, 'abcdef').slice(0, -2)).seen).toEqual([])
    expect(frame(chunked.slice(0, -2)).seen).toEqual([])
  })

  it('refuses what it cannot frame', () => {
    expect(() => frame('SSH-2.0-OpenSSH\r\n\r\n')).toThrow(/status line/)
    expect(() => frame('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nbody')).toThrow(/length/)
    expect(() => frame('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toThrow(/chunk size/)
    expect(() => frame(Buffer.alloc(70 * 1024, 'a'))).toThrow(/64 KB/)
  })
})

describe('runLoad', () => {
  const seen: string[] = []
  let server: http.Server
  let port = 0

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.url} ${req.headers['accept-encoding']}`)
      if (req.url === '/gzip') {
        const body = zlib.gzipSync(Buffer.from('halaman '.repeat(500)))
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': body.length })
        res.end(body)
      } else if (req.url === '/stream') {
        res.writeHead(200)
        res.write('satu ')
        setImmediate(() => res.end('dua'))
      } else if (req.url === '/diam') {
        // Never answers.
      } else if (req.url === '/putus') {
        req.socket.destroy()
      } else {
        res.writeHead(404, { 'content-length': 0 })
        res.end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('asks for every path in turn on keep-alive connections and counts answers by status', async () => {
    const r = await runLoad({ port, paths: ['/gzip', '/stream', '/tidak-ada'], connections: 3, seconds: 0.3, headers: { 'accept-encoding': 'gzip' } })
    expect(r.errors).toBe(0)
    expect(r.requests).toBeGreaterThan(30)
    expect(Object.keys(r.statuses).sort()).toEqual(['200', '404'])
    // Each connection starts at another path and takes them in turn.
    expect(Math.abs(r.statuses[200]! - 2 * r.statuses[404]!)).toBeLessThanOrEqual(6)
    expect(r.statuses[200]! + r.statuses[404]!).toBe(r.requests)
    expect(seen.every((s) => s.endsWith(' gzip'))).toBe(true)
    expect(r.latency.p50).toBeGreaterThan(0)
    expect(r.latency.p99).toBeGreaterThanOrEqual(r.latency.p50)
    expect(r.bodyBytes).toBeGreaterThan(0)
  })

  it('counts an answer that never comes and a connection cut off as errors, and connects again', async () => {
    const silent = await runLoad({ port, paths: ['/diam'], connections: 2, seconds: 0.5, timeoutMs: 100 })
    expect(silent.requests).toBe(0)
    // Each connection timed out, paused 100 ms and tried again.
    expect(silent.errors).toBeGreaterThanOrEqual(4)
    const cut = await runLoad({ port, paths: ['/putus', '/tidak-ada'], connections: 1, seconds: 0.5 })
    expect(cut.errors).toBeGreaterThanOrEqual(2)
    expect(cut.statuses[404]).toBeGreaterThanOrEqual(2)
  })
})

