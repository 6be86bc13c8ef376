import 'server-only'
import { lookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { createMedia } from '@/db/queries/media'
import { isPublicAddress } from '@/lib/http/public-address'
import { detectImageType, ImageTooLargeError, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, NotAnImageError, storeImage } from '@/lib/media/process'
import { MEDIA_TEXT_LIMITS } from '@/lib/validation/media'

/*
 * Images referenced by an import, fetched into the media library (`--download-images`).
 * A failure is an expected outcome: it comes back as a short English reason for the import
 * report, and the article keeps the image's original URL.
 *
 * The URLs come from an export file, which anyone could have written, so the fetch must not
 * become a way into the server's own network (issue 10, finding 10):
 *  - redirects are followed by hand, at most MAX_REDIRECTS of them, and every hop is checked:
 *    http(s) only, its host name resolved and refused when any of its addresses is loopback,
 *    private, link-local or otherwise not public (lib/http/public-address.ts);
 *  - the connection goes to the address that was checked (the request names an IP; the host
 *    name only travels in the Host header and TLS's SNI), so a second DNS answer cannot
 *    swap in another address;
 *  - every way of not getting an answer (a refused address, a failed DNS lookup, a closed port,
 *    a timeout, an error status, too many redirects) gives the same reason, IMAGE_UNREACHABLE,
 *    so the report cannot be used to map which ports or hosts answer.
 * `allowPrivateAddresses` (`--allow-private-images`) lifts the address check for a mirror of
 * the images on the local network. Only bytes that decode as an image are ever kept.
 */

export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 15_000
/** Redirects followed before giving up. */
export const MAX_REDIRECTS = 5
/** The one reason for every network failure (see the module comment). */
export const IMAGE_UNREACHABLE = 'could not be fetched'

export type ResolvedAddress = { address: string; family: number }

export type ImageFetchOptions = {
  /** Fetch from loopback, private and link-local addresses too: a local mirror (`--allow-private-images`). */
  allowPrivateAddresses?: boolean
  /** Host name → its addresses. Default: the system resolver (node:dns lookup, every address). */
  resolveHost?: (hostname: string) => Promise<ResolvedAddress[]>
  /**
   * Tests only: where a connection to a checked address and port really goes (a stand-in for
   * the internet on loopback). Applied after the check; never set outside tests.
   */
  reroute?: (address: string, port: number) => { address: string; port: number }
}

export type DownloadImageOptions = ImageFetchOptions & {
  uploadedBy: number | null
  /** Whole download, every redirect and the body included. Default 15 s. */
  timeoutMs?: number
  /** Default and upper bound: MAX_IMAGE_BYTES, the upload limit storeImage enforces. */
  maxBytes?: number
  /** Alt text for the media row (trimmed, capped like an upload's). */
  alt?: string
}

export type DownloadImageResult = { ok: true; mediaId: number } | { ok: false; reason: string }

/** Thrown inside the fetch for every network failure; reported as IMAGE_UNREACHABLE. */
class Unreachable extends Error {}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

const systemResolver = async (hostname: string): Promise<ResolvedAddress[]> => lookup(hostname, { all: true, verbatim: true })

/**
 * Fetches `url` and stores it exactly as an upload through POST /api/media would be stored:
 * storeImage() writes the WebP variants, createMedia() inserts the row. Never throws for a
 * bad URL, network failure, timeout, oversized or non-image response; those return a reason.
 */
export async function downloadImageToLibrary(url: string, opts: DownloadImageOptions): Promise<DownloadImageResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS
  const maxBytes = Math.min(opts.maxBytes ?? MAX_IMAGE_BYTES, MAX_IMAGE_BYTES)
  const fail = (reason: string): DownloadImageResult => ({ ok: false, reason })

  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return fail('not a valid URL')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return fail(`not an http(s) URL (${parsed.protocol.replace(/:$/, '')})`)

  // One signal for every hop, the lookups and the body: a server that trickles bytes is cut off too.
  const signal = AbortSignal.timeout(timeoutMs)
  let body: Buffer
  try {
    const res = await fetchFollowingRedirects(parsed, opts, signal)
    const declared = Number(res.headers['content-length'])
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.destroy()
      return fail(`larger than ${formatBytes(maxBytes)}`)
    }
    const read = await readAtMost(res, maxBytes)
    if (read === 'too-large') return fail(`larger than ${formatBytes(maxBytes)}`)
    body = read
  } catch {
    // Unreachable, a timeout, a reset connection, a TLS failure: all the same to the report.
    return fail(IMAGE_UNREACHABLE)
  }

  // Cheap check first: an HTML error page served with 200 never reaches sharp.
  if (!detectImageType(body)) return fail('not an image')
  let stored
  try {
    stored = await storeImage(body, { originalName: fileNameOf(parsed) })
  } catch (error) {
    if (error instanceof NotAnImageError) return fail('not an image')
    if (error instanceof ImageTooLargeError) {
      return fail(error.limit === 'pixels' ? `more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels` : `larger than ${formatBytes(MAX_IMAGE_BYTES)}`)
    }
    throw error
  }
  const { id } = await createMedia({ ...stored, alt: (opts.alt ?? '').trim().slice(0, MEDIA_TEXT_LIMITS.alt), uploadedBy: opts.uploadedBy })
  return { ok: true, mediaId: id }
}

/** GET `url`, following redirects by hand and checking every hop; resolves with a 2xx response. */
async function fetchFollowingRedirects(start: URL, opts: ImageFetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  let url = start
  for (let redirects = 0; ; redirects++) {
    const target = await checkedAddress(url, opts, signal)
    const res = await get(url, target, signal)
    const status = res.statusCode ?? 0
    if (status >= 200 && status < 300) return res
    res.destroy()
    const location = res.headers.location
    if (!REDIRECTS.has(status) || !location || redirects >= MAX_REDIRECTS) throw new Unreachable(`HTTP ${status}`)
    try {
      url = new URL(location, url)
    } catch {
      throw new Unreachable('bad Location')
    }
  }
}

/** The address to connect to for `url`, once its scheme and every address of its host pass. */
async function checkedAddress(url: URL, opts: ImageFetchOptions, signal: AbortSignal): Promise<{ address: string; port: number }> {
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) throw new Unreachable('scheme')
  const host = hostOf(url)
  const family = isIP(host)
  const addresses = family ? [{ address: host, family }] : await abortable((opts.resolveHost ?? systemResolver)(host), signal)
  if (addresses.length === 0) throw new Unreachable('no address')
  if (!opts.allowPrivateAddresses && !addresses.every((a) => isPublicAddress(a.address))) throw new Unreachable('not public')
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80
  const address = addresses[0]!.address
  return opts.reroute ? opts.reroute(address, port) : { address, port }
}

/** One GET to `target`, naming `url`'s host in the Host header and (for https) the TLS server name. */
function get(url: URL, target: { address: string; port: number }, signal: AbortSignal): Promise<http.IncomingMessage> {
  const host = hostOf(url)
  const options: https.RequestOptions = {
    host: target.address,
    port: target.port,
    path: `${url.pathname}${url.search}`,
    method: 'GET',
    headers: { host: url.host, accept: 'image/*', 'accept-encoding': 'identity' },
    // A connection of its own for each request: none is kept for a later hop or download.
    agent: false,
    signal,
  }
  // The certificate is checked against the name; an IP literal sends no SNI.
  if (url.protocol === 'https:' && !isIP(host)) options.servername = host
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(options, resolve)
    req.on('error', reject)
    req.end()
  })
}

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Unreachable('timeout'))
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Unreachable('timeout'))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * Reads a response body whole, or answers 'too-large' as soon as more than `limit` bytes have
 * arrived (the rest is never read: the connection is closed).
 */
async function readAtMost(res: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      res.destroy()
      return 'too-large'
    }
    chunks.push(chunk)
  }
  if (!res.complete) throw new Unreachable('body cut short')
  return Buffer.concat(chunks, size)
}

function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').pop() ?? ''
  try {
    return decodeURIComponent(last.split('=')[0]!)
  } catch {
    return last
  }
}

function formatBytes(n: number): string {
  const mb = 1024 * 1024
  if (n >= mb && n % mb === 0) return `${n / mb} MB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`
  return `${n} bytes`
}
