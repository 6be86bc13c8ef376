import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { Staff } from '@/db/queries/users'
import type { GateData } from '@/lib/auth/gate'
import { createRequestGuard } from './request-guard'

type FakeResponse = { statusCode: number; headers: Record<string, string>; ended: boolean; body?: string }

function exchange(url: string, headers: IncomingHttpHeaders = {}, method = 'GET') {
  const req = { url, method, headers: { ...headers } } as IncomingMessage
  const out: FakeResponse = { statusCode: 200, headers: {}, ended: false }
  const res = {
    get statusCode() {
      return out.statusCode
    },
    set statusCode(value: number) {
      out.statusCode = value
    },
    setHeader(name: string, value: string) {
      out.headers[name.toLowerCase()] = value
    },
    end(body?: string) {
      out.ended = true
      out.body = body
    },
  } as unknown as ServerResponse
  return { req, res, out }
}

const reporter: Staff = { id: 4, name: 'R', email: 'r@x.example', role: 'reporter', active: true }
const data: GateData = { findRecord: async () => null }
const staffFromCookie = async (headers: IncomingHttpHeaders) => (headers.cookie === 'as=reporter' ? reporter : null)

function guardFor(siteUrl = 'http://localhost:3000', readStaff = staffFromCookie) {
  return createRequestGuard({ siteUrl, readStaff, data })
}

describe('the request guard on public paths', () => {
  it('does its work synchronously and leaves the request to the router', () => {
    const { req, res, out } = exchange('/2026/11/judul?utm_source=wa')
    expect(guardFor()(req, res)).toBeUndefined()
    expect(out).toEqual({ statusCode: 200, headers: {}, ended: false })
    expect(req.url).toBe('/2026/11/judul?utm_source=wa')
  })

  it('sends HSTS on every response of an https site', () => {
    for (const url of ['/', '/admin']) {
      const { req, res, out } = exchange(url)
      void guardFor('https://warta.example')(req, res)
      expect(out.headers['strict-transport-security'], url).toBe('max-age=31536000')
    }
  })

  it('drops a visitor’s middleware-subrequest header and any policy header they send', () => {
    const { req, res } = exchange('/', {
      'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
      'content-security-policy': "script-src 'nonce-chosen-by-the-visitor'",
      'content-security-policy-report-only': "script-src 'nonce-x'",
    })
    guardFor()(req, res)
    expect(req.headers).toEqual({})
  })
})

describe('the request guard on newsroom paths', () => {
  it('answers a stranger with a 307 to sign in, whatever headers they send', async () => {
    for (const headers of [{}, { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' }, { rsc: '1' }]) {
      const { req, res, out } = exchange('/admin/pengguna?tab=2', headers)
      expect(await guardFor()(req, res)).toBe(true)
      expect(out.statusCode).toBe(307)
      expect(out.headers.location).toBe('/admin/masuk?callbackUrl=%2Fadmin%2Fpengguna%3Ftab%3D2')
      expect(out.headers['cache-control']).toBe('private, no-store')
      expect(out.ended).toBe(true)
    }
  })

  it('builds the way back from the path a browser would see, never another host', async () => {
    const { req, res, out } = exchange('/x/..//admin/pengguna')
    expect(await guardFor()(req, res)).toBe(true)
    expect(out.headers.location).toBe('/admin/masuk?callbackUrl=%2Fadmin%2Fpengguna')
    const dotted = exchange('/admin/%2e%2e//evil.example/../admin')
    expect(await guardFor()(dotted.req, dotted.res)).toBe(true)
    expect(new URL(dotted.out.headers.location!, 'http://site.example').origin).toBe('http://site.example')
  })

  it('gives Next the same nonce as the browser, fresh per response', async () => {
    const nonces = new Set<string>()
    for (let i = 0; i < 3; i++) {
      const { req, res, out } = exchange('/admin/masuk', { 'content-security-policy': "script-src 'nonce-chosen-by-the-visitor'" })
      expect(await guardFor()(req, res)).toBe(false)
      const policy = out.headers['content-security-policy']!
      expect(req.headers['content-security-policy']).toBe(policy)
      const nonce = /'nonce-([^']+)'/.exec(policy)![1]!
      expect(nonce).not.toBe('chosen-by-the-visitor')
      nonces.add(nonce)
    }
    expect(nonces.size).toBe(3)
  })

  it('renders a refusal page with its status in place of the page refused', async () => {
    const { req, res, out } = exchange('/admin/pengguna', { cookie: 'as=reporter' })
    expect(await guardFor()(req, res)).toBe(false)
    expect(out.statusCode).toBe(403)
    expect(req.url).toBe('/admin/tanpa-akses')
    const missing = exchange('/admin/artikel/77', { cookie: 'as=reporter' })
    expect(await guardFor()(missing.req, missing.res)).toBe(false)
    expect([missing.out.statusCode, missing.req.url]).toEqual([404, '/admin/tidak-ditemukan'])
  })

  it("lets a server action's post through without reading the session, which the action reads itself", async () => {
    // On PostgreSQL each session read is a few round trips, each waiting for a busy worker's event
    // loop: an autosave read it here and then again in its action.
    const reads: string[] = []
    const counting = guardFor('http://localhost:3000', async (headers) => {
      reads.push(String(headers.cookie))
      return staffFromCookie(headers)
    })
    for (const cookie of ['as=reporter', undefined]) {
      const { req, res, out } = exchange('/admin/artikel/77', { 'next-action': 'a1b2', ...(cookie ? { cookie } : {}) }, 'POST')
      expect(await counting(req, res)).toBe(false)
      expect([out.statusCode, out.ended, req.url]).toEqual([200, false, '/admin/artikel/77'])
    }
    expect(reads).toEqual([])
    // Any other post, and every page, is still decided by who is signed in.
    const form = exchange('/admin/artikel/77', {}, 'POST')
    expect(await counting(form.req, form.res)).toBe(true)
    expect([form.out.statusCode, form.out.headers.location]).toEqual([303, '/admin/masuk?callbackUrl=%2Fadmin%2Fartikel%2F77'])
    const page = exchange('/admin/artikel/77', { cookie: 'as=reporter' })
    expect(await counting(page.req, page.res)).toBe(false)
    expect(page.out.statusCode).toBe(404)
    expect(reads).toEqual(['undefined', 'as=reporter'])
  })

  it('serves no newsroom page when the check itself fails', async () => {
    const { req, res, out } = exchange('/admin', { cookie: 'as=reporter' })
    const failing = guardFor('http://localhost:3000', async () => {
      throw new Error('database is locked')
    })
    const errors: unknown[] = []
    const log = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      expect(await failing(req, res)).toBe(true)
    } finally {
      console.error = log
    }
    expect(out.statusCode).toBe(500)
    expect(out.body).toMatch(/Terjadi kesalahan/)
    expect(errors).toHaveLength(1)
  })
})
