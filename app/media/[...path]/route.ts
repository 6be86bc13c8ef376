import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { getEnv } from '@/lib/env'
import { isEtagMatch, parseMediaPath } from '@/lib/media/paths'

// A file name holds 64 random bits and is never rewritten, so a response may be cached for good.
const CACHE_CONTROL = 'public, max-age=31536000, immutable'

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/** Serves the WebP variants that lib/media/process.ts writes under the uploads folder. */
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const file = parseMediaPath((await params).path)
  if (!file) return notFound()

  const root = getEnv().uploadsDir
  const absolute = path.resolve(root, file.relativePath)
  // parseMediaPath already allows no `..`; this keeps the route safe if that pattern is ever loosened.
  if (!absolute.startsWith(root + path.sep)) return notFound()

  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(absolute)
  } catch {
    return notFound()
  }
  if (!stat.isFile()) return notFound()

  const etag = `"${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}"`
  const headers = {
    'Cache-Control': CACHE_CONTROL,
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  }
  if (isEtagMatch(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers })
  }

  const fileHeaders = { ...headers, 'Content-Type': 'image/webp', 'Content-Length': String(stat.size) }
  // Next answers HEAD with this handler; don't open a stream that nobody will read.
  if (request.method === 'HEAD') return new Response(null, { headers: fileHeaders })
  const body = Readable.toWeb(fs.createReadStream(absolute)) as ReadableStream<Uint8Array>
  return new Response(body, { headers: fileHeaders })
}
