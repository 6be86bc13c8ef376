import crypto from 'node:crypto'
import { revalidateTag } from 'next/cache'
import { TAGS } from '@/lib/cache-tags'
import { noteRedirectsChanged } from '@/lib/redirects/signal'
import { getSecret } from '@/lib/secrets'
import { REVALIDATE_SECRET_HEADER, revalidateInput } from '@/lib/validation/revalidate'

const MAX_BODY_BYTES = 64 * 1024
const NO_STORE = { 'Cache-Control': 'private, no-store' }

const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: NO_STORE })

/** Compared as SHA-256 digests, so timingSafeEqual gets equal lengths and the length leaks nothing. */
function isAuthorized(given: string | null): boolean {
  if (!given) return false
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest()
  return crypto.timingSafeEqual(digest(given), digest(getSecret('revalidate')))
}

/**
 * Expires cache tags for a writer in another process (the Blogger import, scripts): it writes
 * SQLite, then POSTs `{ "tags": [...] }` here with the secret from DATA_DIR/secrets.json
 * (lib/revalidate-client.ts). Answers 401 without the right secret, 400 for a bad body.
 */
export async function POST(request: Request) {
  if (!isAuthorized(request.headers.get(REVALIDATE_SECRET_HEADER))) return reply(401, { ok: false, error: 'unauthorized' })

  const text = await request.text()
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return reply(400, { ok: false, error: 'body too large' })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return reply(400, { ok: false, error: 'body must be JSON' })
  }
  const parsed = revalidateInput.safeParse(json)
  if (!parsed.success) {
    return reply(400, { ok: false, error: 'invalid input', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) })
  }

  for (const tag of parsed.data.tags) revalidateTag(tag, { expire: 0 })
  if (parsed.data.tags.includes(TAGS.redirects)) noteRedirectsChanged()
  return reply(200, { ok: true, revalidated: parsed.data.tags })
}
