import crypto from 'node:crypto'
import { revalidateTag } from 'next/cache'
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
 * Expires cache tags for a script that cannot reach the shared tag store (the import CLI and the
 * scheduler append to it directly, lib/cache/expire.ts): it POSTs `{ "tags": [...] }` here with
 * the secret from DATA_DIR/secrets.json. Answers 401 without the right secret, 400 for a bad body.
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

  // The page cache handler shares each expiry with every server process (ADR 007).
  for (const tag of parsed.data.tags) revalidateTag(tag, { expire: 0 })
  return reply(200, { ok: true, revalidated: parsed.data.tags })
}
