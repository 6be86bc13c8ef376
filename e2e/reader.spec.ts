import { expect, test } from '@playwright/test'
import { newsroom } from './support/newsroom'

test.describe('a reader on a phone', () => {
  test('walks from the homepage through an archive, an article, its author, search and the contact form', async ({ page }) => {
    const home = await page.goto('/')
    expect(home?.status()).toBe(200)
    await expect(page.locator('html')).toHaveAttribute('lang', 'id')
    await expect(page.getByRole('heading', { name: 'Berita terkini' })).toBeVisible()

    // A label archive from the main navigation, then its second page.
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' })
    const labelLinks = nav.getByRole('link').filter({ hasNotText: /^(Beranda|Indeks)$/ })
    expect(await labelLinks.count()).toBeGreaterThan(2)
    let paginated = false
    for (const href of await labelLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
      await page.goto(href)
      const older = page.getByRole('navigation', { name: 'Navigasi halaman' }).getByRole('link', { name: /Lebih lama/ })
      if ((await older.count()) === 0) continue
      await older.click()
      await expect(page).toHaveURL(/\?page=2$/)
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Halaman 2')
      paginated = true
      break
    }
    expect(paginated, 'some featured label has a second page').toBe(true)

    // An article from that archive page.
    const firstStory = page.getByRole('main').getByRole('article').first().getByRole('heading').getByRole('link')
    const title = (await firstStory.textContent())!.trim()
    await firstStory.click()
    await expect(page).toHaveURL(/\/\d{4}\/\d{2}\/[a-z0-9-]+$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
    await expect(page.getByRole('link', { name: 'Bagikan ke WhatsApp' })).toHaveAttribute('href', /^https:\/\/wa\.me\/\?text=/)
    await expect(page.getByRole('button', { name: 'Salin tautan' })).toBeVisible()

    // Its author page.
    const byline = page.locator('a[rel="author"]').first()
    const author = (await byline.textContent())!.trim()
    await byline.click()
    await expect(page).toHaveURL(/\/penulis\/[a-z0-9-]+$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(author)
    await expect(page.getByRole('main').getByRole('article').first()).toBeVisible()

    // Search: a normal query finds the story we read; hostile input is just a query.
    const word = title.split(/\s+/).find((w) => w.length >= 5)!.replace(/[^\p{L}\p{N}]/gu, '')
    const search = page.getByRole('search').first()
    await search.getByRole('searchbox').fill(word)
    await search.getByRole('button', { name: 'Cari' }).click()
    await expect(page).toHaveURL(/\/cari\?q=/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(word)
    await expect(page.locator('main mark').first()).toBeVisible()

    for (const hostile of ['"', 'AND(', 'NEAR/', '*', "'; DROP TABLE articles; --", 'x'.repeat(2000)]) {
      const res = await page.goto(`/cari?q=${encodeURIComponent(hostile)}`)
      expect(res?.status(), hostile.slice(0, 20)).toBe(200)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    }

    // Contact form: an invalid submission shows every error, a valid one is confirmed.
    await page.goto('/p/kontak')
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Kirim pesan' }) })
    await form.getByLabel('Nama').fill('')
    await form.getByLabel('Email').fill('bukan-email')
    await form.getByLabel('Pesan').fill('pendek')
    await form.getByRole('button', { name: 'Kirim pesan' }).click()
    await expect(form.getByText('Nama wajib diisi.')).toBeVisible()
    await expect(form.getByText('Alamat email tidak valid.')).toBeVisible()
    await expect(form.getByText(/Pesan terlalu pendek/)).toBeVisible()
    await expect(form.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true')

    await form.getByLabel('Nama').fill('Rina Pembaca')
    await form.getByLabel('Email').fill('rina@pembaca.example')
    await form.getByLabel('Pesan').fill('Jalan di depan sekolah kami rusak parah sejak bulan lalu, mohon diliput.')
    await form.getByRole('button', { name: 'Kirim pesan' }).click()
    await expect(page.getByText(/Pesan Anda sudah kami terima/)).toBeVisible()
  })

  test('unknown articles, labels and pages answer 404 with the site around them and a title that says so', async ({ page }) => {
    await page.goto('/')
    const siteName = await page.locator('meta[property="og:site_name"]').getAttribute('content')
    for (const path of ['/2021/08/berita-yang-tidak-ada', '/label/label-yang-tidak-ada', '/penulis/tidak-ada', '/p/tidak-ada', '/tidak/ada/sama/sekali', '/label/x?page=2', '/cari/bukan-pencarian?q=banjir', '/cari/__build__', '/beranda/__build__', '/label/__build__/hal/__build__']) {
      const res = await page.goto(path)
      expect(res?.status(), path).toBe(404)
      await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible()
      await expect(page, path).toHaveTitle(`Halaman tidak ditemukan | ${siteName}`)
    }
  })

  test('a 404 is drawn by the server: the page reads the same without JavaScript, and the browser keeps it as sent', async ({ browser, page, request }) => {
    await page.goto('/')
    const siteName = (await page.locator('meta[property="og:site_name"]').getAttribute('content'))!
    // Every reader route that can answer 404 (ditarik: a notice that was never given), pages past
    // the end of a listing that exists included: none of them is titled as a page of that listing.
    const story = await page.locator('main a[href^="/20"]').first().getAttribute('href')
    await page.goto(story!)
    const author = await page.locator('a[rel="author"]').first().getAttribute('href')
    expect(author).toMatch(/^\/penulis\/[a-z0-9-]+$/)
    const paths = [
      '/2021/08/berita-yang-tidak-ada',
      '/label/label-yang-tidak-ada',
      '/label/ekonomi?page=999',
      '/penulis/tidak-ada',
      '/penulis/tidak-ada?page=2',
      `${author}?page=999`,
      '/1999/01',
      '/1999',
      '/indeks?tanggal=2021-02-30',
      '/p/tidak-ada',
      '/ditarik/2020/01/tidak-pernah-ada',
      '/tidak/ada/sama/sekali',
      '/cari/bukan-pencarian?q=banjir',
    ]
    for (const path of paths) {
      const res = await request.get(path, { maxRedirects: 0 })
      expect(res.status(), path).toBe(404)
      const html = await res.text()
      // Not Next's empty error shell, which the browser had to fill from the RSC payload.
      expect(html, path).not.toContain('__next_error__')
      expect(html, path).toMatch(/<html lang="id"/)
      expect(html, path).toMatch(/<h1[^>]*>Halaman tidak ditemukan<\/h1>/)
      expect(html, path).toContain('Navigasi utama')
      expect(html, path).toMatch(/<meta name="robots" content="noindex/)
      expect(html, path).toContain(`<title>Halaman tidak ditemukan | ${siteName}</title>`)
      expect(html, path).not.toContain('rel="canonical"')
    }

    // Without JavaScript, as a slow phone shows it before the scripts arrive.
    const plain = await browser.newContext({ javaScriptEnabled: false })
    const still = await plain.newPage()
    for (const path of [paths[0]!, paths[2]!]) {
      expect((await still.goto(path))?.status()).toBe(404)
      await expect(still.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak ditemukan')
      await expect(still.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible()
    }
    await plain.close()

    // With JavaScript: the page hydrates without an error and is not drawn a second time.
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    expect((await page.goto(paths[0]!))?.status()).toBe(404)
    await page.waitForLoadState('networkidle')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak ditemukan')
    await expect(page.locator('main#konten')).toHaveCount(1)
    await expect(page.locator('a.skip')).toHaveCount(1)
    expect(problems).toEqual([])
  })

  test('the addresses public listings are rewritten onto answer one 301 to the public address', async ({ page, request }) => {
    await page.goto('/')
    const label = await page.getByRole('navigation', { name: 'Navigasi utama' }).locator('a[href^="/label/"]').first().getAttribute('href')
    expect(label).toMatch(/^\/label\/[a-z0-9-]+$/)
    const cases: Array<[string, string]> = [
      ['/beranda/terbaru', '/'],
      [`${label}/hal/1`, label!],
      [`${label}/hal/2?utm_source=wa`, `${label}?page=2&utm_source=wa`],
      ['/indeks/hari-ini', '/indeks'],
      ['/cari/hasil?q=banjir', '/cari?q=banjir'],
    ]
    for (const [from, to] of cases) {
      const res = await request.get(from, { maxRedirects: 0 })
      expect(res.status(), from).toBe(301)
      expect(res.headers()['location'], from).toBe(to)
    }
    expect((await request.get(label!)).status()).toBe(200)
  })

  test('the label menu shows on a phone that it scrolls sideways', async ({ page }) => {
    await page.goto('/')
    const menu = page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('list')
    const box = await menu.evaluate((ul) => {
      const style = getComputedStyle(ul)
      return { overflows: ul.scrollWidth > ul.clientWidth, image: style.backgroundImage, attachment: style.backgroundAttachment }
    })
    // The demo's featured labels do not fit a phone's width: the strip scrolls.
    expect(box.overflows).toBe(true)
    // Shadows at the edges with more to show, hidden by covers that move with the content.
    expect(box.image.match(/gradient\(/g)?.length).toBe(4)
    expect(box.attachment).toBe('local, local, scroll, scroll')
  })

  test('a retraction notice says what its date is', async ({ page, request }) => {
    const html = await (await request.get('/label/budaya')).text()
    const path = /href="(\/\d{4}\/\d{2}\/[a-z0-9-]+)"/.exec(html)![1]!
    newsroom(['retract', path, 'Narasumber mencabut seluruh keterangannya.'])
    expect((await page.goto(path))?.status()).toBe(410)
    await expect(page.getByText(/^Ditarik pada \S+, \d{1,2} \S+ \d{4} \d{2}\.\d{2} WIB$/)).toBeVisible()
  })

  test('a page past the end of an archive is 404', async ({ page }) => {
    await page.goto('/')
    const href = await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link').nth(1).getAttribute('href')
    expect((await page.goto(`${href}?page=9999`))?.status()).toBe(404)
  })

  test('a story rendered at run time keeps no prefetch segments: a segment prefetch is 404, a navigation gets the whole payload', async ({ request }) => {
    // Nothing here prefetches (plain <a> links), so no render collects segments (lib/cli/patch-next.mjs).
    // The last story of the label whose first story the retraction test takes.
    const html = await (await request.get('/label/budaya')).text()
    const path = [...html.matchAll(/href="(\/\d{4}\/\d{2}\/[a-z0-9-]+)"/g)].at(-1)![1]!
    const page = await request.get(path)
    expect(page.status()).toBe(200)
    const prefetch = await request.get(path, { headers: { RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-Segment-Prefetch': '/_tree' } })
    expect(prefetch.status()).toBe(404)
    expect((await prefetch.body()).length).toBe(0)
    const navigation = await request.get(path, { headers: { RSC: '1' } })
    expect(navigation.status()).toBe(200)
    expect(navigation.headers()['content-type']).toContain('text/x-component')
    expect(await navigation.text()).toContain(path.split('/').at(-1)!)
  })

  test('a page kept for every reader carries nothing of the query its first reader came with', async ({ request }) => {
    // A story nobody has asked for yet, and a missing one: each is rendered for this first request
    // and kept for everyone after it. A click from Facebook or an ad carries the reader's own id.
    const run = Date.now().toString(36)
    const clickId = `IwAR${run}Pribadi`
    const junk = 'z'.repeat(2000)
    const { result } = newsroom(['publish-new', 'budaya', `Uji kueri pembaca ${run}`])
    const story = (result as { path: string }).path
    try {
      for (const [path, status] of [
        [story, 200],
        [`/2031/01/tidak-ada-${run}`, 404],
      ] as const) {
        const first = await request.get(`${path}?fbclid=${clickId}&utm_source=whatsapp&utm_campaign=${clickId}&x=${junk}`)
        expect(first.status(), path).toBe(status)
        for (const body of [await first.text(), await (await request.get(path)).text()]) {
          expect(body, path).not.toContain(clickId)
          expect(body, path).not.toContain('zzzzzzzzzz')
        }
      }

      // The parameters pages read still reach them.
      const home = await (await request.get('/')).text()
      let paged = 0
      for (const label of new Set([...home.matchAll(/href="(\/label\/[a-z0-9-]+)"/g)].map((m) => m[1]!))) {
        const answer = await request.get(`${label}?utm_source=${clickId}&page=2&fbclid=${clickId}`)
        if (answer.status() === 404) continue
        const html = await answer.text()
        expect(html, label).toContain('Halaman 2')
        expect(html, label).not.toContain(clickId)
        paged += 1
      }
      expect(paged, 'some label has a second page').toBeGreaterThan(0)
      const search = await request.get(`/cari?fbclid=${clickId}&q=${encodeURIComponent(`kueri pembaca ${run}`)}`)
      expect(await search.text()).toContain(`Uji kueri pembaca ${run}`)
    } finally {
      // The later specs (feeds, the newest story) find the site as it was.
      newsroom(['unpublish', story])
    }
  })

  test('the daily index picks a day without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    // The day of the newest story, in WIB: whatever day the suite runs, that day has one.
    await page.goto('/')
    const newest = (await page.getByRole('main').getByRole('article').first().locator('time').getAttribute('datetime'))!
    const day = new Date(new Date(newest).getTime() + 7 * 3600_000).toISOString().slice(0, 10)
    await page.goto('/indeks')
    await expect(page.getByRole('heading', { level: 1, name: 'Indeks Berita' })).toBeVisible()
    await page.getByRole('link', { name: /Hari sebelumnya/ }).click()
    await expect(page).toHaveURL(/\/indeks\?tanggal=\d{4}-\d{2}-\d{2}$/)
    await page.getByLabel('Pilih tanggal').fill(day)
    await page.getByRole('button', { name: 'Tampilkan' }).click()
    await expect(page).toHaveURL(`/indeks?tanggal=${day}`)
    await expect(page.getByRole('main').getByRole('article').first()).toBeVisible()
    await context.close()
  })
})
