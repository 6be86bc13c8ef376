import { type Browser, expect, type Page, test } from '@playwright/test'
import { createAccount, PASSWORD, signIn } from './support/accounts'
import { query, queryRow } from './support/database'
import { E2E_NEWSROOM_DATA_DIR } from './support/server'

// The newsroom server's data folder (playwright.config.ts). Accounts are made with the CLI, so
// this file does not depend on which spec went through first-run setup.
const DATA_DIR = E2E_NEWSROOM_DATA_DIR
const run = Date.now().toString(36)

async function open(page: Page, url: string) {
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

async function newSignedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, email)
  return page
}

test.describe('the newsroom desk', () => {
  test('an admin uploads a photo, describes it and makes it the site logo', async ({ page }) => {
    await signIn(page, createAccount('admin', 'Admin Media'))
    await open(page, '/admin/media')
    await page.getByLabel('Berkas foto').setInputFiles('tests/fixtures/images/not-an-image.jpg')
    await page.getByRole('button', { name: 'Unggah' }).click()
    await expect(page.getByText('Berkas ini bukan foto JPEG, PNG, WebP atau GIF.')).toBeVisible()

    await page.getByLabel('Berkas foto').setInputFiles('tests/fixtures/images/exif-gps.jpg')
    // The library's refresh after the upload is held back a second, as on a slow connection.
    await page.route('**/admin/media*', async (route) => {
      if (route.request().headers()['rsc']) await new Promise((resolve) => setTimeout(resolve, 1000))
      await route.continue()
    })
    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/media')
    await page.getByRole('button', { name: 'Unggah' }).click()
    const response = await uploaded
    expect(response.status()).toBe(201)
    const id = String(((await response.json()) as { id: number }).id)
    const item = page.getByRole('listitem').filter({ has: page.getByText(`ID ${id}`, { exact: true }) })
    await expect(page.getByText('Foto berhasil diunggah.')).toBeVisible()
    // The notice comes with the refreshed library, so the new photo is listed the moment it shows
    // (found by its id: the first in the list may be an earlier spec's photo).
    expect(await item.count()).toBe(1)
    await page.unrouteAll()
    await item.getByLabel('Teks alternatif').fill('Logo koran uji')
    await item.getByRole('button', { name: 'Simpan teks' }).click()
    await expect(item.getByText('Teks foto disimpan.')).toBeVisible()

    await open(page, '/admin/pengaturan')
    await page.getByLabel('Nama situs').fill(`Kabar Uji ${run}`)
    await page.getByLabel('ID foto logo').fill(id)
    await page.getByRole('button', { name: 'Simpan' }).click()
    await expect(page.getByText('Pengaturan disimpan.')).toBeVisible()
    await page.goto('/')
    await expect(page.getByRole('banner').getByRole('img', { name: `Kabar Uji ${run}` })).toBeVisible()
  })

  test('an editor merges near-duplicate labels and the old URL is recorded as a 301', async ({ page }) => {
    await signIn(page, createAccount('editor', 'Editor Label'))
    await open(page, '/admin/label')
    for (const { name, slug } of [
      { name: `Sepak Bola ${run}`, slug: `sepak-bola-${run}` },
      { name: `sepakbola ${run}`, slug: `sepakbola-${run}` },
    ]) {
      await page.locator('#new-name').fill(name)
      await page.locator('#new-slug').fill(slug)
      await page.getByRole('button', { name: 'Buat label' }).click()
      await expect(page.getByText('Label dibuat.')).toBeVisible()
    }
    await page.getByRole('searchbox', { name: 'Cari label' }).fill(run)
    await page.getByRole('button', { name: 'Cari', exact: true }).click()
    await expect(page.getByRole('row')).toHaveCount(3)

    await page.getByLabel(`Gabungkan sepakbola ${run}`).check()
    await page.getByLabel(`Jadikan Sepak Bola ${run} tujuan`).check()
    await page.getByRole('button', { name: 'Gabungkan label' }).click()
    await expect(page.getByText('Centang konfirmasi untuk melanjutkan.')).toBeVisible()
    await page.getByLabel(/Saya yakin/).check()
    await page.getByRole('button', { name: 'Gabungkan label' }).click()
    await expect(page.getByText(`1 label digabungkan ke “Sepak Bola ${run}”.`)).toBeVisible()
    await expect(page.getByRole('row')).toHaveCount(2)
    const redirect = await queryRow(DATA_DIR, 'select to_path as "toPath", code from redirects where from_path = ?', [`/label/sepakbola-${run}`])
    expect(redirect).toEqual({ toPath: `/label/sepak-bola-${run}`, code: 301 })
  })

  test('an editor reads the inbox, marks a message handled and deletes it', async ({ page }) => {
    await query(DATA_DIR, 'insert into contact_messages (name, email, message) values (?, ?, ?)', [`Rina ${run}`, 'rina@pembaca.example', 'Jalan di depan sekolah rusak parah.'])
    await signIn(page, createAccount('editor', 'Editor Pesan'))
    await open(page, '/admin/pesan')
    const message = page.getByRole('listitem').filter({ hasText: `Rina ${run}` })
    await message.getByRole('button', { name: 'Tandai sudah ditangani' }).click()
    await expect(message.getByText('Pesan ditandai sudah ditangani.')).toBeVisible()
    await expect(message.getByRole('button', { name: 'Tandai belum ditangani' })).toBeVisible()
    await message.getByRole('link', { name: `Baca pesan dari Rina ${run}` }).click()
    await expect(page.getByText('Jalan di depan sekolah rusak parah.')).toBeVisible()
    await page.getByText('Hapus pesan', { exact: true }).click()
    await page.getByRole('button', { name: 'Hapus pesan ini' }).click()
    await expect(page).toHaveURL(/\/admin\/pesan\?selesai=dihapus$/)
    await expect(page.getByText('Pesan dihapus.')).toBeVisible()
    await expect(page.getByText(`Rina ${run}`)).toBeHidden()
  })

  test('the inbox shows 20 messages a page, the older ones behind its “next” link', async ({ page }) => {
    // Older than anything else in the inbox, one a minute: the first of them is past the first page.
    const from = Date.UTC(2001, 0, 1)
    const rows = Array.from({ length: 21 }, (_, i) => [`Pembaca lama ${run} ${i}`, 'lama@pembaca.example', 'Pesan lama.', from + i * 60_000])
    await query(DATA_DIR, `insert into contact_messages (name, email, message, created_at) values ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`, rows.flat())
    try {
      await signIn(page, createAccount('editor', 'Editor Halaman Pesan'))
      await open(page, '/admin/pesan')
      const oldest = page.getByRole('link', { name: `Baca pesan dari Pembaca lama ${run} 0`, exact: true })
      await expect(page.getByRole('link', { name: /^Baca pesan dari / })).toHaveCount(20)
      await expect(oldest).toHaveCount(0)
      await page.getByRole('link', { name: 'Pesan berikutnya' }).click()
      await expect(page).toHaveURL(/\/admin\/pesan\?after=b\.\d+\.\d+$/)
      await expect(oldest).toBeVisible()
    } finally {
      await query(DATA_DIR, 'delete from contact_messages where email = ?', ['lama@pembaca.example'])
    }
  })

  test('an admin adds a reporter, who cannot open admin pages and is shut out once deactivated', async ({ page, browser }) => {
    await signIn(page, createAccount('admin', 'Admin Orang'))
    await open(page, '/admin/pengguna')
    const email = `wartawan-${run}@desk.example`
    await page.locator('#new-user-name').fill(`Wartawan ${run}`)
    await page.locator('#new-user-email').fill(email)
    await page.locator('#new-user-role').selectOption('reporter')
    await page.locator('#new-user-password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Buat pengguna' }).click()
    await expect(page.getByText(`Akun Wartawan ${run} dibuat.`)).toBeVisible()

    const reporter = await newSignedInPage(browser, email)
    // server.mjs's gate refuses before the page streams: a real 403, in the newsroom's frame.
    for (const url of ['/admin/pengguna', '/admin/pengaturan', '/admin/label', '/admin/pesan']) {
      expect((await reporter.goto(url))?.status(), url).toBe(403)
      await expect(reporter.getByRole('heading', { name: 'Anda tidak punya akses ke halaman ini' }), url).toBeVisible()
    }
    await open(reporter, '/admin/media')

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Wartawan ${run}` }) })
    await card.getByRole('button', { name: 'Nonaktifkan' }).click()
    await expect(card.getByText('Nonaktif', { exact: true })).toBeVisible()
    await reporter.goto('/admin/media')
    await expect(reporter).toHaveURL(/\/admin\/masuk/)
  })
})
