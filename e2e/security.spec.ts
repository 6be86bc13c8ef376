import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { expectAtDesk } from './support/accounts'
import { databaseEnv } from './support/database'
import { E2E_DATA_DIR, E2E_PORT } from './support/server'

/*
 * Issue #10: the site probed from outside, as an attacker would. Requests go out on a raw
 * socket, byte for byte (no client normalises "/./admin" or drops a tab), and redirects are
 * never followed blindly: each Location is resolved the way a browser resolves it.
 */

const ORIGIN = `http://localhost:${E2E_PORT}`
const PASSWORD = 'jembatan-gantung-sore'
const run = Date.now().toString(36)

// ---------------------------------------------------------------------------------------------
// A raw HTTP/1.1 client

type Reply = { status: number; headers: Record<string, string>; setCookies: string[]; body: string }

function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = raw.indexOf('\r\n', at)
    if (eol === -1) break
    const size = Number.parseInt(raw.subarray(at, eol).toString('latin1'), 16)
    if (!size) break
    parts.push(raw.subarray(eol + 2, eol + 2 + size))
    at = eol + 2 + size + 2
  }
  return Buffer.concat(parts)
}

/** Sends one request exactly as written (the path is not normalised or escaped). */
function probe(target: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { host: `localhost:${E2E_PORT}`, connection: 'close', ...options.headers }
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body))
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`
  return new Promise((resolve, reject) => {
    const socket = net.connect(E2E_PORT, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.setTimeout(30_000, () => socket.destroy(new Error(`timeout: ${method} ${target}`)))
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', reject)
    // The server closes the connection after its answer (`connection: close`); half-closing
    // from this side first would make it drop a response still streaming.
    socket.on('end', () => {
      const raw = Buffer.concat(chunks)
      const split = raw.indexOf('\r\n\r\n')
      const lines = raw.subarray(0, split).toString('latin1').split('\r\n')
      const status = Number(lines[0]?.split(' ')[1])
      const replyHeaders: Record<string, string> = {}
      const setCookies: string[] = []
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':')
        const name = line.slice(0, colon).trim().toLowerCase()
        const value = line.slice(colon + 1).trim()
        if (name === 'set-cookie') setCookies.push(value)
        replyHeaders[name] = replyHeaders[name] === undefined ? value : `${replyHeaders[name]}, ${value}`
      }
      let body: Buffer = raw.subarray(split + 4)
      if (/chunked/i.test(replyHeaders['transfer-encoding'] ?? '')) body = dechunk(body)
      resolve({ status, headers: replyHeaders, setCookies, body: body.toString('utf8') })
    })
    socket.write(options.body === undefined ? head : head + options.body)
  })
}

/** Follows a redirect chain as a browser would (at most 6 hops): each URL reached, with its reply. */
async function visit(target: string, headers: Record<string, string> = {}): Promise<Array<{ url: URL; reply: Reply }>> {
  const hops: Array<{ url: URL; reply: Reply }> = []
  let next = target
  let url = new URL(ORIGIN)
  for (let hop = 0; hop < 6; hop++) {
    const reply = await probe(next, { headers: hop === 0 ? headers : {} })
    hops.push({ url, reply })
    const location = reply.headers.location
    if (reply.status < 300 || reply.status > 399 || !location) break
    // Resolved as a browser resolves it: "\\" is "/", tabs and newlines are dropped.
    url = new URL(location, `${ORIGIN}/`)
    if (url.origin !== ORIGIN) {
      hops.push({ url, reply: { status: 0, headers: {}, setCookies: [], body: '' } })
      break
    }
    next = url.pathname + url.search
  }
  return hops
}

// ---------------------------------------------------------------------------------------------
// The newsroom's URLs, from its route files: a new admin page is probed without editing this.

const SIGN_IN = '/admin/masuk'
/** Pages a stranger may open: the sign-in form and first-run setup (404 once a user exists). */
const OPEN_TO_STRANGERS = new Set([SIGN_IN, '/admin/setup'])

function adminRoutes(): string[] {
  const routes = new Set<string>()
  const walk = (dir: string, route: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${route}/${entry.name}`)
      else if (entry.name === 'page.tsx') routes.add(route)
    }
  }
  for (const group of fs.readdirSync('app')) {
    const admin = path.join('app', group, 'admin')
    if (/^\(.+\)$/.test(group) && fs.existsSync(admin)) walk(admin, '/admin')
  }
  return [...routes].sort()
}

const ADMIN_ROUTES = adminRoutes()
/** Concrete URLs for the routes: a dynamic segment gets a record id. */
const adminUrls = (id: number) => ADMIN_ROUTES.map((route) => route.replace(/\[[^\]]+\]/g, String(id)))

/** What only the newsroom's pages contain (its title, menu and loading frame). */
const ADMIN_MARKUP = [/Ruang Redaksi/, /Menu ruang redaksi/, /Memuat…/]

function expectNoAdminMarkup(body: string, label: string) {
  for (const marker of ADMIN_MARKUP) expect(body, `${label}: ${marker}`).not.toMatch(marker)
}

// The header a Next.js middleware bypass used (CVE-2025-29927), and how Next's own internals spell it.
const SUBREQUEST_HEADERS = [
  'middleware:middleware:middleware:middleware:middleware',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
  'proxy:proxy:proxy:proxy:proxy',
  'pages/_middleware',
]

// ---------------------------------------------------------------------------------------------
// Accounts on the reader server's database, as an admin would make them from a terminal

function createAccount(role: 'admin' | 'editor' | 'reporter', name: string): string {
  const email = `${role}-${name}-${run}@keamanan.example`
  const result = spawnSync('npm', ['run', '-s', 'user:create', '--', '--email', email, '--name', `${name} ${run}`, '--role', role], {
    input: `${PASSWORD}\n`,
    env: { ...process.env, ...databaseEnv(E2E_DATA_DIR) },
    encoding: 'utf8',
  })
  expect(result.status, result.stderr).toBe(0)
  return email
}

async function signIn(page: Page, email: string, from = SIGN_IN) {
  await page.goto(from)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Kata sandi').fill(PASSWORD)
  await page.getByRole('button', { name: 'Masuk' }).click()
}

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, email)
  await expectAtDesk(page)
  return page
}

/** The session cookie of a signed-in page, as a request header. */
async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
}

let accounts: { admin: string; reporter: string; revoked: string } | undefined
function account(who: 'admin' | 'reporter' | 'revoked'): string {
  accounts ??= {
    admin: createAccount('admin', 'admin'),
    reporter: createAccount('reporter', 'wartawan'),
    revoked: createAccount('editor', 'dicabut'),
  }
  return accounts[who]
}

/** Some URLs of the demo site, read from its homepage. */
async function publicUrls(): Promise<{ article: string; label: string }> {
  const home = await probe('/')
  const article = /href="(\/\d{4}\/\d{2}\/[a-z0-9-]+)"/.exec(home.body)?.[1]
  const label = /href="(\/label\/[a-z0-9-]+)"/.exec(home.body)?.[1]
  expect(article && label, 'the homepage links an article and a label').toBeTruthy()
  return { article: article!, label: label! }
}

// ---------------------------------------------------------------------------------------------

test.describe('probing the site from outside', () => {
  test('finds the newsroom’s pages in its route files', () => {
    expect(ADMIN_ROUTES).toEqual(expect.arrayContaining(['/admin', '/admin/pengguna', '/admin/artikel/[id]', '/admin/artikel/[id]/pratinjau', SIGN_IN]))
  })

  test('finding 9: every newsroom URL answers a stranger with a 307 to sign-in before any markup, whatever the headers', async () => {
    test.setTimeout(180_000)
    const variants: Array<Record<string, string>> = [
      {},
      ...SUBREQUEST_HEADERS.map((value) => ({ 'x-middleware-subrequest': value })),
      { rsc: '1' },
      { rsc: '1', 'next-router-prefetch': '1' },
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      { cookie: 'next-auth.session-token=forged; __Secure-next-auth.session-token=forged' },
    ]
    for (const url of adminUrls(1).filter((u) => !OPEN_TO_STRANGERS.has(u))) {
      for (const headers of variants) {
        for (const method of ['GET', 'HEAD']) {
          const label = `${method} ${url} ${JSON.stringify(headers)}`
          const reply = await probe(url, { method, headers })
          expect(reply.status, label).toBe(307)
          expect(reply.headers.location, label).toBe(`${SIGN_IN}?callbackUrl=${encodeURIComponent(url)}`)
          expect(reply.headers['cache-control'], label).toMatch(/no-store/)
          expect(reply.body, label).toBe('')
        }
      }
    }
  })

  test('finding 9: spellings of a newsroom URL that reach it are gated too, and no spelling shows the newsroom', async () => {
    const spellings = [
      '/admin/pengguna/',
      '/ADMIN/pengguna',
      '/Admin/Pengguna',
      '/./admin/pengguna',
      '/admin/./pengguna',
      '/x/../admin/pengguna',
      '/%2e/admin/pengguna',
      '/x/%2e%2e/admin/pengguna',
      '//admin/pengguna',
      '/admin//pengguna',
      '/%61dmin/pengguna',
      '/admin/%70engguna',
      '/admin%2fpengguna',
      '/admin/pengguna%2f',
      '/admin/pengguna?x=1',
      '/admin/pengguna#x',
      '/admin/pengguna.rsc',
      '/admin/pengguna;x',
      '/admin\\pengguna',
    ]
    for (const url of spellings) {
      for (const headers of [{}, { 'x-middleware-subrequest': SUBREQUEST_HEADERS[0]! }] as Array<Record<string, string>>) {
        // Wherever it leads, a stranger ends at the sign-in page or an error, never in the newsroom.
        const hops = await visit(url, headers)
        const last = hops.at(-1)!
        const trail = `${url} → ${hops.map((h) => `${h.reply.status} ${h.url.pathname}`).join(' → ')}`
        expect(last.url.origin, trail).toBe(ORIGIN)
        if (last.reply.status === 200) expect(last.url.pathname, trail).toBe(SIGN_IN)
        else expect(last.reply.status, trail).toBeGreaterThanOrEqual(400)
        for (const hop of hops) if (hop.url.pathname !== SIGN_IN) expectNoAdminMarkup(hop.reply.body, trail)
      }
    }
  })

  test('finding 9: a stranger’s form posts to the newsroom are sent to sign in; server actions refuse on their own', async () => {
    const post = await probe('/admin/pengguna', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'name=x&email=x%40x.example&role=admin',
    })
    expect(post.status).toBe(303)
    expect(post.headers.location).toBe(`${SIGN_IN}?callbackUrl=${encodeURIComponent('/admin/pengguna')}`)
    expectNoAdminMarkup(post.body, 'form post')

    const action = await probe('/admin/pengguna', {
      method: 'POST',
      headers: { 'next-action': '7f00000000000000000000000000000000000000', 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
      body: '[]',
    })
    expect(action.status, 'an unknown action is not run').not.toBe(200)
    expectNoAdminMarkup(action.body, 'server action')
  })

  test('finding 9: only the sign-in page is open; setup is gone once someone can sign in', async () => {
    // Someone can sign in (whichever test ran first).
    account('admin')
    const signInPage = await probe(SIGN_IN)
    expect(signInPage.status).toBe(200)
    expect(signInPage.body).toContain('Kata sandi')
    expect((await probe('/admin/setup')).status).toBe(404)
  })

  test('finding 9: a reporter gets a real 403 in the newsroom frame for admin-only pages, and 404 for a record that is not theirs or not there', async ({
    browser,
  }) => {
    const reporter = await signedInPage(browser, account('reporter'))
    const cookie = await cookieHeader(reporter)
    for (const url of ['/admin/pengguna', '/admin/pengaturan', '/admin/impor', '/admin/label', '/admin/pesan', '/admin/halaman', '/admin/halaman/baru']) {
      const reply = await probe(url, { headers: { cookie } })
      expect(reply.status, url).toBe(403)
      expect(reply.headers['cache-control'], url).toMatch(/no-store/)
    }
    const response = await reporter.goto('/admin/pengguna')
    expect(response?.status()).toBe(403)
    await expect(reporter.getByRole('heading', { name: 'Anda tidak punya akses ke halaman ini' })).toBeVisible()
    await expect(reporter.getByRole('navigation', { name: 'Menu ruang redaksi' })).toBeVisible()

    // A demo article belongs to a demo author: the reporter does not learn it exists.
    for (const url of ['/admin/artikel/1', '/admin/artikel/1/revisi', '/admin/artikel/1/pratinjau', '/admin/artikel/999999']) {
      expect((await probe(url, { headers: { cookie } })).status, url).toBe(404)
    }
    expect((await probe('/admin/artikel', { headers: { cookie } })).status).toBe(200)
    await reporter.context().close()

    const admin = await signedInPage(browser, account('admin'))
    const adminCookie = await cookieHeader(admin)
    for (const url of adminUrls(999999).filter((u) => /999999/.test(u))) {
      expect((await probe(url, { headers: { cookie: adminCookie } })).status, url).toBe(404)
    }
    for (const url of ['/admin/artikel/1', '/admin/pengguna', '/admin/pengaturan']) {
      expect((await probe(url, { headers: { cookie: adminCookie } })).status, url).toBe(200)
    }
    await admin.context().close()
  })

  test('finding 8: home, article, archive and newsroom send the security headers', async ({ browser }) => {
    const { article, label } = await publicUrls()
    const directive = (csp: string, name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.split(/\s+/)[0] === name)
    const checkCommon = (reply: Reply, url: string) => {
      const csp = reply.headers['content-security-policy'] ?? ''
      expect(directive(csp, 'default-src'), url).toBe("default-src 'self'")
      expect(directive(csp, 'object-src'), url).toBe("object-src 'none'")
      expect(directive(csp, 'base-uri'), url).toBe("base-uri 'self'")
      expect(directive(csp, 'form-action'), url).toBe("form-action 'self'")
      expect(directive(csp, 'script-src'), url).not.toMatch(/unsafe-eval|\*|https?:(?!\/\/)/)
      expect(directive(csp, 'img-src'), url).toBeTruthy()
      expect(reply.headers['x-content-type-options'], url).toBe('nosniff')
      expect(reply.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin')
      expect(reply.headers['permissions-policy'], url).toMatch(/camera=\(\)/)
      // The e2e site runs on http://localhost: no HSTS (a browser would ignore it anyway).
      expect(reply.headers['strict-transport-security'], url).toBeUndefined()
      return csp
    }

    for (const url of ['/', article, label, '/2026', '/cari?q=banjir', '/p/redaksi', '/halaman-yang-tidak-ada']) {
      const reply = await probe(url)
      expect([200, 404], url).toContain(reply.status)
      const csp = checkCommon(reply, url)
      expect(directive(csp, 'frame-ancestors'), url).toBe("frame-ancestors 'self'")
      // Cached whole, identical for every reader: no nonce on public pages.
      expect(csp, url).not.toMatch(/nonce-/)
    }

    const first = await probe(SIGN_IN)
    const second = await probe(SIGN_IN)
    const admin = await signedInPage(browser, account('admin'))
    const desk = await probe('/admin', { headers: { cookie: await cookieHeader(admin) } })
    await admin.context().close()
    const nonces: string[] = []
    for (const [url, reply] of [
      [SIGN_IN, first],
      [SIGN_IN, second],
      ['/admin', desk],
    ] as const) {
      expect(reply.status, url).toBe(200)
      const csp = checkCommon(reply, url)
      expect(directive(csp, 'frame-ancestors'), url).toBe("frame-ancestors 'none'")
      const scriptSrc = directive(csp, 'script-src') ?? ''
      expect(scriptSrc, url).not.toContain("'unsafe-inline'")
      const nonce = /'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(scriptSrc)?.[1]
      expect(nonce, url).toBeTruthy()
      nonces.push(nonce!)
      // Next reads the nonce from the request's policy and puts it on every script it renders.
      const inline = [...reply.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!)
      expect(inline.length, url).toBeGreaterThan(0)
    }
    expect(new Set(nonces).size, 'a fresh nonce per response').toBe(3)
  })

  test('finding 8: pages run under their policy without a single violation; Blogger images and allowed embeds load, others are refused', async ({ browser }) => {
    test.setTimeout(120_000)
    const { article, label } = await publicUrls()
    const context = await browser.newContext()
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] }
      w.__violations = []
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`))
    })
    // Nothing may leave this machine: answer the outside hosts a page might ask for.
    await context.route(/^https:\/\/(?!localhost)/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '' }))
    const page = await context.newPage()
    const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)

    for (const url of ['/', article, label, '/cari?q=banjir']) {
      await page.goto(url)
      await page.waitForLoadState('networkidle')
      expect(await violations(), url).toEqual([])
    }

    // What a story body may carry, added the way an imported or pasted body would put it.
    await page.goto(article)
    const blocked = await page.evaluate(async () => {
      const w = window as unknown as { __violations: string[] }
      w.__violations = []
      const add = (html: string) => document.body.insertAdjacentHTML('beforeend', html)
      add('<img src="https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE/s1600/foto.jpg" alt="">')
      add('<img src="https://1.bp.blogspot.com/-abc/XYZ/s640/foto.jpg" alt="">')
      add('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="v"></iframe>')
      add('<iframe src="https://www.google.com/maps/embed?pb=!1m18" title="m"></iframe>')
      add('<iframe src="https://evil.example/frame" title="e"></iframe>')
      add('<object data="https://evil.example/x.swf"></object>')
      await new Promise((r) => setTimeout(r, 1000))
      return w.__violations
    })
    expect(blocked.some((v) => v.startsWith('frame-src') && v.includes('evil.example')), blocked.join('\n')).toBe(true)
    expect(blocked.some((v) => v.startsWith('object-src')), blocked.join('\n')).toBe(true)
    expect(blocked.filter((v) => /blogger|blogspot|youtube|google\.com/.test(v)), 'Blogger images and allowed embeds').toEqual([])

    // The newsroom renders per request with a nonce: signing in, the desk and the editor all hydrate.
    await signIn(page, account('admin'))
    await expectAtDesk(page)
    for (const url of ['/admin', '/admin/artikel', '/admin/artikel/1', '/admin/media', '/admin/pengaturan']) {
      await page.goto(url)
      await page.waitForLoadState('networkidle')
      expect(await violations(), url).toEqual([])
    }
    await expect(page.getByRole('textbox', { name: 'Isi berita' })).toHaveCount(0)
    await page.goto('/admin/artikel/1')
    await expect(page.getByRole('textbox', { name: 'Isi berita' })).toBeVisible()
    expect(await violations(), 'editor').toEqual([])
    await context.close()
  })

  test('finding 2: no open-redirect payload sends a browser to another site', async () => {
    const payloads = [
      '//evil.example/',
      '//evil.example',
      '///evil.example/',
      '////evil.example/',
      '/\\evil.example/',
      '/\\/evil.example/',
      '//\\evil.example/',
      '/\\\\evil.example/',
      '/%5Cevil.example/',
      '/%5C%5Cevil.example/',
      '/%2F%2Fevil.example/',
      '/%2f/evil.example/',
      '/%252F%252Fevil.example/',
      '/%09/evil.example/',
      '/%0a/evil.example/',
      '/%0d%0aLocation:%20https://evil.example/',
      '/..//evil.example/',
      '/.//evil.example/',
      '/%2e%2e//evil.example/',
      '/x/..//evil.example/',
      '/..%2f..%2f/evil.example/',
      '//evil.example/%2e%2e',
      '//evil.example/2021/08/judul.html',
      '//evil.example/search/label/Berita',
      '//evil.example/feeds/posts/default',
      '//evil.example/?m=1',
      '/https://evil.example/',
      '/https:/evil.example/',
      '/http:evil.example/',
      '/_next//evil.example/',
      '/api//evil.example/',
      '/media//evil.example/',
      '/media/..//evil.example/',
      '/admin//evil.example/',
      '/admin/..//evil.example/',
      '/cari//evil.example/',
      '/search?q=x&redirect=https://evil.example/',
    ]
    for (const payload of payloads) {
      for (const headers of [{}, { host: 'warta-lama.blogspot.com' }] as Array<Record<string, string>>) {
        const hops = await visit(payload, headers)
        const trail = `${payload} ${JSON.stringify(headers)} → ${hops.map((h) => `${h.reply.status} ${h.url.href}`).join(' → ')}`
        for (const { url } of hops) expect(url.origin, trail).toBe(ORIGIN)
      }
    }
  })

  test('finding 2: a sign-in with a crafted callbackUrl ends on this site', async ({ browser }) => {
    for (const callbackUrl of ['/admin/..//evil.example/', '/admin/%2e%2e//evil.example/', '/admin/..%2F..%2F/evil.example', '//evil.example/admin']) {
      const context = await browser.newContext()
      // Should the browser ever be sent away, this is what it would find there.
      await context.route((url) => url.hostname === 'evil.example', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>evil</h1>' }))
      const page = await context.newPage()
      await signIn(page, account('reporter'), `${SIGN_IN}?callbackUrl=${encodeURIComponent(callbackUrl)}`)
      await page.waitForURL((url) => url.pathname !== SIGN_IN, { timeout: 15_000 }).catch(() => undefined)
      await page.waitForLoadState('load')
      expect(new URL(page.url()).origin, callbackUrl).toBe(ORIGIN)
      await expect(page.getByRole('heading', { name: 'evil' })).toHaveCount(0)
      await context.close()
    }
  })

  test('search answers XSS and full-text-search payloads with 200, escaped, never a 500', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'><svg onload=alert(1)>",
      'javascript:alert(1)',
      '</title><script>alert(1)</script>',
      '{{7*7}}',
      '"',
      "'",
      '*',
      '"unterminated',
      'a OR',
      'AND AND',
      'NEAR(a b',
      'title:x',
      'x:y:z',
      '^a',
      '-a',
      '(a',
      'a)',
      'a" OR "b',
      "'; DROP TABLE articles; --",
      '%00',
      '\u0000',
      '\u202e',
      '🙂'.repeat(50),
      'a'.repeat(5000),
      'banjir '.repeat(300),
    ]
    for (const q of payloads) {
      const reply = await probe(`/cari?q=${encodeURIComponent(q)}`)
      expect(reply.status, q.slice(0, 40)).toBe(200)
      for (const raw of ['<script>alert(1)', '<img src=x onerror', '<svg onload', '</title><script>']) {
        expect(reply.body.includes(raw), `${q.slice(0, 40)} reflected ${raw}`).toBe(false)
      }
    }
    for (const query of ['q=a&q=b', 'q[]=a', 'q', 'q=%', 'q=%E0%A4%A', 'q=%ff%fe']) {
      const reply = await probe(`/cari?${query}`)
      expect([200, 400], query).toContain(reply.status)
    }
  })

  test('paths that climb out of /media and /_next/image are refused', async () => {
    const targets = [
      '/media/../secrets.json',
      '/media/..%2fsecrets.json',
      '/media/..%2f..%2fpackage.json',
      '/media/%2e%2e/%2e%2e/package.json',
      '/media/%2e%2e%2f%2e%2e%2fpackage.json',
      '/media/%252e%252e%252fsecrets.json',
      '/media/....//....//package.json',
      '/media/..\\..\\package.json',
      '/media/..%5c..%5cpackage.json',
      '/media/2026/11/..%2f..%2f..%2fwarta.db',
      '/media/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
      '/media/uploads/../../secrets.json',
      '/media/%00.webp',
      '/media//etc/passwd',
      '/_next/image?url=/media/../secrets.json&w=640&q=75',
      '/_next/image?url=%2F..%2F..%2Fpackage.json&w=640&q=75',
      '/_next/image?url=file:///etc/passwd&w=640&q=75',
      '/_next/image?url=http://127.0.0.1:22/&w=640&q=75',
      '/_next/static/..%2f..%2fpackage.json',
      '/_next/static/%2e%2e/%2e%2e/package.json',
      '/_next/../package.json',
      '/_next/%2e%2e/.env',
      '/.env',
      '/data/secrets.json',
      '/data/warta.db',
      '/package.json',
    ]
    for (const target of targets) {
      const reply = await probe(target)
      expect(reply.status === 200 && !/<html/i.test(reply.body), `${target}: ${reply.status}`).toBe(false)
      for (const secret of ['"nextauth"', 'SQLite format 3', 'root:x:0:0', '"dependencies"', 'NEXTAUTH_SECRET']) {
        expect(reply.body.includes(secret), `${target} leaked ${secret}`).toBe(false)
      }
    }
  })

  test('a stranger’s large upload is refused with 401 while it arrives, and its connection is neither reset nor left hanging', async () => {
    // What a reporter whose session ran out meets too. With several server processes the primary
    // passed the body on to a worker that had already answered, the upload stalled, and the
    // connection was reset seconds later: behind nginx, its 502 page instead of the answer.
    const size = 12 * 1024 * 1024
    for (const target of ['/api/media', '/api/admin/import']) {
      const socket = net.connect(E2E_PORT, '127.0.0.1')
      let received = ''
      let failure: Error | null = null
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => (received += chunk))
      socket.on('error', (error) => (failure = error))
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      socket.write(`POST ${target} HTTP/1.1\r\nHost: localhost:${E2E_PORT}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${size}\r\n\r\n`)
      const chunk = Buffer.alloc(64 * 1024, 'x')
      for (let sent = 0; sent < size && !failure; sent += chunk.length) {
        if (socket.write(chunk)) continue
        const drained = await Promise.race([
          new Promise<boolean>((resolve) => socket.once('drain', () => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000)),
        ])
        expect(drained, `${target}: the upload stalled after ${sent} bytes`).toBe(true)
      }
      await expect.poll(() => received.split('\r\n')[0], { timeout: 10_000 }).toBe('HTTP/1.1 401 Unauthorized')
      // The connection carries the next request.
      const before = received.length
      socket.write(`GET /api/health HTTP/1.1\r\nHost: localhost:${E2E_PORT}\r\n\r\n`)
      await expect.poll(() => received.slice(before), { timeout: 10_000 }).toContain('{"status":"ok"}')
      expect(failure, target).toBeNull()
      socket.destroy()
    }
  })

  test('the session cookie is HttpOnly, SameSite=Lax and scoped to the site', async ({ browser }) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, account('admin'))
    await expectAtDesk(page)
    const session = (await context.cookies()).find((c) => /next-auth\.session-token$/.test(c.name))
    expect(session).toBeTruthy()
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    // The e2e site is http: a Secure cookie would never come back. On https it is Secure
    // (useSecureCookies, lib/auth/options.test.ts) and named __Secure-next-auth.session-token.
    expect(session!.secure).toBe(false)
    expect(session!.expires).toBeGreaterThan(Date.now() / 1000)
    await context.close()
  })

  // Finding 7: sign-out ends that sign-in, and the gate's session read checks it (ADR 012).
  test('a copied session cookie no longer opens the newsroom after sign-out', async ({ browser }) => {
    const page = await signedInPage(browser, account('revoked'))
    const copied = await cookieHeader(page)
    expect((await probe('/admin', { headers: { cookie: copied } })).status).toBe(200)
    await page.getByRole('button', { name: 'Keluar' }).click()
    await expect(page).toHaveURL(/\/admin\/masuk/)
    const replay = await probe('/admin', { headers: { cookie: copied } })
    expect(replay.status).toBe(307)
    expectNoAdminMarkup(replay.body, 'replayed cookie')
    await page.context().close()
  })
})
