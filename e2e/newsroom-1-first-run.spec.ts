import { expect, type Page, test } from '@playwright/test'
import { signIn } from './support/accounts'

// The newsroom server starts with an empty database (playwright.config.ts), so this file,
// which runs first, goes through first-run setup like a new installation: with the setup link
// the server printed when it started.
const PASSWORD = 'Sawah-Berjenjang-2026'
const run = Date.now().toString(36)
const admin = { name: 'Admin Pertama', email: `admin-${run}@redaksi.example` }
const reporter = { name: `Rina Wartawan ${run}`, email: `rina-${run}@redaksi.example` }
const editor = { name: `Eko Redaktur ${run}`, email: `eko-${run}@redaksi.example` }
const labelA = `Koto Tangah ${run}`
const labelB = `koto tangah raya ${run}`

async function createUser(page: Page, who: { name: string; email: string }, role: 'reporter' | 'editor') {
  await page.goto('/admin/pengguna')
  await page.locator('#new-user-name').fill(who.name)
  await page.locator('#new-user-email').fill(who.email)
  await page.locator('#new-user-role').selectOption(role)
  await page.locator('#new-user-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Buat pengguna' }).click()
  await expect(page.getByText(`Akun ${who.name} dibuat.`)).toBeVisible()
}

async function write(page: Page, title: string, labels: string[]) {
  await page.goto('/admin/artikel/baru')
  await page.getByLabel('Judul').fill(title)
  await page.getByRole('button', { name: 'Mulai menulis' }).click()
  await expect(page).toHaveURL(/\/admin\/artikel\/\d+$/)
  await page.getByLabel('Tempat kejadian (dateline)').fill('Koto Tangah')
  await page.getByLabel('Ringkasan').fill('Warga bergotong royong membersihkan saluran irigasi.')
  await page.getByRole('textbox', { name: 'Isi berita' }).click()
  await page.keyboard.type('KOTO TANGAH — Ratusan warga turun ke sawah pagi ini membersihkan saluran irigasi.')
  const picker = page.getByRole('combobox', { name: 'Label' })
  for (const label of labels) {
    await picker.fill(label)
    await picker.press('Enter')
  }
}

// In order, and not retried: the first test spends the one-time setup link, so a retry of the group
// could never pass its first test and would only hide the first failure behind a second.
test.describe.configure({ mode: 'serial', retries: 0 })

test.describe('a newsroom moving in', () => {
  test('first run: the sign-in page says where the setup link is; the link printed at start creates the admin, once', async ({ page }) => {
    await page.goto('/admin')
    await expect(page).toHaveURL(/\/admin\/masuk/)
    await expect(page.getByRole('heading', { name: 'Belum ada akun yang bisa masuk' })).toBeVisible()
    await expect(page.getByText(/tautan penyiapan sekali pakai yang dicetak server di terminal/)).toBeVisible()
    // Without the printed token there is no setup form: a stranger cannot claim a fresh install.
    expect((await page.request.get('/admin/setup')).status()).toBe(404)
    expect((await page.request.get('/admin/setup?token=tebakan')).status()).toBe(404)

    // playwright.config.ts reads the link from the server's output.
    const setupUrl = process.env.E2E_NEWSROOM_SETUP_URL
    expect(setupUrl, 'the server printed no setup link').toMatch(/\/admin\/setup\?token=/)
    await page.goto(setupUrl!)
    await page.getByLabel('Nama').fill(admin.name)
    await page.getByLabel('Email').fill(admin.email)
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Ulangi kata sandi').fill(PASSWORD)
    await page.getByRole('button', { name: 'Buat akun admin' }).click()
    // The action hashes the password (bcrypt, seconds on a busy machine) before redirecting.
    await expect(page).toHaveURL(/\/admin\/masuk\?setup=1$/, { timeout: 20_000 })
    expect((await page.request.get(setupUrl!)).status()).toBe(404)

    await signIn(page, admin.email, PASSWORD)
    await createUser(page, reporter, 'reporter')
    await createUser(page, editor, 'editor')
  })

  test('a reporter publishes a story with an uploaded photo and two labels; readers see it everywhere at once', async ({ browser }) => {
    const page = await (await browser.newContext()).newPage()
    await signIn(page, reporter.email, PASSWORD)
    const title = `Gotong royong irigasi Koto Tangah ${run}`
    await write(page, title, [labelA, labelB])

    await page.getByRole('button', { name: 'Pilih gambar' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Unggah gambar baru').click()
    await dialog.getByLabel('Berkas gambar (JPEG, PNG atau WebP)').setInputFiles('tests/fixtures/images/exif-gps.jpg')
    await dialog.getByLabel('Teks alternatif').fill('Warga membersihkan saluran air di tepi sawah')
    await dialog.getByRole('button', { name: 'Unggah', exact: true }).click()
    await expect(dialog).toBeHidden()
    await page.getByLabel('Teks alternatif gambar').fill('Warga membersihkan saluran air di tepi sawah')

    await page.getByRole('button', { name: 'Terbitkan sekarang' }).click()
    await expect(page.getByRole('status').first()).toHaveText('Artikel terbit.')
    const articlePath = (await page.getByRole('link', { name: /^\/\d{4}\/\d{2}\// }).getAttribute('href'))!

    const reader = await (await browser.newContext()).newPage()
    const story = await reader.goto(articlePath)
    expect(story?.status()).toBe(200)
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(title)
    await expect(reader.locator('main figure img').first()).toHaveAttribute('src', /\/media\/.+\.webp$/)
    const labelLinks = reader.getByRole('navigation', { name: 'Label' }).getByRole('link')
    await expect(labelLinks).toHaveCount(2)
    const labelPaths = await labelLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
    const authorPath = (await reader.locator('a[rel="author"]').first().getAttribute('href'))!

    for (const path of ['/', ...labelPaths, authorPath]) {
      await reader.goto(path)
      await expect(reader.getByRole('link', { name: title }).first(), path).toBeVisible()
    }
  })

  test('a scheduled story appears on its own when its time comes', async ({ browser }) => {
    const page = await (await browser.newContext()).newPage()
    await signIn(page, reporter.email, PASSWORD)
    const title = `Pasar malam dibuka ${run}`
    await write(page, title, [labelA])
    // Twenty seconds from now, in WIB wall time (the form's zone), to the second.
    const at = new Date(Date.now() + 20_000 + 7 * 3600_000).toISOString().slice(0, 19)
    await page.getByLabel('Waktu terbit (WIB)').evaluate((el, v) => ((el as HTMLInputElement).value = v), at)
    await page.getByRole('button', { name: 'Jadwalkan' }).click()
    await expect(page.getByRole('status').first()).toContainText('Artikel dijadwalkan terbit')

    const reader = await (await browser.newContext()).newPage()
    await reader.goto('/')
    await expect(reader.getByRole('link', { name: title })).toHaveCount(0)
    await expect(async () => {
      await reader.goto('/')
      await expect(reader.getByRole('link', { name: title }).first()).toBeVisible({ timeout: 1000 })
    }).toPass({ timeout: 75_000, intervals: [2000] })
  })

  test('an editor merges the two labels; the old label URL answers one 301 to the survivor', async ({ browser, request }) => {
    const page = await (await browser.newContext()).newPage()
    await signIn(page, editor.email, PASSWORD)
    await page.goto('/admin/label')
    await page.getByRole('searchbox', { name: 'Cari label' }).fill(run)
    await page.getByRole('button', { name: 'Cari', exact: true }).click()
    await page.getByLabel(`Gabungkan ${labelB}`).check()
    await page.getByLabel(`Jadikan ${labelA} tujuan`).check()
    await page.getByLabel(/Saya yakin/).check()
    await page.getByRole('button', { name: 'Gabungkan label' }).click()
    await expect(page.getByText(`1 label digabungkan ke “${labelA}”.`)).toBeVisible()

    const oldPath = `/label/koto-tangah-raya-${run}`
    const res = await request.get(oldPath, { maxRedirects: 0 })
    expect(res.status()).toBe(301)
    expect(new URL(res.headers()['location']!, 'http://x').pathname).toBe(`/label/koto-tangah-${run}`)
    const target = await request.get(res.headers()['location']!, { maxRedirects: 0 })
    expect(target.status()).toBe(200)
  })
})
