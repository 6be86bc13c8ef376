/**
 * A lean HTTP/1.1 load generator for the benchmarks: keep-alive connections that each send one
 * GET, read the answer's framing (Content-Length or chunked) without decoding or keeping its body,
 * and send the next. It runs on the same two cores as the server it measures, so what it costs
 * per request is taken from the server's share. autocannon spent 35–190 µs of CPU per cached page
 * (it appends every body to a string), most when it cycled through pages of different sizes, and
 * more than the primary's own 34–53 µs, so its requests per second measured the load generator.
 * This one spends 24–45 µs, about what the server does (ADR 017, amended 2026-12-04 night).
 */
import net from 'node:net'

export type LoadOptions = {
  host?: string
  port: number
  /** Request paths, asked for in turn by every connection (each starts at another one). */
  paths: string[]
  connections: number
  seconds: number
  headers?: Record<string, string>
  /** An answer slower than this counts as an error and its connection is opened again (10 s). */
  timeoutMs?: number
  /** Called with each answer's status and time in ms, as it completes. */
  onResponse?: (status: number, ms: number) => void
}

export type LoadResult = {
  /** Completed answers. */
  requests: number
  rps: number
  /** Completed answers by status. */
  statuses: Record<number, number>
  /** Connections refused, reset, closed mid-answer or timed out, and answers this reader cannot frame. */
  errors: number
  latency: { p50: number; p99: number; max: number }
  /** Body bytes received (as sent: compressed when the server compressed). */
  bodyBytes: number
}

const CRLF = Buffer.from('\r\n')
const HEAD_END = Buffer.from('\r\n\r\n')
/** Longer heads (or chunk-size lines) than this are not HTTP this reader will wait for. */
const MAX_HEAD_BYTES = 64 * 1024

type State = 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer'

/**
 * Frames HTTP/1.1 responses out of a byte stream (to a GET: a HEAD's answer has no body).
 * `feed` calls `onResponse` once per complete response; it throws on what it cannot frame.
 */
export class ResponseFramer {
  private state: State = 'head'
  private pending: Buffer | null = null
  private remaining = 0
  private status = 0
  private bodyBytes = 0

  constructor(private readonly onResponse: (status: number, bodyBytes: number) => void) {}

  feed(data: Buffer): void {
    let buf = data
    if (this.pending) {
      buf = Buffer.concat([this.pending, data])
      this.pending = null
    }
    let i = 0
    while (i < buf.length) {
      switch (this.state) {
        case 'head': {
          const end = buf.indexOf(HEAD_END, i)
          if (end === -1) return this.keep(buf, i)
          this.readHead(buf.toString('latin1', i, end))
          i = end + HEAD_END.length
          break
        }
        case 'body':
        case 'chunk-data':
        case 'chunk-end': {
          const take = Math.min(this.remaining, buf.length - i)
          i += take
          this.remaining -= take
          if (this.state !== 'chunk-end') this.bodyBytes += take
          if (this.remaining > 0) break
          if (this.state === 'body') this.complete()
          else if (this.state === 'chunk-data') {
            // Each chunk's data ends with CRLF.
            this.state = 'chunk-end'
            this.remaining = CRLF.length
          } else this.state = 'chunk-size'
          break
        }
        case 'chunk-size': {
          const end = buf.indexOf(CRLF, i)
          if (end === -1) return this.keep(buf, i)
          const line = buf.toString('latin1', i, end)
          const size = Number.parseInt(line.split(';', 1)[0]!.trim(), 16)
          if (!Number.isFinite(size) || size < 0) throw new Error(`Bad chunk size line ${JSON.stringify(line.slice(0, 40))}`)
          i = end + CRLF.length
          if (size === 0) this.state = 'trailer'
          else {
            this.state = 'chunk-data'
            this.remaining = size
          }
          break
        }
        case 'trailer': {
          const end = buf.indexOf(CRLF, i)
          if (end === -1) return this.keep(buf, i)
          const empty = end === i
          i = end + CRLF.length
          if (empty) this.complete()
          break
        }
      }
    }
  }

  private keep(buf: Buffer, from: number): void {
    if (buf.length - from > MAX_HEAD_BYTES) throw new Error('A response head or chunk line longer than 64 KB')
    this.pending = Buffer.from(buf.subarray(from))
  }

  private readHead(head: string): void {
    const lines = head.split('\r\n')
    const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')
    if (!statusLine) throw new Error(`Not an HTTP/1.x status line: ${JSON.stringify((lines[0] ?? '').slice(0, 40))}`)
    this.status = Number(statusLine[1])
    this.bodyBytes = 0
    let length: number | null = null
    let chunked = false
    for (let n = 1; n < lines.length; n++) {
      const line = lines[n]!
      const colon = line.indexOf(':')
      if (colon === -1) continue
      const name = line.slice(0, colon).trim().toLowerCase()
      if (name === 'content-length') length = Number(line.slice(colon + 1).trim())
      else if (name === 'transfer-encoding') chunked = line.slice(colon + 1).toLowerCase().includes('chunked')
    }
    // No body: informational answers, 204 and 304.
    if (this.status < 200 || this.status === 204 || this.status === 304) {
      if (this.status >= 200) this.complete()
      return
    }
    if (chunked) this.state = 'chunk-size'
    else if (length !== null && Number.isSafeInteger(length) && length >= 0) {
      this.state = 'body'
      this.remaining = length
      if (length === 0) this.complete()
    } else throw new Error('A response framed by closing the connection: keep-alive load needs a length')
  }

  private complete(): void {
    this.state = 'head'
    this.remaining = 0
    this.onResponse(this.status, this.bodyBytes)
  }
}

/** Sends `paths` in turn over `connections` keep-alive connections for `seconds`. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const host = opts.host ?? '127.0.0.1'
  const timeoutMs = opts.timeoutMs ?? 10_000
  const extra = Object.entries(opts.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  const requests = opts.paths.map((p) => Buffer.from(`GET ${p} HTTP/1.1\r\nHost: ${host}:${opts.port}\r\n${extra}\r\n`, 'latin1'))
  if (requests.length === 0) throw new Error('runLoad needs at least one path')
  const statuses: Record<number, number> = {}
  const latencies: number[] = []
  let done = 0
  let errors = 0
  let bodyBytes = 0
  const started = performance.now()
  const until = started + opts.seconds * 1000

  /** One connection, opened again (after a pause) when the server closes it or stops answering. */
  const client = (first: number) =>
    new Promise<void>((resolve) => {
      let next = first
      const open = () => {
        let sentAt = 0
        let settled = false
        const socket = net.connect(opts.port, host)
        socket.setNoDelay(true)
        // A request not answered within this long counts as an error, as autocannon's did.
        socket.setTimeout(timeoutMs, () => {
          errors += 1
          settled = true
          socket.destroy()
        })
        const send = () => {
          sentAt = performance.now()
          socket.write(requests[next]!)
          next = (next + 1) % requests.length
        }
        const framer = new ResponseFramer((status, bytes) => {
          const now = performance.now()
          latencies.push(now - sentAt)
          opts.onResponse?.(status, now - sentAt)
          statuses[status] = (statuses[status] ?? 0) + 1
          bodyBytes += bytes
          done += 1
          if (now < until) send()
          else {
            settled = true
            socket.end()
          }
        })
        socket.on('connect', send)
        socket.on('data', (data: Buffer) => {
          try {
            framer.feed(data)
          } catch {
            errors += 1
            settled = true
            socket.destroy()
          }
        })
        // Counted once, on close: a refused or reset connection, or one closed mid-answer.
        socket.on('error', () => {})
        socket.on('close', () => {
          if (!settled) errors += 1
          if (performance.now() < until) setTimeout(open, 100)
          else resolve()
        })
      }
      open()
    })
  await Promise.all(Array.from({ length: opts.connections }, (_, c) => client(c % requests.length)))

  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? Number.NaN
  return {
    requests: done,
    rps: done / elapsed,
    statuses,
    errors,
    latency: { p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? Number.NaN },
    bodyBytes,
  }
}
