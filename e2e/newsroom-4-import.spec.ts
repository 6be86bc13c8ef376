import fs from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { createAccount, signIn } from './support/accounts'

// A newsroom moving from Blogger: an admin uploads the export on /admin/impor, reads the report,
// and the blog's old addresses lead to the new pages. Runs on the newsroom server (empty at
// first run); accounts come from the CLI, as in newsroom-3, so the file stands on its own.
const run = Date.now().toString(36)
const EXPORT = 'tests/fixtures/blogger/small-classic.xml'
const expected = JSON.parse(fs.readFileSync('tests/fixtures/blogger/expected.json', 'utf8')) as {
  counts: { posts: { published: number; draft: number; scheduled: number }; pages: { published: number } }
  posts: Array<{ legacyPath: string; title: string; author: string }>
  scheduled: Array<{ legacyPath: string; title: string }>
  notRedirected: Array<{ from: string; reason: string }>
}

async function startImport(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }, opts: { dryRun?: boolean } = {}) {
  await page.getByLabel('Berkas cadangan Blogger (.xml atau .atom)').setInputFiles(file)
  const dryRun = page.getByRole('checkbox', { name: 'Uji coba saja' })
  if (opts.dryRun) await dryRun.check()
  else await dryRun.uncheck()
  await page.getByRole('button', { name: opts.dryRun ? 'Mulai uji coba' : 'Mulai impor' }).click()
}

/** One request, no following: the status and where a redirect points (path + query). */
async function peek(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 })
  const location = response.headers()['location']
  const target = location ? new URL(location, 'http://placeholder.invalid') : null
  return { status: response.status(), location: target ? `${target.pathname}${target.search}` : null }
}

const summary = (page: Page) => page.getByText(/^Berita: \d+ terbit( \(.*\))?, \d+ draf, \d+ terjadwal$/)

// In order, and not retried: the import changes the site for good, so a retry of the group would
// find the export already imported and fail on its "nothing written yet" checks, hiding the first
// failure behind a second one.
test.describe.configure({ mode: 'serial', retries: 0 })

test.describe('importing a Blogger blog', () => {
  let admin: string

  test.beforeAll(() => {
    admin = createAccount('admin', 'Admin Impor')
  })

  test('an admin finds the import page in the menu, and a broken or wrong file is explained', async ({ page }) => {
    await signIn(page, admin)
    await page.getByRole('navigation', { name: 'Menu ruang redaksi' }).getByRole('link', { name: 'Impor Blogger' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Impor dari Blogger' })).toBeVisible()
    await expect(page.getByText(/Penulis, sebagai pengguna nonaktif/)).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Alamat lama tetap berfungsi' })).toBeVisible()

    // Not XML at all: refused in the browser before anything is sent.
    await startImport(page, 'tests/fixtures/images/not-an-image.jpg')
    await expect(page.getByText('Berkas ini bukan berkas XML cadangan Blogger.')).toBeVisible()

    // XML cut off halfway: the importer names the line where it went wrong, and nothing is written.
    const whole = fs.readFileSync(EXPORT)
    const truncated = whole.subarray(0, Math.floor(whole.byteLength / 2))
    await startImport(page, { name: 'terpotong.xml', mimeType: 'application/xml', buffer: truncated })
    const failure = page.getByRole('heading', { name: 'Impor gagal' })
    await expect(failure).toBeVisible({ timeout: 60_000 })
    await expect(failure).toBeFocused()
    await expect(page.getByText(/^Masalah ditemukan di baris [\d.]+ berkas XML\.$/)).toBeVisible()
    await expect(page.locator('body')).not.toContainText(/\bat \S+\.(ts|js):\d+/)
    expect((await peek(page.request, expected.posts[0]!.legacyPath)).status).toBe(404)
  })

  test('a dry run reports what would change and writes nothing', async ({ page }) => {
    await signIn(page, admin)
    await page.goto('/admin/impor')
    await startImport(page, EXPORT, { dryRun: true })
    const heading = page.getByRole('heading', { name: 'Laporan uji coba (tidak ada yang disimpan)' })
    await expect(heading).toBeVisible({ timeout: 60_000 })
    await expect(page.getByRole('status').filter({ hasText: 'Uji coba selesai. Tidak ada yang disimpan.' })).toBeVisible()
    await expect(summary(page)).toBeVisible()
    expect((await peek(page.request, expected.posts[0]!.legacyPath)).status).toBe(404)
  })

  test('the admin imports the export and reads the report', async ({ page }) => {
    await signIn(page, admin)
    await page.goto('/admin/impor')
    await startImport(page, EXPORT)
    const heading = page.getByRole('heading', { name: 'Laporan impor', exact: true })
    await expect(heading).toBeVisible({ timeout: 60_000 })
    await expect(heading).toBeFocused()
    await expect(page.getByRole('status').filter({ hasText: 'Impor selesai.' })).toBeVisible()
    await expect(page.getByText('Berkas: small-classic.xml').first()).toBeVisible()

    // 30 published, 4 drafts, 1 scheduled in the export. The scheduled one's time has passed, so it
    // is published now, and the report says so.
    const [published, nowLive, drafts, scheduled] = ((await summary(page).textContent()) ?? '').match(/\d+/g)!.map(Number)
    const { posts } = expected.counts
    expect({ published, nowLive, drafts, scheduled }).toEqual({
      published: posts.published + posts.scheduled,
      nowLive: posts.scheduled,
      drafts: posts.draft,
      scheduled: 0,
    })

    const table = page.getByRole('table', { name: 'Jumlah per jenis' })
    const created = (kind: string) => table.getByRole('row', { name: new RegExp(`^${kind}\\b`) }).getByRole('cell').first()
    await expect(created('Berita')).toHaveText(String(posts.published + posts.draft + posts.scheduled))
    await expect(created('Halaman')).toHaveText(String(expected.counts.pages.published))

    await expect(page.getByText(/^15 komentar dihitung/)).toBeVisible()
    await expect(page.getByRole('cell', { name: 'Tema tampilan blog, bukan isi' })).toBeVisible()
    await expect(page.getByRole('cell', { name: 'Pengaturan blog, bukan isi' }).first()).toBeVisible()

    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])

    // Look-alike labels are offered for merging on the labels screen, where an editor decides.
    const suggestion = page.getByRole('listitem').filter({ hasText: 'Ke “Kabupaten Koto Alai” (2 berita):' })
    await expect(suggestion).toContainText('Kab. Koto Alai (2 berita, singkatan)')
    await page.getByRole('link', { name: 'Buka halaman Label untuk meninjau saran' }).click()
    await expect(page).toHaveURL(/\/admin\/label#saran-gabung$/)
    await expect(page.getByRole('heading', { name: 'Saran penggabungan' })).toBeVisible()
    await expect(page.getByText('Saran: gabungkan ke “Kabupaten Koto Alai”')).toBeVisible()

    // Coming back to the page later shows the last report again.
    await page.goto('/admin/impor')
    await expect(page.getByRole('heading', { name: 'Laporan impor', exact: true })).toBeVisible()
  })

  test('old Blogger addresses land on the new pages with one 301', async ({ page }) => {
    const moves = [
      ['/2022/01/dprd-pesisir-barat-daya-gelar-rapat.html?m=1', '/2022/01/dprd-pesisir-barat-daya-gelar-rapat'],
      ['/2022/01/dprd-pesisir-barat-daya-gelar-rapat.html', '/2022/01/dprd-pesisir-barat-daya-gelar-rapat'],
      ['/p/redaksi.html', '/p/redaksi'],
      ['/search/label/Pesisir%20Barat%20Daya', '/label/pesisir-barat-daya'],
    ] as const
    for (const [from, to] of moves) {
      expect(await peek(page.request, from), from).toEqual({ status: 301, location: to })
      expect((await peek(page.request, to)).status, to).toBe(200)
    }

    // A reader following an old link from social media.
    await page.goto(moves[0][0])
    await expect(page).toHaveURL(new RegExp(`${moves[0][1]}$`))
    const article = expected.posts.find((p) => p.legacyPath === '/2022/01/dprd-pesisir-barat-daya-gelar-rapat.html')!
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible()

    // The post scheduled for a time that has since passed is live.
    const scheduled = expected.scheduled[0]!
    const live = await peek(page.request, scheduled.legacyPath)
    expect(live.status).toBe(301)
    expect((await peek(page.request, live.location!)).status).toBe(200)

    // A draft (published once, then reverted) never shows.
    const draft = expected.notRedirected.find((n) => n.from === '/2023/10/kasus-dbd-di-sarai-panjang-meningkat.html')!
    expect((await peek(page.request, draft.from)).status).toBe(404)
  })

  test('a newer export updates a story, and the newsroom edits it without losing its table', async ({ page }) => {
    // Blogger's newer export: one story gained a table of results since the first import.
    const post = expected.posts.find((p) => p.legacyPath === '/2022/01/dprd-pesisir-barat-daya-gelar-rapat.html')!
    const table = '<table><tbody><tr><th>Fraksi</th><th>Kursi</th></tr><tr><td>Fraksi Pembangunan</td><td>7</td></tr></tbody></table>'
    const escaped = table.replace(/</g, '&lt;').replace(/>/g, '&gt;')
    const xml = fs.readFileSync(EXPORT, 'utf8')
    const at = xml.indexOf('</content>', xml.indexOf(`<title type='text'>${post.title}</title>`))
    const newer = Buffer.from(`${xml.slice(0, at)}${escaped}${xml.slice(at)}`)

    await signIn(page, admin)
    await page.goto('/admin/impor')
    await startImport(page, { name: 'cadangan-baru.xml', mimeType: 'application/xml', buffer: newer })
    // The last import's report stays on the page until this one replaces it: wait for this file's.
    const report = page.getByRole('region', { name: 'Laporan impor', exact: true })
    await expect(report.getByText(/Berkas: cadangan-baru\.xml/)).toBeVisible({ timeout: 60_000 })
    const tally = report.getByRole('table', { name: 'Jumlah per jenis' })
    // Columns: new, updated, unchanged, skipped.
    await expect(tally.getByRole('row', { name: /^Berita\b/ }).getByRole('cell').nth(1)).toHaveText('1')

    const articlePath = '/2022/01/dprd-pesisir-barat-daya-gelar-rapat'
    await page.goto(articlePath)
    await expect(page.getByRole('cell', { name: 'Fraksi Pembangunan' })).toBeVisible()

    // An editor changes the headline and adds a line to the story; the table, which the editor
    // cannot edit, is kept as it is.
    await page.goto('/admin/artikel')
    await page.getByRole('link', { name: post.title }).click()
    await page.getByLabel('Judul', { exact: true }).fill(`${post.title} (diperbarui)`)
    const body = page.getByRole('textbox', { name: 'Isi berita' })
    await body.click()
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.type('Diperbarui dengan hasil rapat. ')
    await page.getByRole('button', { name: 'Simpan perubahan' }).click()
    await expect(page.getByRole('status').first()).toHaveText('Tersimpan.')
    await page.goto(articlePath)
    await expect(page.getByRole('heading', { level: 1, name: `${post.title} (diperbarui)` })).toBeVisible()
    await expect(page.getByText('Diperbarui dengan hasil rapat.')).toBeVisible()
    await expect(page.getByRole('cell', { name: 'Fraksi Pembangunan' })).toBeVisible()
  })

  test('an imported author is given an email and a password, signs in and finds their stories', async ({ browser, page }) => {
    await signIn(page, admin)
    await page.goto('/admin/pengguna')
    const author = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Yulia Rahmadani' }) })
    await expect(author.getByText('Tanpa email')).toBeVisible()
    const email = `yulia-${Date.now().toString(36)}@redaksi.example`
    await author.getByLabel('Email').fill(email)
    await author.getByLabel('Kata sandi awal').fill('sawah-berjenjang-2026')
    await author.getByRole('button', { name: 'Aktifkan akun' }).click()
    // The account now shows its email and is active (the form gives way to the usual buttons).
    await expect(author.getByText(email)).toBeVisible()
    await expect(author.getByText('Aktif', { exact: true })).toBeVisible()

    const yulia = await (await browser.newContext()).newPage()
    await signIn(yulia, email, 'sawah-berjenjang-2026')
    await yulia.goto('/admin/artikel')
    // One of her stories (not the one retitled above).
    const hers = expected.posts.find((p) => p.author === 'Yulia Rahmadani' && !p.legacyPath.startsWith('/2022/01/'))!
    await expect(yulia.getByRole('link', { name: hers.title })).toBeVisible()
    await yulia.context().close()
  })

  test('a reporter or an editor gets no import page and cannot upload', async ({ browser }) => {
    for (const role of ['reporter', 'editor'] as const) {
      const page = await (await browser.newContext()).newPage()
      await signIn(page, createAccount(role, `${role} impor`))
      await expect(page.getByRole('link', { name: 'Impor Blogger' })).toHaveCount(0)
      // server.mjs's gate refuses before the page streams: a real 403, in the newsroom's frame.
      expect((await page.goto('/admin/impor'))?.status()).toBe(403)
      await expect(page.getByRole('heading', { name: 'Anda tidak punya akses ke halaman ini' })).toBeVisible()
      const upload = await page.request.post('/api/admin/import?dryRun=1&name=x.xml', {
        data: fs.readFileSync(EXPORT),
        headers: { 'content-type': 'application/xml' },
      })
      expect(upload.status()).toBe(403)
      await page.context().close()
    }
  })
})
