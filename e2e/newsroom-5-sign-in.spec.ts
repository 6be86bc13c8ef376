import { type Browser, expect, type Page, test } from '@playwright/test'
import { TOTP } from 'otpauth'
import { createAccount, expectAtDesk, PASSWORD, signIn } from './support/accounts'

// The newsroom server trusts loopback as a proxy (TRUSTED_PROXIES in playwright.config.ts), so
// each browser context below plays a client at its own address through X-Forwarded-For.
async function clientAt(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } })
  return context.newPage()
}

/** Submits the sign-in form and waits for next-auth's answer (one attempt at a time). */
async function submitPassword(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Kata sandi').fill(password)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials')),
    page.getByRole('button', { name: 'Masuk' }).click(),
  ])
}

/** The wait a refusal names ("coba lagi dalam 16 detik", "… 3 menit"); 0 for any other message. */
function secondsToWait(text: string | null): number {
  const m = /coba lagi dalam (\d+) (detik|menit)/.exec(text ?? '')
  return m ? Number(m[1]) * (m[2] === 'menit' ? 60 : 1) : 0
}

/** A code the authenticator app would show `aheadSteps` × 30 s from now (a step is accepted once). */
const codeFor = (secret: string, aheadSteps = 0) =>
  new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + aheadSteps * 30_000 })

/** Enrols on the setup form in front of it; returns the secret and the recovery codes it showed. */
async function enrol(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.getByRole('button', { name: 'Pasang verifikasi dua langkah' }).click()
  await expect(page.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' })).toBeVisible()
  const secret = (await page.getByLabel('Kunci rahasia').textContent())!.trim()
  await page.getByLabel('Kode dari aplikasi').fill(codeFor(secret))
  await page.getByRole('button', { name: 'Aktifkan' }).click()
  const list = page.getByRole('list', { name: 'Kode pemulihan Anda' })
  await expect(list.getByRole('listitem')).toHaveCount(10)
  const codes = await list.getByRole('listitem').allTextContents()
  await page.getByRole('link', { name: 'Sudah saya simpan, lanjutkan' }).click()
  return { secret, codes }
}

async function signOut(page: Page) {
  await page.goto('/admin')
  await page.getByRole('button', { name: 'Keluar', exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/masuk/)
}

async function enterCode(page: Page, code: string) {
  await expect(page.getByRole('heading', { name: 'Masukkan kode verifikasi' })).toBeVisible()
  await page.getByLabel('Kode dari aplikasi atau kode pemulihan').fill(code)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/auth/callback/totp')),
    page.getByRole('button', { name: 'Verifikasi' }).click(),
  ])
}

test.describe('signing in', () => {
  test('finding 4: 20 failed sign-ins through the form are refused in Indonesian; the owner still signs in from another address', async ({ browser }) => {
    // Twenty and more password checks, on a thread that yields to everything else (ADR 025), and
    // the doubling waits: a minute on a busy machine.
    test.setTimeout(180_000)
    const email = createAccount('editor', 'Editor Sasaran')
    const attacker = await clientAt(browser, '198.51.100.23')
    await attacker.goto('/admin/masuk')
    const status = attacker.getByRole('status').filter({ hasText: /./ })
    for (let i = 0; i < 20; i++) {
      await submitPassword(attacker, email, `tebakan-ke-${i}`)
      await expect(status).toHaveText(/salah|Terlalu banyak/)
    }
    // Each counted failure doubles the wait (1 s, 2 s, 4 s …), and a refused attempt counts for
    // nothing, so what the twentieth guess met depends on the machine's pace: a refusal, or a
    // wait that had just run out (a counted "wrong password"), or one about to. The attacker keeps
    // guessing until a refusal names a wait of at least ten seconds (once a wait runs out, the next
    // guess is counted and doubles it), and the right password follows at once.
    for (let i = 0; i < 40 && secondsToWait(await status.textContent()) < 10; i++) {
      await submitPassword(attacker, email, `tebakan-lagi-${i}`)
      await expect(status).toHaveText(/salah|Terlalu banyak/)
    }
    await expect(status).toContainText('Terlalu banyak percobaan masuk yang gagal dari alamat ini')
    // The right password from the attacker's address is refused too…
    await submitPassword(attacker, email, PASSWORD)
    await expect(status).toContainText('Terlalu banyak percobaan masuk')
    await expect(attacker).toHaveURL(/\/admin\/masuk/)

    // …while the owner, from their own address, is not affected.
    const owner = await clientAt(browser, '203.0.113.5')
    await owner.goto('/admin/masuk')
    await submitPassword(owner, email, PASSWORD)
    await expectAtDesk(owner)
  })

  test('a known device: the owner signs in from their own browser at an address under attack (one office, one carrier NAT)', async ({ browser }) => {
    // As above: the attacker's twenty and more checks, and 15 s of doubling waits.
    test.setTimeout(180_000)
    const email = createAccount('reporter', 'Reporter Sekantor')
    const shared = '198.51.100.41'
    const owner = await clientAt(browser, shared)
    await owner.goto('/admin/masuk')
    await submitPassword(owner, email, PASSWORD)
    await expectAtDesk(owner)
    const device = (await owner.context().cookies()).find((c) => c.name === 'warta-device')
    expect(device, 'a full sign-in marks the browser as a known device').toBeDefined()
    expect(device).toMatchObject({ path: '/api/auth', httpOnly: true, sameSite: 'Lax' })
    await signOut(owner)

    // Someone else behind the same address guesses until the address is refused for a while.
    const attacker = await clientAt(browser, shared)
    await attacker.goto('/admin/masuk')
    const status = attacker.getByRole('status').filter({ hasText: /./ })
    for (let i = 0; i < 80; i++) {
      await submitPassword(attacker, i % 2 ? email : `tamu-${i}@contoh.example`, `tebakan-${i}`)
      await expect(status).toHaveText(/salah|Terlalu banyak/)
      if (secondsToWait(await status.textContent()) >= 10) break
    }
    await expect(status).toContainText('Terlalu banyak percobaan masuk yang gagal dari alamat ini')
    await submitPassword(attacker, email, PASSWORD)
    await expect(status).toContainText('Terlalu banyak percobaan masuk')

    // The owner's browser, which signed in before, is not refused with the address.
    await owner.goto('/admin/masuk')
    await submitPassword(owner, email, PASSWORD)
    await expectAtDesk(owner)
  })

  test('a lost phone: the laptop lists both sessions and ends the phone’s; then an admin ends the laptop’s too', async ({ browser }) => {
    const name = `Reporter Dua Perangkat ${Date.now().toString(36)}`
    const email = createAccount('reporter', name)
    const phone = await (await browser.newContext({
      userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.61' },
    })).newPage()
    const laptop = await (await browser.newContext({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.62' },
    })).newPage()
    await signIn(phone, email)
    await signIn(laptop, email)

    await laptop.goto('/admin/profil')
    const sessions = laptop.getByRole('list', { name: 'Perangkat yang sedang masuk' }).getByRole('listitem')
    await expect(sessions).toHaveCount(2)
    const own = sessions.filter({ hasText: 'Perangkat ini' })
    await expect(own).toContainText('Chrome di Windows')
    await expect(own).toContainText('198.51.100.62')
    await expect(own.getByRole('button', { name: 'Akhiri sesi' })).toHaveCount(0)
    const lost = sessions.filter({ hasText: 'Chrome di Android' })
    await expect(lost).toContainText('203.0.113.61')
    await lost.getByRole('button', { name: 'Akhiri sesi' }).click()
    // The page is drawn again without it.
    await expect(sessions).toHaveCount(1)
    await expect(sessions).toContainText('Perangkat ini')

    // The phone's next request finds it signed out; the laptop is still at the desk.
    await phone.goto('/admin')
    await expect(phone).toHaveURL(/\/admin\/masuk/)
    await laptop.goto('/admin')
    await expect(laptop).toHaveURL(/\/admin$/)
    await expect(laptop.getByRole('heading', { level: 1 })).toBeVisible()

    // The laptop is stolen too, and its owner is on the road: an admin ends every session of theirs.
    const admin = await clientAt(browser, '203.0.113.63')
    await signIn(admin, createAccount('admin', 'Admin Sesi'))
    await admin.goto('/admin/pengguna')
    await admin.getByText(`Akhiri semua sesi: ${name}`).click()
    await admin.getByRole('button', { name: 'Akhiri semua sesi' }).click()
    await expect(admin.getByText('Semua sesi pengguna ini telah berakhir.')).toBeVisible()
    await laptop.goto('/admin')
    await expect(laptop).toHaveURL(/\/admin\/masuk/)
  })

  test('two-factor: enrol, sign in with a code and with a recovery code; an admin requires it and resets a lost phone', async ({ browser }) => {
    test.setTimeout(180_000)
    const editorEmail = createAccount('editor', 'Editor Dua Langkah')
    const adminEmail = createAccount('admin', 'Admin Dua Langkah')

    // Enrol on the profile page.
    const editor = await clientAt(browser, '203.0.113.40')
    await editor.goto('/admin/masuk')
    await submitPassword(editor, editorEmail, PASSWORD)
    await expectAtDesk(editor)
    await editor.goto('/admin/profil')
    const { secret, codes } = await enrol(editor)
    await expect(editor.getByText(/Aktif sejak .*Sisa kode pemulihan: 10\./)).toBeVisible()

    // Sign in with a code from the app.
    await signOut(editor)
    await submitPassword(editor, editorEmail, PASSWORD)
    await enterCode(editor, '123456')
    await expect(editor.getByText('Kode salah atau sudah dipakai.')).toBeVisible()
    await enterCode(editor, codeFor(secret, 1))
    await expectAtDesk(editor)

    // Phone lost: a recovery code, once.
    await signOut(editor)
    await submitPassword(editor, editorEmail, PASSWORD)
    await enterCode(editor, codes[0]!)
    await expectAtDesk(editor)
    await editor.goto('/admin/profil')
    await expect(editor.getByText(/Sisa kode pemulihan: 9\./)).toBeVisible()

    // An admin requires it for editors and admins: the admin must enrol before going on.
    const admin = await clientAt(browser, '203.0.113.41')
    await admin.goto('/admin/masuk')
    await submitPassword(admin, adminEmail, PASSWORD)
    await expectAtDesk(admin)
    await admin.goto('/admin/pengguna')
    await admin.getByRole('button', { name: 'Wajibkan' }).click()
    // The requirement is site-wide: lift it whatever happens, or every later newsroom spec that
    // signs in an editor or admin would meet the setup form instead of the desk.
    try {
      // An admin is one of those it now applies to: the page sends them to set it up at once.
      await expect(admin).toHaveURL(/\/admin\/masuk/)
      await expect(admin.getByText(/Redaksi mewajibkan verifikasi dua langkah/)).toBeVisible()
      await enrol(admin)
      await expectAtDesk(admin)
      await admin.goto('/admin/pengguna')
      await expect(admin.getByRole('heading', { name: 'Pengguna', level: 1 })).toBeVisible()

      // The editor lost everything: the admin resets their two-factor sign-in (audited).
      await admin.getByText('Setel ulang verifikasi dua langkah: Editor Dua Langkah').click()
      await admin.getByRole('button', { name: 'Setel ulang verifikasi dua langkah' }).click()
      const editorRow = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: 'Editor Dua Langkah' }) })
      await expect(editorRow).toContainText('Belum dipasang')

      // The reset ended the editor's session; their next sign-in must set it up again.
      await editor.goto('/admin/profil')
      await expect(editor).toHaveURL(/\/admin\/masuk/)
      await submitPassword(editor, editorEmail, PASSWORD)
      await expect(editor.getByText(/Redaksi mewajibkan verifikasi dua langkah/)).toBeVisible()
      await enrol(editor)
      // Back to where the sign-in started.
      await expect(editor).toHaveURL(/\/admin\/profil$/)
    } finally {
      await admin.goto('/admin/pengguna')
      await admin.getByRole('button', { name: 'Jangan wajibkan lagi' }).click()
      await expect(admin.getByText('Verifikasi dua langkah tidak lagi wajib.')).toBeVisible()
    }
  })
})
