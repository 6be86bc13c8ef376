import { execFileSync } from 'node:child_process'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test'
import { databaseEnv, query } from './support/database'
import { E2E_NEWSROOM_DATA_DIR } from './support/server'

// The desk home ("Meja redaksi") for each role, and a story published while it still needs
// verification (issue #11, points 4 and 5). Accounts are made in the server's database as an
// admin would; everything else goes through the pages.
const PASSWORD = 'Meja-Redaksi-2026!'
const run = Date.now().toString(36)
const ROLES = ['contributor', 'reporter', 'editor', 'admin'] as const
type Role = (typeof ROLES)[number]
const people = Object.fromEntries(ROLES.map((role) => [role, { email: `${role}-home-${run}@warta.test`, name: `${role} ${run}` }])) as Record<
  Role,
  { email: string; name: string }
>

async function signIn(browser: Browser, role: Role): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto('/admin/masuk')
  await page.getByLabel('Email').fill(people[role].email)
  await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Masuk' }).click()
  await page.waitForURL(/\/admin$/)
  return page
}

const section = (page: Page, name: string | RegExp): Locator => page.getByRole('region', { name })
const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu ruang redaksi' })
const status = (page: Page) => page.getByRole('status').first()

test.describe.configure({ mode: 'serial' })

test.describe('the desk home and stories that still need verification', () => {
  const title = `Jembatan gantung Batang Anai putus ${run}`
  let storyId = 0
  let publicPath = ''
  const message = `Pesan pembaca ${run}: ada nama yang salah ketik.`

  test.beforeAll(async () => {
    for (const role of ROLES) {
      execFileSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'e2e/helpers/create-staff.ts', people[role].email, role, PASSWORD, people[role].name], {
        env: { ...process.env, ...databaseEnv(E2E_NEWSROOM_DATA_DIR) },
        stdio: 'pipe',
      })
    }
    await query(E2E_NEWSROOM_DATA_DIR, 'insert into contact_messages (name, email, message) values (?, ?, ?)', [`Pembaca ${run}`, 'pembaca@contoh.example', message])
  })

  test('a contributor writes and submits; their desk home shows it waiting, and no inbox', async ({ browser }) => {
    const page = await signIn(browser, 'contributor')
    await expect(page.getByRole('heading', { level: 1, name: 'Meja redaksi' })).toBeVisible()
    await expect(section(page, 'Pesan masuk belum dibaca')).toHaveCount(0)
    await expect(menu(page).getByRole('link', { name: /Pesan masuk/ })).toHaveCount(0)

    await page.getByRole('link', { name: 'Tulis artikel' }).first().click()
    await page.getByLabel('Judul').fill(title)
    await page.getByRole('button', { name: 'Mulai menulis' }).click()
    await page.waitForURL(/\/admin\/artikel\/\d+$/)
    storyId = Number(page.url().split('/').pop())
    await page.getByLabel('Ringkasan').fill('Warga dua nagari terputus.')
    await page.getByRole('textbox', { name: 'Isi berita' }).click()
    await page.keyboard.type('Jembatan yang menghubungkan dua nagari putus diterjang arus.')
    await page.getByRole('button', { name: 'Simpan draf' }).click()
    await expect(status(page)).toHaveText('Tersimpan.')

    await page.goto('/admin')
    await expect(section(page, 'Draf saya').getByRole('link', { name: title })).toHaveAttribute('href', `/admin/artikel/${storyId}`)

    await page.goto(`/admin/artikel/${storyId}`)
    await page.getByRole('button', { name: 'Kirim ke editor' }).click()
    await expect(status(page)).toHaveText('Artikel dikirim ke antrean periksa editor.')
    await page.goto('/admin')
    const mine = section(page, 'Tulisan saya di antrean periksa')
    await expect(mine.getByRole('listitem').filter({ hasText: title })).toContainText(/menunggu \d+ menit/)
    await expect(section(page, 'Draf saya').getByRole('link', { name: title })).toHaveCount(0)
    // Waiting since three days: oldest in the queue, whatever the other specs submitted.
    await query(E2E_NEWSROOM_DATA_DIR, 'update articles set submitted_at = ? where id = ?', [Date.now() - 3 * 86_400_000 - 60_000, storyId])
  })

  test('an editor sees the queue oldest first with its wait, counts in the menu and the unread message; returns the story', async ({ browser }) => {
    const page = await signIn(browser, 'editor')
    const queue = section(page, 'Antrean periksa')
    const item = queue.getByRole('listitem').first()
    await expect(item.getByRole('link', { name: title })).toBeVisible()
    await expect(item).toContainText(`${people.contributor.name} · menunggu 3 hari`)
    await expect(queue.getByRole('link', { name: 'Lihat semua: Antrean periksa' })).toHaveAttribute('href', '/admin/artikel?status=submitted')
    await expect(menu(page).getByRole('link', { name: /^Antrean periksa \(\d+ menunggu diperiksa\)$/ })).toBeVisible()
    await expect(menu(page).getByRole('link', { name: /^Pesan masuk \(\d+ belum dibaca\)$/ })).toBeVisible()
    const inbox = section(page, 'Pesan masuk belum dibaca')
    await expect(inbox.getByRole('listitem').filter({ hasText: message }).getByRole('link', { name: `Pembaca ${run}` })).toHaveAttribute('href', /\/admin\/pesan\/\d+$/)

    await item.getByRole('link', { name: title }).click()
    await page.waitForURL(`**/admin/artikel/${storyId}`)
    await page.getByRole('button', { name: 'Kembalikan ke penulis' }).click()
    await expect(status(page)).toHaveText('Artikel dikembalikan ke penulis sebagai draf.')
  })

  test('the contributor finds it returned on their desk home and submits it again', async ({ browser }) => {
    const page = await signIn(browser, 'contributor')
    const returned = section(page, 'Dikembalikan kepada saya')
    await expect(returned.getByRole('listitem').filter({ hasText: title })).toContainText(people.editor.name)
    await returned.getByRole('link', { name: title }).click()
    await page.waitForURL(`**/admin/artikel/${storyId}`)
    // A contributor cannot mark a story: the editor decides (Pedoman Pemberitaan Media Siber 2.c).
    await expect(page.getByRole('region', { name: 'Verifikasi', exact: true })).toContainText('tidak ditandai')
    await expect(page.getByRole('button', { name: 'Tandai: masih memerlukan verifikasi' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Kirim ke editor' }).click()
    await expect(status(page)).toHaveText('Artikel dikirim ke antrean periksa editor.')
    await page.goto('/admin')
    await expect(section(page, 'Dikembalikan kepada saya').getByRole('link', { name: title })).toHaveCount(0)
  })

  test('an editor marks it as still needing verification and publishes; readers see the notice', async ({ browser }) => {
    const page = await signIn(browser, 'editor')
    await page.goto(`/admin/artikel/${storyId}`)
    const panel = page.getByRole('region', { name: 'Verifikasi', exact: true })
    await panel.getByRole('button', { name: 'Tandai: masih memerlukan verifikasi' }).click()
    await expect(panel).toContainText('Berita ini ditandai masih memerlukan verifikasi sejak')
    await page.getByRole('button', { name: 'Terbitkan sekarang' }).click()
    await expect(status(page)).toHaveText('Artikel terbit.')
    publicPath = (await page.getByRole('link', { name: /^\/\d{4}\/\d{2}\// }).getAttribute('href'))!

    const reader = await browser.newPage()
    expect((await reader.goto(publicPath))?.status()).toBe(200)
    const notice = reader.getByRole('note', { name: 'Pemberitahuan verifikasi' })
    await expect(notice).toHaveText('(Berita ini masih memerlukan verifikasi lebih lanjut, yang sedang diupayakan redaksi secepatnya.)')
    await expect(notice).toHaveCSS('font-style', 'italic')
    const ld = JSON.parse((await reader.locator('script[type="application/ld+json"]').first().textContent())!)
    expect([ld].flat()[0].description).toBe('Berita ini masih memerlukan verifikasi. Warga dua nagari terputus.')
    await expect(reader.locator('meta[name="description"]')).toHaveAttribute('content', /^Berita ini masih memerlukan verifikasi\. /)
    await reader.close()

    await page.goto('/admin')
    await expect(section(page, 'Menunggu verifikasi').getByRole('listitem').filter({ hasText: title })).toContainText(/ditandai \d+ menit lalu/)
    await expect(section(page, /^Terbit hari ini/).getByRole('listitem').filter({ hasText: title })).toContainText(
      `${people.contributor.name} · editor ${people.editor.name}`,
    )
    await page.getByRole('link', { name: 'Lihat semua: Menunggu verifikasi' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Menunggu verifikasi' })).toBeVisible()
    await expect(page.getByRole('link', { name: title })).toHaveAttribute('href', `/admin/artikel/${storyId}`)
  })

  test('an Update note recording what was verified lifts the mark; the notice is gone', async ({ browser }) => {
    const page = await signIn(browser, 'editor')
    await page.goto(`/admin/artikel/${storyId}`)
    // Only an Update note lifts it.
    await expect(page.getByRole('button', { name: 'Hapus tanda verifikasi' })).toHaveCount(0)
    await page.getByLabel('Jenis catatan').selectOption('update')
    await page.getByLabel('Isi catatan').fill('Wali nagari membenarkan kepada redaksi bahwa jembatan putus pukul 05.00.')
    await page.getByLabel('Catatan ini memuat hasil verifikasi: cabut tanda “masih memerlukan verifikasi”').check()
    await page.getByRole('button', { name: 'Tambahkan catatan' }).click()
    await expect(page.getByText('Catatan ditambahkan dan tampil di berita; tanda “masih memerlukan verifikasi” dicabut.')).toBeVisible()

    const reader = await browser.newPage()
    await reader.goto(publicPath)
    await expect(reader.getByRole('complementary', { name: 'Catatan redaksi' })).toContainText('Wali nagari membenarkan')
    await expect(reader.getByRole('note', { name: 'Pemberitahuan verifikasi' })).toHaveCount(0)
    await expect(reader.getByText('masih memerlukan verifikasi')).toHaveCount(0)
    const ld = JSON.parse((await reader.locator('script[type="application/ld+json"]').first().textContent())!)
    expect([ld].flat()[0].description).toBe('Warga dua nagari terputus.')
    await reader.close()

    await page.goto('/admin')
    await expect(section(page, 'Menunggu verifikasi').getByRole('link', { name: title })).toHaveCount(0)
    await expect(section(page, 'Catatan redaksi sepekan terakhir').getByRole('listitem').filter({ hasText: title })).toContainText('Pembaruan: Wali nagari')
  })

  test('a reporter and an admin each get their own desk home', async ({ browser }) => {
    const reporter = await signIn(browser, 'reporter')
    await expect(section(reporter, 'Tulisan saya di antrean periksa')).toContainText('Tidak ada tulisan yang menunggu diperiksa.')
    await expect(section(reporter, 'Tulisan saya yang terjadwal')).toBeVisible()
    await expect(section(reporter, 'Pesan masuk belum dibaca')).toHaveCount(0)
    // Published today by others: listed, linked to the public page (a reporter cannot edit it).
    await expect(section(reporter, /^Terbit hari ini/).getByRole('link', { name: title })).toHaveAttribute('href', publicPath)

    const admin = await signIn(browser, 'admin')
    await expect(section(admin, 'Antrean periksa')).toBeVisible()
    await expect(section(admin, 'Pesan masuk belum dibaca').getByText(message)).toBeVisible()
    await expect(section(admin, /^Terbit hari ini/).getByRole('link', { name: title })).toHaveAttribute('href', `/admin/artikel/${storyId}`)
    await admin.waitForLoadState('networkidle')
    const { violations } = await new AxeBuilder({ page: admin }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  })
})
