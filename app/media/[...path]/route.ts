import { Readable } from 'node:stream'
import { isEtagMatch, type MediaFile, mediaContentType, parseMediaPath } from '@/lib/media/paths'
import { ensureShareImage, ShareImageBusyError } from '@/lib/media/share'
import { ensureSiteCard, siteCardKey } from '@/lib/media/site-card'
import { getMediaStorage, type MediaObject } from '@/lib/media/storage'
import { getCurrentSiteCardInput } from '@/lib/seo/site-share'

// A file name holds 64 random bits (or the hash of what the file shows) and is never
// rewritten, so a response may be cached for good.
const CACHE_CONTROL = 'public, max-age=31536000, immutable'

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/**
 * Serves what lib/media writes to the media store (lib/media/storage.ts): the WebP variants,
 * the share images of each image and the site's share card. A share image that does not exist yet (an image
 * stored before share images existed, a card after the name or logo changed) is made on
 * this first request.
 */
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const file = parseMediaPath((await params).path)
  if (!file) return notFound()

  // parseMediaPath allows no `..`; the store refuses such keys too, should that pattern ever loosen.
  const storage = getMediaStorage()
  let stat = await statOrNull(file.relativePath)
  if (!stat && file.kind !== 'variant') {
    try {
      if (!(await makeShareFile(file))) return notFound()
    } catch (error) {
      if (error instanceof ShareImageBusyError) {
        return new Response('Busy', { status: 503, headers: { 'Retry-After': '5', 'Content-Type': 'text/plain; charset=utf-8' } })
      }
      throw error
    }
    stat = await statOrNull(file.relativePath)
  }
  if (!stat) return notFound()

  const etag = `"${stat.size.toString(36)}-${Math.trunc(stat.modifiedAt.getTime()).toString(36)}"`
  const headers = {
    'Cache-Control': CACHE_CONTROL,
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  }
  if (isEtagMatch(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers })
  }

  const fileHeaders = { ...headers, 'Content-Type': mediaContentType(file), 'Content-Length': String(stat.size) }
  // Next answers HEAD with this handler; don't open a stream that nobody will read.
  if (request.method === 'HEAD') return new Response(null, { headers: fileHeaders })
  const opened = await storage.open(file.relativePath)
  if (!opened) return notFound()
  const body = Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>
  return new Response(body, { headers: fileHeaders })
}

/** A file the store cannot tell us about is one we cannot serve: a 404, as for a missing one. */
async function statOrNull(key: string): Promise<MediaObject | null> {
  try {
    return await getMediaStorage().stat(key)
  } catch {
    return null
  }
}

/** Makes a missing share file; false when there is nothing to make it from (a 404). */
async function makeShareFile(file: Exclude<MediaFile, { kind: 'variant' }>): Promise<boolean> {
  if (file.kind === 'share') return (await ensureShareImage(file.storageKey, file.shape)) !== null
  // Only the card the settings describe now: an old or made-up key draws nothing.
  const input = await getCurrentSiteCardInput()
  if (siteCardKey(input) !== file.cardKey) return false
  return (await ensureSiteCard(input, file.shape)) !== null
}
