import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test'
import { createAccount, PASSWORD, signIn } from './support/accounts'
import { databaseEnv, queryRow, resetDataDir } from './support/database'
import { E2E_NEWSROOM_DATA_DIR, E2E_NEWSROOM_OWN_PORT } from './support/server'

// Newsroom forms keep what was typed when the server refuses it, and say each thing once, at
// its field. The editor's link tool is a form of its own, and punctuation typed after a link
// stays outside it.

const run = Date.now().toString(36)
const TOO_SHORT = 'Kata sandi minimal 10 karakter.'
const SIGNED_OUT = 'Sesi Anda berakhir. Silakan masuk lagi.'

async function newSignedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, email)
  return page
}

async function bodyHtmlOf(articleId: number): Promise<string> {
  return (await queryRow<{ body_html: string }>(E2E_NEWSROOM_DATA_DIR, 'SELECT body_html FROM articles WHERE id = ?', [articleId]))!.body_html
}

/** A fresh install of its own (no account yet), for the one-time setup form. */
async function startFreshServer(port: number): Promise<{ url: string; setupPath: () => string; stop: () => void }> {
  const dataDir = path.resolve('.tmp/e2e-fresh')
  resetDataDir(dataDir)
  const url = `http://localhost:${port}`
  const child: ChildProcess = spawn('sh', ['-c', 'node_modules/.bin/tsx --conditions=react-server lib/cli/prepare.ts && exec node server.mjs'], {
    env: { ...process.env, ...databaseEnv(dataDir), PORT: String(port), SITE_URL: url, SEED_DEMO: '0', NODE_ENV: 'production' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {}
  }
  for (const until = Date.now() + 120_000; ; ) {
    if (child.exitCode !== null) throw new Error(`fresh server exited: ${output}`)
    try {
      if ((await fetch(`${url}/favicon.svg`)).ok) break
    } catch {}
    if (Date.now() > until) {
      stop()
      throw new Error(`fresh server did not start: ${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  // A server that prints a one-time setup link (issue 11, point 1) is followed there.
  const setupPath = () => /\/admin\/setup\?token=[\w-]+/.exec(output)?.[0] ?? '/admin/setup'
  return { url, setupPath, stop }
}

/** The form's field by label, with the text of what describes it (hint and error). */
async function describedBy(field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? ''
  const page = field.page()
  const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()))
  return texts.join(' ')
}

const occurrences = async (scope: Locator, text: string) => ((await scope.textContent()) ?? '').split(text).length - 1

test.describe('newsroom forms keep what was typed', () => {
  test('the setup form keeps the name and email after a too-short password, and says so once', async ({ browser }) => {
    const server = await startFreshServer(E2E_NEWSROOM_OWN_PORT)
    try {
      const page = await (await browser.newContext({ baseURL: server.url })).newPage()
      await page.goto(server.setupPath())
      const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Buat akun admin' }) })
      await page.getByLabel('Nama').fill('Admin Segar')
      await page.getByLabel('Email').fill('admin-segar@redaksi.example')
      await page.getByLabel('Kata sandi', { exact: true }).fill('pendek')
      await page.getByLabel('Ulangi kata sandi').fill('pendek')
      await page.getByRole('button', { name: 'Buat akun admin' }).click()

      const password = page.getByLabel('Kata sandi', { exact: true })
      await expect(password).toHaveAttribute('aria-invalid', 'true')
      await expect(page.getByLabel('Nama')).toHaveValue('Admin Segar')
      await expect(page.getByLabel('Email')).toHaveValue('admin-segar@redaksi.example')
      // Passwords are never echoed back.
      await expect(password).toHaveValue('')
      expect(await occurrences(form, TOO_SHORT)).toBe(1)
      expect(await describedBy(password)).toContain(TOO_SHORT)
    } finally {
      server.stop()
    }
  })

  test('changing one’s password: a too-short one is reported once, at the field', async ({ browser }) => {
    const page = await newSignedInPage(browser, createAccount('reporter', `Rani Sandi ${run}`))
    await page.goto('/admin/profil')
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Ganti kata sandi' }) })
    await form.getByLabel('Kata sandi sekarang').fill(PASSWORD)
    await form.getByLabel('Kata sandi baru', { exact: true }).fill('pendek')
    await form.getByLabel('Ulangi kata sandi baru').fill('pendek')
    await form.getByRole('button', { name: 'Ganti kata sandi' }).click()
    const field = form.getByLabel('Kata sandi baru', { exact: true })
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(await occurrences(form, TOO_SHORT)).toBe(1)
    expect(await describedBy(field)).toContain(TOO_SHORT)
  })

  test('a new story’s title survives a refusal (the session ended) and the message says why, once', async ({ browser }) => {
    const page = await newSignedInPage(browser, createAccount('reporter', `Rosa Judul ${run}`))
    await page.goto('/admin/artikel/baru')
    await page.getByLabel('Judul').fill(`Panen raya di Solok ${run}`)
    await page.context().clearCookies()
    await page.getByRole('button', { name: 'Mulai menulis' }).click()
    await expect(page.getByText(SIGNED_OUT)).toBeVisible()
    await expect(page.getByLabel('Judul')).toHaveValue(`Panen raya di Solok ${run}`)
    expect(await occurrences(page.locator('main'), SIGNED_OUT)).toBe(1)
  })

  test('an editor’s note survives a refusal (the session ended) instead of being wiped', async ({ browser }) => {
    const page = await newSignedInPage(browser, createAccount('editor', `Edi Catatan ${run}`))
    const url = await newArticle(page, `Listrik padam di Pariaman ${run}`)
    await page.getByRole('textbox', { name: 'Isi berita' }).click()
    await page.keyboard.type('Pemadaman bergilir berlangsung tiga jam.')
    await page.getByRole('button', { name: 'Terbitkan sekarang' }).click()
    await expect(page.getByText('Artikel terbit.')).toBeVisible()
    await page.goto(url)

    const body = page.getByLabel('Isi catatan')
    await body.fill('Durasi pemadaman diralat menjadi dua jam, bukan tiga jam.')
    await page.getByLabel('Jenis catatan').selectOption({ label: 'Ralat' })
    await page.context().clearCookies()
    await page.getByRole('button', { name: 'Tambahkan catatan' }).click()
    await expect(page.getByText(SIGNED_OUT)).toBeVisible()
    await expect(body).toHaveValue('Durasi pemadaman diralat menjadi dua jam, bukan tiga jam.')
  })

  test('a stale save in the article editor is explained once and keeps the text', async ({ browser }) => {
    const email = createAccount('editor', `Eko Basi ${run}`)
    const first = await newSignedInPage(browser, email)
    const second = await newSignedInPage(browser, email)
    const url = await newArticle(first, `Jembatan gantung diperbaiki ${run}`)
    await second.goto(url)
    await first.goto(url)
    await first.getByLabel('Ringkasan').fill('Disimpan lebih dulu.')
    await first.getByRole('button', { name: 'Simpan draf' }).click()
    await expect(first.getByText('Tersimpan.', { exact: true })).toBeVisible()

    await second.getByLabel('Ringkasan').fill('Versi kedua yang tidak boleh hilang.')
    await second.getByRole('button', { name: 'Simpan draf' }).click()
    const alert = second.getByRole('alert').filter({ hasText: 'sudah disimpan orang lain' })
    await expect(alert).toBeVisible()
    expect(await occurrences(second.locator('main'), 'sudah disimpan orang lain')).toBe(1)
    await expect(second.getByLabel('Ringkasan')).toHaveValue('Versi kedua yang tidak boleh hilang.')
  })

  test('a headline typed while the editor is still loading survives Enter and the first edit after it loads', async ({ browser }) => {
    const page = await newSignedInPage(browser, createAccount('editor', `Rina Lambat ${run}`))
    const url = await newArticle(page, `Pasar ikan dibuka pagi ${run}`)
    // A slow phone: the form is drawn, its scripts have not run yet, and the reporter types.
    let release!: () => void
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve))
    const isScript = (u: URL) => u.pathname.startsWith('/_next/static/') && u.pathname.endsWith('.js')
    await page.route(isScript, async (route) => {
      await scriptsHeld
      await route.continue()
    })
    await page.goto(url, { waitUntil: 'domcontentloaded' })
    const headline = `Pasar ikan dibuka sejak subuh ${run}`
    const title = page.getByLabel('Judul', { exact: true })
    await title.fill(headline)
    // Until the editor runs its buttons are disabled: Enter in a field would otherwise submit the
    // form the browser's way (a GET with every field in the address) and reload it without the
    // headline, which the check after the body edit would then miss.
    await expect(page.getByRole('button', { name: 'Simpan draf' })).toBeDisabled()
    await title.press('Enter')
    release()
    // The body becomes editable once the editor runs; typing there renders the form again.
    await page.getByRole('textbox', { name: 'Isi berita' }).click()
    await page.keyboard.type('Pedagang datang lebih awal. ')
    await expect(title).toHaveValue(headline)
    await saveDraft(page)
    await page.unroute(isScript)
    await page.reload()
    await expect(title).toHaveValue(headline)
    await expect(page.getByRole('textbox', { name: 'Isi berita' })).toContainText('Pedagang datang lebih awal.')
  })
})

async function newArticle(page: Page, title: string): Promise<string> {
  await page.goto('/admin/artikel/baru')
  await page.getByLabel('Judul').fill(title)
  await page.getByRole('button', { name: 'Mulai menulis' }).click()
  await page.waitForURL(/\/admin\/artikel\/\d+$/)
  return page.url()
}

const articleIdOf = (url: string) => Number(/\/admin\/artikel\/(\d+)$/.exec(url)![1])

async function saveDraft(page: Page) {
  await page.getByRole('button', { name: 'Simpan draf' }).click()
  await expect(page.getByText('Tersimpan.', { exact: true })).toBeVisible()
}

test.describe('links in the editor', () => {
  test('a link is added with the inline form, opens in a new tab, and a full stop typed after it stays outside', async ({ browser }) => {
    const page = await newSignedInPage(browser, createAccount('reporter', `Rudi Tautan ${run}`))
    const url = await newArticle(page, `Jadwal kapal ke Mentawai ${run}`)
    const body = page.getByRole('textbox', { name: 'Isi berita' })
    await body.click()
    await page.keyboard.type('Jadwal lengkap ada di situs pelabuhan')
    // Shift+Left until the page's selection holds the words: on a busy machine the editor's first
    // re-render after typing can swallow a key press.
    const selected = () => page.evaluate(() => String(window.getSelection()))
    for (let i = 0; i < 40 && (await selected()) !== 'situs pelabuhan'; i++) await page.keyboard.press('Shift+ArrowLeft')
    expect(await selected()).toBe('situs pelabuhan')
    // The editor reads the page's selection when the browser reports its change, a moment later;
    // Ctrl+K acts on the editor's own (seen in CI: the link took 'itus pelabuhan' after the page's
    // selection was already right). TipTap puts the editor on its element.
    const editorSelection = () =>
      page.evaluate(() => {
        const editor = (document.querySelector('.ProseMirror') as (Element & { editor?: { state: { selection: { from: number; to: number }; doc: { textBetween: (from: number, to: number) => string } } } }) | null)?.editor
        if (!editor) return null
        const { from, to } = editor.state.selection
        return editor.state.doc.textBetween(from, to)
      })
    await expect.poll(editorSelection).toBe('situs pelabuhan')
    await page.keyboard.press('Control+k')

    const linkForm = page.getByRole('group', { name: 'Tautan' })
    const address = linkForm.getByRole('textbox', { name: 'Alamat tautan' })
    await expect(address).toBeFocused()
    await address.fill('javascript:alert(1)')
    await address.press('Enter')
    await expect(address).toHaveAttribute('aria-invalid', 'true')
    expect(await describedBy(address)).toContain('Alamat tautan harus diawali')
    await address.fill('https://pelabuhan.example/jadwal')
    await linkForm.getByRole('checkbox', { name: 'Buka di tab baru' }).check()
    await linkForm.getByRole('button', { name: 'Terapkan' }).click()
    await expect(linkForm).toBeHidden()
    await expect(body.getByRole('link', { name: 'situs pelabuhan' })).toHaveAttribute('href', 'https://pelabuhan.example/jadwal')

    // The cursor is back in the text, after the link: the full stop must not join it.
    await expect(body).toBeFocused()
    await page.keyboard.press('End')
    await page.keyboard.type('. Kapal berangkat pukul 20.00.')
    await saveDraft(page)
    const html = await bodyHtmlOf(articleIdOf(url))
    expect(html).toMatch(/<a [^>]*href="https:\/\/pelabuhan\.example\/jadwal"[^>]*>situs pelabuhan<\/a>\. Kapal berangkat/)
    expect(html).toMatch(/<a [^>]*target="_blank"/)

    // Keyboard only: Ctrl+K on the link opens the form with its address; "Hapus tautan" removes it.
    await body.getByRole('link', { name: 'situs pelabuhan' }).click()
    // The editor learns of a click from the browser's selectionchange, a task of its own: wait
    // until it knows the cursor is in the link (the toolbar shows it) before the shortcut, as a
    // person does (seen in CI under load: Ctrl+K arrived first and opened an empty form).
    await expect(page.getByRole('toolbar', { name: 'Alat penyunting' }).getByRole('button', { name: 'Tautan' })).toHaveAttribute('aria-pressed', 'true')
    await page.keyboard.press('Control+k')
    await expect(address).toHaveValue('https://pelabuhan.example/jadwal')
    await expect(linkForm.getByRole('checkbox', { name: 'Buka di tab baru' })).toBeChecked()
    await linkForm.getByRole('button', { name: 'Hapus tautan' }).click()
    await expect(body.getByRole('link')).toHaveCount(0)
    await expect(body).toContainText('situs pelabuhan. Kapal berangkat')

    // Escape closes the form without a change, and a site-relative address is accepted.
    await page.keyboard.press('Control+k')
    await address.press('Escape')
    await expect(linkForm).toBeHidden()
    await expect(body).toBeFocused()
  })

  test('a full stop typed right after an existing link stays outside it', async ({ browser }) => {
    const page = await newSignedInPage(browser, createAccount('reporter', `Rita Titik ${run}`))
    const url = await newArticle(page, `Pasar murah di Lubuk Begalung ${run}`)
    const body = page.getByRole('textbox', { name: 'Isi berita' })
    await body.click()
    // Pasted, as a writer brings a link in from another document.
    await body.evaluate((el) => {
      const data = new DataTransfer()
      data.setData('text/html', '<p>Daftar lokasi ada di <a href="/p/kontak">halaman kontak</a></p>')
      data.setData('text/plain', 'Daftar lokasi ada di halaman kontak')
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await expect(body.getByRole('link', { name: 'halaman kontak' })).toBeVisible()
    await page.keyboard.press('End')
    await page.keyboard.type('.')
    await saveDraft(page)
    expect(await bodyHtmlOf(articleIdOf(url))).toMatch(/<a [^>]*href="\/p\/kontak"[^>]*>halaman kontak<\/a>\.<\/p>/)
  })
})

test.describe("the editor's toolbar", () => {
  test('a toolbar button leaves the caret in the text: the next letters typed go into the story', async ({ browser }) => {
    const page = await newSignedInPage(browser, createAccount('reporter', `Tono Toolbar ${run}`))
    const url = await newArticle(page, `Posko banjir di Koto Tangah ${run}`)
    const body = page.getByRole('textbox', { name: 'Isi berita' })
    await body.click()
    await page.keyboard.type('Air setinggi lutut.')
    await page.keyboard.press('Enter')
    // When a button takes the focus, the editor puts the caret back on the next animation frame,
    // and what is typed before it is lost (seen in CI: "osko pengungsian"). Frames held back make
    // that moment as long as it can be; a click must not open it at all.
    await page.evaluate(() => {
      window.requestAnimationFrame = () => 0
    })
    const toolbar = page.getByRole('toolbar', { name: 'Alat penyunting' })
    await toolbar.getByRole('button', { name: 'Subjudul H2' }).click()
    await expect(body).toBeFocused()
    await page.keyboard.type('Posko pengungsian')
    await page.keyboard.press('Enter')
    await toolbar.getByRole('button', { name: 'Tebal' }).click()
    await page.keyboard.type('BPBD')
    await expect(body.getByRole('heading', { level: 2 })).toHaveText('Posko pengungsian')
    await expect(body.locator('strong')).toHaveText('BPBD')
    await saveDraft(page)
    expect(await bodyHtmlOf(articleIdOf(url))).toMatch(/<h2[^>]*>Posko pengungsian<\/h2>\s*<p><strong>BPBD<\/strong><\/p>/)
  })
})

test.describe('the site share image', () => {
  test('an admin renames the site and its share image is drawn again with the new name', async ({ browser }) => {
    const page = await newSignedInPage(browser, createAccount('admin', `Ani Bagikan ${run}`))
    await page.goto('/admin/pengaturan')
    const preview = page.getByRole('img', { name: 'Gambar pratinjau tautan situs' })
    const before = (await preview.getAttribute('src'))!
    expect(before).toMatch(/^\/media\/site\/share-[0-9a-f]{16}-1200x630\.jpg$/)
    expect((await page.request.get(before)).status()).toBe(200)

    await page.getByLabel('Nama situs').fill(`Kabar Bagikan ${run}`)
    await page.getByRole('button', { name: 'Simpan' }).click()
    await expect(page.getByText('Pengaturan disimpan.')).toBeVisible()
    await page.reload()
    const after = (await preview.getAttribute('src'))!
    expect(after).not.toBe(before)
    const res = await page.request.get(after)
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toBe('image/jpeg')
    await preview.scrollIntoViewIfNeeded()
    await expect(preview).toHaveJSProperty('naturalWidth', 1200)
  })
})
