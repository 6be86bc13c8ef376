import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { encode } from 'next-auth/jwt'
import { beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import type { Staff } from '@/db/queries/users'
import { users } from '@/db/tables'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import {
  ADMIN_RULES,
  adminPathOf,
  type AdminRequest,
  decideAdminRequest,
  FORBIDDEN_PATH,
  type GateData,
  gateData,
  isOpenAdminPath,
  MISSING_PATH,
  readGateStaff,
  SETUP_PATH,
  SIGN_IN_PATH,
} from './gate'
import { getAuthOptions } from './options'
import { newSessionClaims } from './session-token'

/** Every newsroom page file: its route (route groups dropped) and the source. */
function adminPages(): Array<{ route: string; source: string }> {
  const pages: Array<{ route: string; source: string }> = []
  const walk = (dir: string, route: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full, `${route}/${entry.name}`)
      else if (entry.name === 'page.tsx') pages.push({ route, source: fs.readFileSync(full, 'utf8') })
    }
  }
  for (const group of fs.readdirSync('app')) {
    const admin = path.join('app', group, 'admin')
    if (/^\(.+\)$/.test(group) && fs.existsSync(admin)) walk(admin, '/admin')
  }
  return pages
}

describe('the gate’s rules and the pages', () => {
  const pages = adminPages()

  it('finds the newsroom’s pages', () => {
    expect(pages.length).toBeGreaterThan(15)
  })

  it('has a rule for every newsroom page, asking what the page’s own requireStaff() asks', () => {
    for (const { route, source } of pages) {
      const asked = [...source.matchAll(/requireStaff\('([a-z]+:[a-z]+)'/g)].map((m) => m[1])
      if (isOpenAdminPath(route)) {
        expect(asked, `${route} is open to strangers`).toEqual([])
        continue
      }
      const rule = ADMIN_RULES.find((r) => r.route === route)
      expect(rule, `${route} has no rule in lib/auth/gate.ts`).toBeDefined()
      expect(asked.at(-1), route).toBe(rule!.permission)
      expect(Boolean(rule!.record), `${route}: a dynamic segment names a record`).toBe(route.includes('['))
    }
  })

  it('has no rule for a page that does not exist', () => {
    const routes = new Set(pages.map((p) => p.route))
    for (const rule of ADMIN_RULES) expect(routes.has(rule.route), rule.route).toBe(true)
  })
})

describe('adminPathOf', () => {
  it.each([
    '/admin/pengguna',
    '/admin/pengguna/',
    '/ADMIN/Pengguna',
    '/./admin/pengguna',
    '/x/../admin/pengguna',
    '/%2e/admin/./pengguna',
    '/x/%2e%2e/admin/pengguna',
    '//admin//pengguna',
    '/%61dmin/%70engguna',
    '/admin%2fpengguna',
    '/admin\\pengguna',
    '/ad\tmin/pengguna',
    '/admin/pengguna.rsc',
    '/admin/pengguna;x',
    '/admin/pengguna#x',
  ])('reads %j as /admin/pengguna', (raw) => {
    expect(adminPathOf(raw)).toBe('/admin/pengguna')
  })

  it('reads the newsroom’s home and nothing else as newsroom paths', () => {
    expect(adminPathOf('/admin')).toBe('/admin')
    expect(adminPathOf('/admin.rsc')).toBe('/admin')
    for (const path of ['/', '/administrasi', '/label/admin', '/label/administrasi', '/2026/11/admin-baru', '/cari', '/media/2026/11/x-640.webp', '/%2e%2e/']) {
      expect(adminPathOf(path), path).toBeNull()
    }
  })
})

describe('decideAdminRequest', () => {
  const staff = (role: Staff['role'], id = 10): Staff => ({ id, name: 'x', email: 'x@x.example', role, active: true })
  const records: Record<string, { authorId?: number }> = { 'article:5': { authorId: 10 }, 'article:6': { authorId: 11 }, 'label:7': {}, 'page:8': {}, 'message:9': {} }
  const data: GateData = { findRecord: async (kind, id) => records[`${kind}:${id}`] ?? null }
  const get = (path: string, extra: Partial<AdminRequest> = {}): AdminRequest => ({ path, target: path, method: 'GET', isServerAction: false, ...extra })

  it('sends a stranger to sign in with a real 307, and to first-run setup while nobody can sign in', async () => {
    expect(await decideAdminRequest(get('/admin/pengguna', { target: '/admin/pengguna?x=1' }), null, data)).toEqual({
      action: 'redirect',
      status: 307,
      location: `${SIGN_IN_PATH}?callbackUrl=%2Fadmin%2Fpengguna%3Fx%3D1`,
    })
    expect(await decideAdminRequest(get('/admin/tidak-ada'), null, data)).toMatchObject({ status: 307 })
    expect(await decideAdminRequest(get(FORBIDDEN_PATH), null, data)).toMatchObject({ status: 307 })
  })

  it('lets a stranger open only the sign-in and setup pages', async () => {
    for (const path of [SIGN_IN_PATH, SETUP_PATH]) expect(await decideAdminRequest(get(path), null, data)).toEqual({ action: 'next' })
  })

  it('answers a stranger’s form post with 303, and leaves server actions to refuse for themselves', async () => {
    expect(await decideAdminRequest(get('/admin/pengguna', { method: 'POST' }), null, data)).toMatchObject({ action: 'redirect', status: 303 })
    expect(await decideAdminRequest(get('/admin/pengguna', { method: 'POST', isServerAction: true }), null, data)).toEqual({ action: 'next' })
  })

  it('refuses a role without the page’s permission with 403', async () => {
    const forbidden = { action: 'refuse', status: 403, rewrite: FORBIDDEN_PATH }
    for (const path of ['/admin/pengguna', '/admin/pengaturan', '/admin/impor', '/admin/label', '/admin/label/7', '/admin/pesan', '/admin/pesan/9', '/admin/halaman/baru']) {
      expect(await decideAdminRequest(get(path), staff('reporter'), data), path).toEqual(forbidden)
    }
    expect(await decideAdminRequest(get('/admin/artikel/baru'), staff('contributor'), data)).toEqual({ action: 'next' })
    expect(await decideAdminRequest(get('/admin/pengguna'), staff('editor'), data)).toEqual(forbidden)
    expect(await decideAdminRequest(get('/admin/pengguna'), staff('admin'), data)).toEqual({ action: 'next' })
  })

  it('answers 404 for a record that is missing, malformed or not the person’s', async () => {
    const missing = { action: 'refuse', status: 404, rewrite: MISSING_PATH }
    expect(await decideAdminRequest(get('/admin/artikel/5'), staff('reporter'), data)).toEqual({ action: 'next' })
    expect(await decideAdminRequest(get('/admin/artikel/5/revisi'), staff('contributor'), data)).toEqual({ action: 'next' })
    for (const path of ['/admin/artikel/6', '/admin/artikel/6/pratinjau', '/admin/artikel/404', '/admin/artikel/abc', '/admin/artikel/05']) {
      expect(await decideAdminRequest(get(path), staff('reporter'), data), path).toEqual(missing)
    }
    expect(await decideAdminRequest(get('/admin/artikel/6'), staff('editor'), data)).toEqual({ action: 'next' })
    for (const path of ['/admin/label/70', '/admin/halaman/80', '/admin/pesan/90']) expect(await decideAdminRequest(get(path), staff('admin'), data), path).toEqual(missing)
    for (const path of ['/admin/label/7', '/admin/halaman/8', '/admin/pesan/9']) expect(await decideAdminRequest(get(path), staff('editor'), data), path).toEqual({ action: 'next' })
  })

  it('answers the refusal pages with their status, and leaves signed-in posts and unknown pages to Next', async () => {
    expect(await decideAdminRequest(get(FORBIDDEN_PATH), staff('admin'), data)).toMatchObject({ status: 403 })
    expect(await decideAdminRequest(get(MISSING_PATH), staff('admin'), data)).toMatchObject({ status: 404 })
    expect(await decideAdminRequest(get('/admin/pengguna', { method: 'POST' }), staff('reporter'), data)).toEqual({ action: 'next' })
    expect(await decideAdminRequest(get('/admin/tidak-ada'), staff('reporter'), data)).toEqual({ action: 'next' })
  })
})

describe('gateData and readGateStaff against the database', () => {
  let reporter: { id: number }
  let gone: { id: number }

  beforeAll(async () => {
    reporter = (await createUser({ role: 'reporter' }))
    gone = (await createUser({ role: 'editor' }))
    await getWriteConnection().update(users).set({ active: false }).where(eq(users.id, gone.id))
  })

  async function cookieFor(sub: string | undefined, stage: 'full' | 'code' = 'full') {
    // Claims as a sign-in makes them (lib/auth/session-token.ts); sv 1 is a new account's version.
    const claims = sub === undefined ? {} : newSessionClaims({ id: sub, sv: 1, stage })
    const token = await encode({ token: claims, secret: getAuthOptions().secret! })
    return `other=1; next-auth.session-token=${token}`
  }

  it('reads the signed-in staff member from the session cookie, freshly from the users row', async () => {
    expect(await readGateStaff({ cookie: await cookieFor(String(reporter.id)) })).toMatchObject({ id: reporter.id, role: 'reporter' })
  })

  it('reads the cookies a browser sends after signing in, percent-encoded callback address included', async () => {
    // next-auth sets next-auth.callback-url encoded and refuses it undecoded ("invalid callback URL").
    const cookie = `${await cookieFor(String(reporter.id))}; next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2Fadmin%2Fmasuk%3Fsetup%3D1`
    expect(await readGateStaff({ cookie })).toMatchObject({ id: reporter.id })
  })

  it('reads nobody from a deactivated account, a forged or missing cookie', async () => {
    expect(await readGateStaff({ cookie: await cookieFor(String(gone.id)) })).toBeNull()
    // A sign-in still waiting for its two-factor code opens nothing.
    expect(await readGateStaff({ cookie: await cookieFor(String(reporter.id), 'code') })).toBeNull()
    expect(await readGateStaff({ cookie: await cookieFor(undefined) })).toBeNull()
    expect(await readGateStaff({ cookie: 'next-auth.session-token=forged' })).toBeNull()
    expect(await readGateStaff({})).toBeNull()
  })

  it('finds records and their authors', async () => {
    const article = await createArticle({ authorId: reporter.id })
    const label = await createLabel()
    expect(await gateData.findRecord('article', article.id)).toEqual({ authorId: reporter.id })
    expect(await gateData.findRecord('label', label.id)).toEqual({})
    for (const kind of ['article', 'label', 'page', 'message'] as const) expect(await gateData.findRecord(kind, 987654), kind).toBeNull()
  })
})
