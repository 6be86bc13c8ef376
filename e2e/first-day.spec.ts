import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { databaseEnv } from './support/database'
import { type RunningServer, startServer } from './support/server'

/*
 * A newsroom's first day: `npm start` with SEED_DEMO=0 and no SITE_URL, opened at 127.0.0.1 (as
 * from another machine on the LAN; the server knows itself as localhost). This spec starts that
 * server itself (playwright.config.ts's servers both have demo content or a SITE_URL).
 */

const PASSWORD = 'Hari-Pertama-2026!'
const admin = { email: 'admin@hari-pertama.example', name: 'Admin Hari Pertama' }
const title = 'Jembatan gantung Koto Tuo diperbaiki warga'

let server: RunningServer

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(11 * 60_000)
  server = await startServer()
  execFileSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'e2e/helpers/create-staff.ts', admin.email, 'admin', PASSWORD, admin.name], {
    env: { ...process.env, ...databaseEnv(server.dataDir) },
    stdio: 'pipe',
  })
})

test.afterAll(async () => {
  await server?.stop()
})

async function desk(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  await page.goto(`${server.url}/admin/masuk`)
  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Masuk' }).click()
  // Still at the address the newsroom typed, not at the server's idea of itself.
  await page.waitForURL(`${server.url}/admin`)
  return page
}

/** Every link on the page to this site answers, none with 404. */
async function expectNoDeadLinks(page: Page) {
  const hrefs = await page.locator('a[href]').evaluateAll((links) => [...new Set(links.map((a) => (a as HTMLAnchorElement).href))])
  const own = hrefs.filter((h) => h.startsWith(server.url) && !h.includes('#'))
  expect(own.length).toBeGreaterThan(0)
  for (const href of own) {
    const res = await page.request.get(href, { maxRedirects: 0 })
    expect(res.status(), href).toBeLessThan(400)
  }
}

test('an empty site links no page that answers 404 and draws no empty section', async ({ page }) => {
  const res = await page.goto(`${server.url}/`)
  expect(res?.status()).toBe(200)
  await expect(page.getByText('Belum ada berita yang terbit.')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Berita terkini' })).toHaveCount(0)
  const footer = page.getByRole('navigation', { name: 'Tautan redaksi' })
  await expect(footer.getByRole('link', { name: 'Indeks Berita' })).toBeVisible()
  for (const name of ['Redaksi', 'Pedoman Media Siber', 'Kontak']) await expect(footer.getByRole('link', { name })).toHaveCount(0)
  await expectNoDeadLinks(page)
  // The drafts wait in the newsroom, not on the site.
  expect((await page.request.get(`${server.url}/p/kontak`)).status()).toBe(404)
})

test('the starter pages wait as drafts with an outline; once Kontak is published the footer links it and it carries the form', async ({
  browser,
}) => {
  const page = await desk(browser)
  await page.goto(`${server.url}/admin/halaman`)
  for (const name of ['Redaksi', 'Pedoman Media Siber', 'Kontak']) await expect(page.getByRole('link', { name, exact: true })).toBeVisible()
  await page.getByRole('link', { name: 'Kontak', exact: true }).click()
  await expect(page.getByRole('textbox', { name: 'Isi halaman' })).toContainText('formulir kontak tampil di bawah teks ini')
  await page.getByRole('textbox', { name: 'Isi halaman' }).click()
  await page.keyboard.press('Control+a')
  await page.keyboard.type('Kirim kabar dari kampung Anda kepada redaksi.')
  await page.getByRole('button', { name: 'Simpan dan terbitkan' }).click()
  await expect(page.getByRole('status').first()).toHaveText('Halaman terbit.')

  const reader = await browser.newPage()
  await reader.goto(`${server.url}/`)
  const footer = reader.getByRole('navigation', { name: 'Tautan redaksi' })
  await footer.getByRole('link', { name: 'Kontak' }).click()
  await expect(reader).toHaveURL(`${server.url}/p/kontak`)
  await expect(reader.getByRole('button', { name: 'Kirim pesan' })).toBeVisible()
  await expect(footer.getByRole('link', { name: 'Redaksi' })).toHaveCount(0)
  await expectNoDeadLinks(reader)
  await reader.close()
  await page.context().close()
})

test('without SITE_URL, sign-in and sign-out, canonical, share and feed links stay at the address the site was opened at', async ({
  browser,
}) => {
  const page = await desk(browser)
  await page.goto(`${server.url}/admin/artikel/baru`)
  await page.getByLabel('Judul').fill(title)
  await page.getByRole('button', { name: 'Mulai menulis' }).click()
  await page.waitForURL(/\/admin\/artikel\/\d+$/)
  await page.getByLabel('Ringkasan').fill('Warga bergotong royong mengganti papan lantai jembatan.')
  await page.getByRole('textbox', { name: 'Isi berita' }).click()
  await page.keyboard.type('Sejak pagi puluhan warga mengganti papan lantai jembatan yang lapuk.')
  await page.getByRole('button', { name: 'Terbitkan sekarang' }).click()
  await expect(page.getByRole('status').first()).toHaveText('Artikel terbit.')
  const articlePath = (await page.getByRole('link', { name: /^\/\d{4}\/\d{2}\// }).getAttribute('href'))!

  const reader = await browser.newPage()
  const res = await reader.goto(`${server.url}${articlePath}`)
  const html = await res!.text()
  expect(html).not.toContain('localhost')
  const canonical = (await reader.locator('link[rel="canonical"]').getAttribute('href'))!
  expect(new URL(canonical, reader.url()).href).toBe(`${server.url}${articlePath}`)
  for (const feed of await reader.locator('link[type="application/rss+xml"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href))) {
    expect(feed.startsWith(`${server.url}/`), feed).toBe(true)
  }
  // Share links carry the address the reader has open.
  await expect(reader.getByRole('link', { name: 'Bagikan ke WhatsApp' })).toHaveAttribute(
    'href',
    `https://wa.me/?text=${encodeURIComponent(`${title} ${server.url}${articlePath}`)}`,
  )
  await expect(reader.getByRole('link', { name: 'Bagikan ke Facebook' })).toHaveAttribute('href', new RegExp(encodeURIComponent(`${server.url}${articlePath}`)))
  await reader.close()

  // Feeds, sitemaps and robots.txt are made per request: they name the address asked.
  const feed = await (await page.request.get(`${server.url}/feed.xml`)).text()
  expect(feed).toContain(`<link>${server.url}${articlePath}</link>`)
  expect(feed).not.toContain('localhost')
  const robots = await (await page.request.get(`${server.url}/robots.txt`)).text()
  expect(robots).toContain(`Sitemap: ${server.url}/sitemap.xml`)
  const sitemap = await (await page.request.get(`${server.url}/sitemap.xml`)).text()
  expect(sitemap).toContain(`<loc>${server.url}/sitemaps/`)
  expect(sitemap).not.toContain('localhost')

  await page.goto(`${server.url}/admin`)
  await page.getByRole('button', { name: 'Keluar' }).click()
  await page.waitForURL(/\/admin\/masuk/)
  expect(new URL(page.url()).origin).toBe(server.url)
  await page.context().close()
})
