import 'server-only'
import { createMedia } from '@/db/queries/media'
import { detectImageType, ImageTooLargeError, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, NotAnImageError, storeImage } from '@/lib/media/process'
import { MEDIA_TEXT_LIMITS } from '@/lib/validation/media'
import { readAtMost } from '@/lib/http/read-limited'

/*
 * Images referenced by an import, fetched into the media library (`--download-images`).
 * A failure is an expected outcome: it comes back as a short English reason for the import
 * report, and the article keeps the image's original URL.
 *
 * The URLs come from an export file an administrator chose to import, so any http(s) address
 * is fetched, private ones included. Only bytes that decode as an image are ever kept.
 */

export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 15_000

export type DownloadImageOptions = {
  uploadedBy: number | null
  /** Whole request, body included. Default 15 s. */
  timeoutMs?: number
  /** Default and upper bound: MAX_IMAGE_BYTES, the upload limit storeImage enforces. */
  maxBytes?: number
  /** Alt text for the media row (trimmed, capped like an upload's). */
  alt?: string
  fetchImpl?: typeof fetch
}

export type DownloadImageResult = { ok: true; mediaId: number } | { ok: false; reason: string }

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

  // One signal for the headers and the body: a server that trickles bytes is cut off too.
  const signal = AbortSignal.timeout(timeoutMs)
  const timedOut = () => fail(`timed out after ${formatSeconds(timeoutMs)}`)
  let body: Buffer
  try {
    const res = await (opts.fetchImpl ?? fetch)(parsed, { signal, redirect: 'follow', headers: { accept: 'image/*' } })
    if (!res.ok) {
      await res.body?.cancel().catch(() => {})
      return fail(`HTTP ${res.status}`)
    }
    const declared = Number(res.headers.get('content-length'))
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => {})
      return fail(`larger than ${formatBytes(maxBytes)}`)
    }
    const read = await readAtMost(res.body, maxBytes)
    if (read === 'too-large') return fail(`larger than ${formatBytes(maxBytes)}`)
    body = read
  } catch (error) {
    if (signal.aborted) return timedOut()
    return fail(networkReason(error))
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
  const { id } = createMedia({ ...stored, alt: (opts.alt ?? '').trim().slice(0, MEDIA_TEXT_LIMITS.alt), uploadedBy: opts.uploadedBy })
  return { ok: true, mediaId: id }
}

/** "network error (ECONNREFUSED)": undici wraps the system error as `cause` of a TypeError. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  const code = cause && typeof cause.code === 'string' ? cause.code : null
  return code ? `network error (${code})` : 'network error'
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

const formatSeconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`
