import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getSecret } from '@/lib/secrets'
import { REVALIDATE_SECRET_HEADER } from '@/lib/validation/revalidate'

const revalidateTag = vi.fn()
vi.mock('next/cache', () => ({ revalidateTag: (...args: unknown[]) => revalidateTag(...args) }))

const { POST } = await import('./route')

function post(body: unknown, secret: string | null = getSecret('revalidate')) {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (secret !== null) headers.set(REVALIDATE_SECRET_HEADER, secret)
  return POST(new Request('http://localhost/api/revalidate', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }))
}

describe('POST /api/revalidate', () => {
  beforeEach(() => revalidateTag.mockClear())

  it('expires each tag at once for a caller with the secret', async () => {
    const res = await post({ tags: ['article:1', 'articles:latest', 'article:1', 'redirects'] })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, revalidated: ['article:1', 'articles:latest', 'redirects'] })
    expect(revalidateTag.mock.calls).toEqual([
      ['article:1', { expire: 0 }],
      ['articles:latest', { expire: 0 }],
      ['redirects', { expire: 0 }],
    ])
    expect(res.headers.get('cache-control')).toBe('private, no-store')
  })

  it('answers 401 without the right secret and expires nothing', async () => {
    for (const secret of [null, '', 'salah', `${getSecret('revalidate')}x`]) {
      expect((await post({ tags: ['site'] }, secret)).status).toBe(401)
    }
    expect(revalidateTag).not.toHaveBeenCalled()
  })

  it('answers 400 for a body that is not a list of tags', async () => {
    for (const body of ['not json', {}, { tags: [] }, { tags: ['Bad Tag'] }, { tags: 'site' }, { tags: ['x'.repeat(300)] }, `{"tags":["${'a'.repeat(70_000)}"]}`]) {
      expect((await post(body)).status, JSON.stringify(body).slice(0, 40)).toBe(400)
    }
    expect(revalidateTag).not.toHaveBeenCalled()
  })
})
