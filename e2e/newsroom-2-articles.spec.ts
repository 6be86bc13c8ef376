import { execFileSync } from 'node:child_process'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { databaseEnv } from './support/database'
import { E2E_NEWSROOM_DATA_DIR } from './support/server'

// Accounts are made with a helper script against the server's database (as an admin would
// with the CLI), then used through the real sign-in page: no internal shortcuts.
const PASSWORD = 'Redaksi-Uji-2026!'
const run = Date.now().toString(36)
const people = {
  reporter: { email: `reporter-${run}@warta.test`, role: 'reporter', name: `Rina Reporter ${run}` },
  editor: { email: `editor-${run}@warta.test`, role: 'editor', name: `Eko Editor ${run}` },
} as const

function createStaff(p: { email: string; role: string; name: string }) {
  execFileSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'e2e/helpers/create-staff.ts', p.email, p.role, PASSWORD, p.name], {
    env: { ...process.env, ...databaseEnv(E2E_NEWSROOM_DATA_DIR) },
    stdio: 'pipe',
  })
}

async function signIn(browser: Browser, who: keyof typeof people): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/admin/masuk')
  await page.getByLabel('Email').fill(people[who].email)
  await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Masuk' }).click()
  await page.waitForURL(/\/admin$/)
  return page
}

async function newArticle(page: Page, title: string): Promise<string> {
  await page.goto('/admin/artikel/baru')
  await page.getByLabel('Judul').fill(title)
  await page.getByRole('button', { name: 'Mulai menulis' }).click()
  await page.waitForURL(/\/admin\/artikel\/\d+$/)
  return page.url()
}

const status = (page: Page) => page.getByRole('status').first()

test.describe.configure({ mode: 'serial' })

test.describe('the newsroom writes and publishes', () => {
  const title = `Banjir merendam Koto Tangah ${run}`
  let editorUrl = ''
  let publicPath = ''

  test.beforeAll(() => {
    createStaff(people.reporter)
    createStaff(people.editor)
  })

  test('a reporter writes with the toolbar and shortcuts, autosaves, and publishes; readers see it at once', async ({ browser }) => {
    const page = await signIn(browser, 'reporter')
    editorUrl = await newArticle(page, title)
    await page.getByLabel('Tempat kejadian (dateline)').fill('Padang')
    await page.getByLabel('Ringkasan').fill('Hujan deras sejak subuh.')
    const body = page.getByRole('textbox', { name: 'Isi berita' })
    await body.click()
    await page.keyboard.type('Air setinggi lutut merendam rumah warga.')
    await page.keyboard.press('Enter')
    await page.getByRole('toolbar', { name: 'Alat penyunting' }).getByRole('button', { name: 'Subjudul H2' }).click()
    await page.keyboard.type('Posko pengungsian')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Control+b')
    await page.keyboard.type('BPBD')
    await page.keyboard.press('Control+b')
    await page.keyboard.type(' membuka dua posko.')
    const labels = page.getByRole('combobox', { name: 'Label' })
    await labels.fill(`Bencana ${run}`)
    await labels.press('Enter')

    // Autosave: nobody clicks, the draft is saved within ~20 s.
    await expect(page.getByText(/Tersimpan otomatis \d{2}\.\d{2}/)).toBeVisible({ timeout: 35_000 })

    await page.getByRole('button', { name: 'Terbitkan sekarang' }).click()
    await expect(status(page)).toHaveText('Artikel terbit.')
    publicPath = (await page.getByRole('link', { name: /^\/\d{4}\/\d{2}\// }).getAttribute('href'))!

    const reader = await browser.newPage()
    const res = await reader.goto(publicPath)
    expect(res?.status()).toBe(200)
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(title)
    await expect(reader.getByRole('heading', { level: 2, name: 'Posko pengungsian' })).toBeVisible()
    await expect(reader.locator('.prose strong', { hasText: 'BPBD' })).toBeVisible()
    await reader.goto('/')
    await expect(reader.getByRole('link', { name: title }).first()).toBeVisible()
    await reader.close()
  })

  test('a stale save is refused with a clear message and the text stays on screen', async ({ browser }) => {
    const reporter = await signIn(browser, 'reporter')
    const editor = await signIn(browser, 'editor')
    await reporter.goto(editorUrl)
    await editor.goto(editorUrl)
    await editor.getByLabel('Ringkasan').fill('Diperbaiki editor.')
    await editor.getByRole('button', { name: 'Simpan perubahan' }).click()
    await expect(status(editor)).toHaveText('Tersimpan.')

    await reporter.getByLabel('Ringkasan').fill('Versi reporter yang tidak boleh hilang.')
    await reporter.getByRole('button', { name: 'Simpan perubahan' }).click()
    await expect(reporter.getByRole('alert').filter({ hasText: 'sudah disimpan orang lain' })).toBeVisible()
    await expect(reporter.getByLabel('Ringkasan')).toHaveValue('Versi reporter yang tidak boleh hilang.')
  })

  test('an editor adds a correction, and a retraction leaves a 410 notice with the reason', async ({ browser }) => {
    const editor = await signIn(browser, 'editor')
    await editor.goto(editorUrl)
    await editor.getByLabel('Jenis catatan').selectOption('correction')
    await editor.getByLabel('Isi catatan').fill('Nama kecamatan diperbaiki.')
    await editor.getByRole('button', { name: 'Tambahkan catatan' }).click()
    await expect(editor.getByText('Catatan ditambahkan dan tampil di berita.')).toBeVisible()
    const reader = await browser.newPage()
    await reader.goto(publicPath)
    await expect(reader.getByRole('complementary', { name: 'Catatan redaksi' })).toContainText('Ralat')
    await expect(reader.getByText('Diperbarui')).toBeVisible()

    await editor.reload()
    editor.on('dialog', (d) => void d.accept())
    await editor.getByText('Tarik berita', { exact: true }).first().click()
    await editor.getByLabel('Alasan penarikan').fill('Narasumber tidak dapat diverifikasi.')
    await editor.getByRole('button', { name: 'Tarik berita' }).click()
    await expect(status(editor)).toContainText('Berita ditarik')
    const gone = await reader.goto(publicPath)
    expect(gone?.status()).toBe(410)
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Berita ini telah ditarik')
    await expect(reader.getByRole('main').getByText(title)).toBeVisible()
    await expect(reader.getByText('Narasumber tidak dapat diverifikasi.')).toBeVisible()
    await reader.close()
  })

  test('a scheduled draft waits, previews only for staff, keeps revisions and can be restored', async ({ browser }) => {
    const page = await signIn(browser, 'reporter')
    const url = await newArticle(page, `Jadwal ${run}`)
    await page.getByRole('textbox', { name: 'Isi berita' }).click()
    await page.keyboard.type('Versi pertama.')
    await page.getByRole('button', { name: 'Simpan draf' }).click()
    await expect(status(page)).toHaveText('Tersimpan.')
    await page.getByLabel('Waktu terbit (WIB)').fill('2099-01-01T07:00')
    await page.getByRole('button', { name: 'Jadwalkan' }).click()
    await expect(status(page)).toContainText('Artikel dijadwalkan terbit Kamis, 1 Januari 2099 07.00 WIB')
    await expect(page.getByRole('heading', { name: 'Status: Terjadwal' })).toBeVisible()

    const preview = await page.context().newPage()
    const res = await preview.goto(`${url}/pratinjau`)
    expect(res?.status()).toBe(200)
    await expect(preview.getByRole('heading', { level: 1 })).toHaveText(`Jadwal ${run}`)
    await expect(preview.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)
    const anonymous = await browser.newPage()
    await anonymous.goto(`${url}/pratinjau`)
    await expect(anonymous).toHaveURL(/\/admin\/masuk/)
    await expect(anonymous.getByText(`Jadwal ${run}`)).toHaveCount(0)
    await anonymous.close()

    await page.goto(`${url}/revisi`)
    const revisions = page.getByRole('navigation', { name: 'Riwayat revisi' })
    await expect(revisions.getByRole('link')).toHaveCount(3)
    await revisions.getByRole('link', { name: /Versi 1\b/ }).click()
    await page.getByRole('button', { name: 'Pulihkan versi ini' }).click()
    await page.waitForURL(url)
    await page.goto(`${url}/revisi`)
    await expect(revisions.getByRole('link').first()).toContainText('pemulihan versi 1')
  })

  test('the desk pages have no serious accessibility violations', async ({ browser }) => {
    const page = await signIn(browser, 'editor')
    for (const p of ['/admin/artikel', '/admin/artikel/baru', editorUrl, `${editorUrl}/revisi`, '/admin/halaman']) {
      await page.goto(p)
      await page.waitForLoadState('networkidle')
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), p).toEqual([])
    }
  })
})
