import { connection } from 'next/server'
import { createMedia, listMedia } from '@/db/queries/media'
import { adminRoute } from '@/lib/auth/guards'
import { isSameOrigin } from '@/lib/auth/same-origin'
import { t } from '@/lib/i18n/id'
import { ImageTooLargeError, MAX_IMAGE_BYTES, NotAnImageError, storeImage } from '@/lib/media/process'
import { mediaCursor, mediaUploadText } from '@/lib/validation/media'
import { readAtMost } from '@/lib/http/read-limited'

/*
 * The media library's API, used by the library page's upload form and by the article editor's
 * media picker. The JSON shapes are a contract with the editor: change them only together.
 *
 * Request size: a route handler gets the body as a stream, so the upload is counted as it
 * arrives and refused at MAX_BODY_BYTES without buffering more. If a proxy.ts is added, Next
 * buffers the body there first and silently truncates it at `experimental.proxyClientMaxBodySize`
 * (10 MB by default): keep /api/media out of the proxy's matcher or raise that limit above
 * MAX_BODY_BYTES, or uploads near 10 MB arrive cut short and fail as "not an image".
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' }
/** The file may be 10 MB; multipart boundaries, part headers, alt text and caption come on top. */
const MAX_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024

type MediaJson = { id: number; storageKey: string; width: number; height: number; alt: string; caption: string }

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: NO_STORE })

/** GET /api/media?after=ID → `{ items, nextCursor }`, newest first, 40 a page. */
export async function GET(request: Request) {
  // cacheComponents would otherwise try to prerender this GET at build time.
  await connection()
  const staff = await adminRoute('media:upload')
  if (staff instanceof Response) return staff
  const cursor = mediaCursor.safeParse(new URL(request.url).searchParams.get('after') ?? undefined)
  if (!cursor.success) return json({ error: t.admin.errors.invalid }, 400)
  const page = await listMedia(cursor.data)
  return json({
    items: page.items.map(({ id, storageKey, width, height, alt, caption }): MediaJson => ({ id, storageKey, width, height, alt, caption })),
    nextCursor: page.nextCursor,
  })
}

type UploadOutcome =
  | { ok: true; media: MediaJson }
  | { ok: false; status: 403 | 413 | 422; error: string; code: 'forbidden' | 'too-large' | 'not-an-image' | 'missing-file' | 'invalid' }

/**
 * POST /api/media, multipart: `file` plus optional `alt` and `caption` → 201 with the new item.
 * A browser form posted without JavaScript (it asks for HTML) is sent back to the library page
 * with the outcome in the query string instead of JSON.
 */
export async function POST(request: Request) {
  const staff = await adminRoute('media:upload')
  if (staff instanceof Response) return staff
  const outcome = await upload(request, staff.id)
  if (wantsHtml(request)) {
    const code = outcome.ok ? 'ok' : outcome.code
    return new Response(null, { status: 303, headers: { ...NO_STORE, Location: `/admin/media?unggah=${code}` } })
  }
  return outcome.ok ? json(outcome.media, 201) : json({ error: outcome.error }, outcome.status)
}

async function upload(request: Request, staffId: number): Promise<UploadOutcome> {
  if (!isSameOrigin(request)) return { ok: false, status: 403, code: 'forbidden', error: t.admin.errors.forbidden }
  const m = t.admin.media
  const tooLarge = { ok: false, status: 413, code: 'too-large', error: m.tooLarge } as const
  const missing = { ok: false, status: 422, code: 'missing-file', error: m.missingFile } as const

  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) return missing
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return tooLarge

  const body = await readAtMost(request.body, MAX_BODY_BYTES)
  if (body === 'too-large') return tooLarge

  let form: FormData
  try {
    form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type')! } }).formData()
  } catch {
    return missing
  }
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return missing
  if (file.size > MAX_IMAGE_BYTES) return tooLarge
  const text = mediaUploadText.safeParse({ alt: form.get('alt') ?? '', caption: form.get('caption') ?? '' })
  if (!text.success) return { ok: false, status: 422, code: 'invalid', error: text.error.issues[0]?.message ?? t.admin.errors.invalid }

  let stored
  try {
    stored = await storeImage(Buffer.from(await file.arrayBuffer()), { originalName: file.name })
  } catch (error) {
    if (error instanceof ImageTooLargeError) {
      return { ...tooLarge, error: error.limit === 'pixels' ? m.tooManyPixels : m.tooLarge }
    }
    if (error instanceof NotAnImageError) return { ok: false, status: 422, code: 'not-an-image', error: m.notAnImage }
    console.error('media upload failed', { route: 'POST /api/media', userId: staffId, error })
    throw error
  }
  const { id } = await createMedia({ ...stored, alt: text.data.alt, caption: text.data.caption, uploadedBy: staffId })
  return {
    ok: true,
    media: { id, storageKey: stored.storageKey, width: stored.width, height: stored.height, alt: text.data.alt, caption: text.data.caption },
  }
}

/** A form submitted by the browser itself (no JavaScript) asks for HTML; fetch and XHR send `*\/*`. */
function wantsHtml(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html')
}
