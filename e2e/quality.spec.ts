import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

async function firstArticlePath(page: Page): Promise<string> {
  await page.goto('/')
  const href = await page.getByRole('main').getByRole('article').first().getByRole('heading').getByRole('link').getAttribute('href')
  return href!
}

/**
 * The reader pages to check, found from the homepage: an article, its month archive, a label and
 * the daily index of the article's day (in WIB). Nothing depends on the date the suite runs.
 */
async function readerPages(page: Page) {
  const article = await firstArticlePath(page)
  const label = (await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link').nth(1).getAttribute('href'))!
  await page.goto(article)
  const published = (await page.locator('main article header time').first().getAttribute('datetime'))!
  const day = new Date(new Date(published).getTime() + 7 * 3600_000).toISOString().slice(0, 10)
  return { article, label, month: article.slice(0, 8), index: `/indeks?tanggal=${day}` }
}

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)]
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
}

test.describe('reader pages', () => {
  test('have no serious or critical accessibility violations, in light and dark', async ({ page }) => {
    // Sixteen axe runs: on two busy cores that takes longer than one test's default.
    test.setTimeout(240_000)
    const { article, label, month, index } = await readerPages(page)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      for (const path of ['/', article, label, month, '/cari?q=kota', '/p/kontak', index, '/tidak-ada']) {
        await page.goto(path)
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        expect(
          serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          `${scheme} ${path}`,
        ).toEqual([])
      }
    }
  })

  test('add no character to what the writer typed: no quote marks round a quotation, no backticks round code', async ({ page }) => {
    await page.goto('/cari?q=Pengungkapan')
    await page.getByRole('main').getByRole('article').first().getByRole('heading').getByRole('link').click()
    const body = page.locator('main .prose').first()
    await expect(body.locator('blockquote').first()).toContainText('“Pengungkapan')
    const added = await body.evaluate((root) =>
      [root, ...root.querySelectorAll('*')].flatMap((el) =>
        (['::before', '::after'] as const)
          .map((pseudo) => ({ el: el.tagName.toLowerCase(), pseudo, content: getComputedStyle(el, pseudo).content }))
          .filter((c) => c.content !== 'none' && c.content !== 'normal'),
      ),
    )
    expect(added).toEqual([])
  })

  test('name their icons and manifest, and the browser reports no error on the homepage or an article', async ({ page, request }) => {
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`)
    })
    const article = await firstArticlePath(page)
    const siteName = await page.locator('meta[property="og:site_name"]').getAttribute('content')
    await page.goto(article, { waitUntil: 'networkidle' })
    expect(problems).toEqual([])

    const head = page.locator('head')
    await expect(head.locator('link[rel="icon"]').first()).toHaveAttribute('href', '/favicon.ico')
    const favicon = await request.get('/favicon.ico')
    expect(favicon.status()).toBe(200)
    expect(favicon.headers()['content-type']).toBe('image/x-icon')
    expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0])

    const apple = await request.get((await head.locator('link[rel="apple-touch-icon"]').getAttribute('href'))!)
    expect(pngSize(await apple.body())).toEqual([180, 180])

    const manifestRes = await request.get((await head.locator('link[rel="manifest"]').getAttribute('href'))!)
    expect(manifestRes.headers()['content-type']).toContain('application/manifest+json')
    const manifest = (await manifestRes.json()) as { name: string; start_url: string; display: string; icons: Array<{ src: string; sizes: string; purpose: string }> }
    expect(manifest).toMatchObject({ name: siteName, start_url: '/', display: 'standalone' })
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable'])
    for (const icon of manifest.icons) {
      const res = await request.get(icon.src)
      expect(res.status(), icon.src).toBe(200)
      expect(pngSize(await res.body()).join('x'), icon.src).toBe(icon.sizes)
    }
  })

  test('generated at run time are kept in memory, never written to disk (ADR 002)', async ({ request }) => {
    // A page no other test has asked for: the second archive page of a featured label.
    const home = await (await request.get('/')).text()
    const label = /href="(\/label\/[a-z0-9-]+)"/.exec(home)![1]!
    const before = new Set(filesUnder('.next/server'))
    for (const path of [`${label}?page=2`, `${label}?page=2`, '/ini-juga-tidak-ada']) await request.get(path)
    expect(filesUnder('.next/server').filter((f) => !before.has(f))).toEqual([])
  })

  test('the Nu Html Checker finds no errors on the homepage, an article, a label archive, search and the contact page', async ({
    page,
    request,
  }) => {
    // The checker is Java (vnu-jar from npm ships the jar, the machine provides Java). Without
    // Java this test fails with the reason: HTML validity is a requirement, not an optional check.
    const java = spawnSync('java', ['-version'], { encoding: 'utf8' })
    if (java.error || java.status !== 0) {
      throw new Error(
        'The Nu Html Checker needs Java 11 or newer and `java` was not found or did not run ' +
          `(${java.error?.message ?? java.stderr}). Install a JRE (Debian: apt-get install -y default-jre-headless).`,
      )
    }
    const article = await firstArticlePath(page)
    const label = await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link').nth(1).getAttribute('href')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-vnu-'))
    const pages: Record<string, string> = { home: '/', article, label: label!, search: '/cari?q=kota', contact: '/p/kontak' }
    const files = await Promise.all(
      Object.entries(pages).map(async ([name, url]) => {
        const res = await request.get(url)
        expect(res.status(), url).toBe(200)
        const file = path.join(dir, `${name}.html`)
        fs.writeFileSync(file, await res.text())
        return file
      }),
    )
    const vnu = spawnSync('java', ['-jar', require.resolve('vnu-jar/build/dist/vnu.jar'), '--errors-only', '--format', 'json', ...files], {
      encoding: 'utf8',
    })
    fs.rmSync(dir, { recursive: true, force: true })
    const report = JSON.parse(vnu.stderr || '{"messages":[]}') as { messages: Array<{ type: string; url: string; message: string; extract?: string }> }
    const errors = report.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => `${path.basename(m.url ?? '')}: ${m.message} ${m.extract ?? ''}`)
    expect(errors).toEqual([])
  })

  test('an article ships little JavaScript beyond Next itself and serves WebP images at shown size', async ({ page, request }) => {
    // Found without visiting the homepage, so the browser's cache holds no script yet.
    const home = await (await request.get('/')).text()
    const article = /href="(\/\d{4}\/\d{2}\/[a-z0-9-]+)"/.exec(home)![1]!
    await page.goto(article, { waitUntil: 'networkidle' })
    const scriptBytes = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
        .reduce((sum, r) => sum + r.decodedBodySize, 0),
    )
    console.log(`article page scripts: ${scriptBytes} bytes`)
    expect(scriptBytes).toBeLessThan(BUDGET_BYTES)

    // Each image is one of our WebP widths, the smallest that covers its box on this screen.
    const images = await page.locator('main img').evaluateAll((imgs) =>
      (imgs as HTMLImageElement[])
        .filter((img) => img.currentSrc.includes('/media/'))
        .map((img) => ({ src: img.currentSrc, need: img.clientWidth * window.devicePixelRatio })),
    )
    expect(images.length).toBeGreaterThan(0)
    const widths = [320, 480, 640, 960, 1200]
    for (const { src, need } of images) {
      const m = /-(\d+)\.webp$/.exec(src)
      expect(m, src).not.toBeNull()
      const chosen = Number(m![1])
      const expected = widths.find((w) => w >= need) ?? 1200
      expect(chosen, `${src} for ${need}px`).toBe(expected)
    }
  })
})

// Uncompressed JavaScript an article page loads. Next's runtime and React are ~470 kB of it;
// reader pages may add only small client leaves (the copy-link button). Raising it needs a reason.
const BUDGET_BYTES = 520_000
