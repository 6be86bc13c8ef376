import 'server-only'
import { getEnv } from '@/lib/env'
import { getSecret } from '@/lib/secrets'
import { REVALIDATE_SECRET_HEADER } from '@/lib/validation/revalidate'

/**
 * For CLIs on the server's machine (the Blogger import, maintenance scripts): after writing
 * SQLite, expire the running server's cached pages for these tags (app/api/revalidate). The
 * secret is read from the shared data folder. `baseUrl` defaults to this machine's server on
 * PORT, not SITE_URL, which may be a CDN. Throws when the server refuses or cannot be reached.
 */
export async function requestRevalidation(tags: string[], opts: { baseUrl?: string } = {}): Promise<string[]> {
  if (tags.length === 0) return []
  const baseUrl = (opts.baseUrl ?? `http://127.0.0.1:${getEnv().port}`).replace(/\/+$/, '')
  const response = await fetch(`${baseUrl}/api/revalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [REVALIDATE_SECRET_HEADER]: getSecret('revalidate') },
    body: JSON.stringify({ tags }),
  })
  if (!response.ok) throw new Error(`Revalidation at ${baseUrl} failed: HTTP ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { revalidated?: string[] }
  return body.revalidated ?? []
}
