import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { checkRss, xsdErrors, type SchemaName } from '../tests/xml'
import { newsroom } from './support/newsroom'

const CDN_CACHEABLE = /s-maxage=\d+.*stale-while-revalidate=\d+/

type JsonLd = Record<string, unknown>

async function jsonLdOf(page: Page): Promise<JsonLd[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents()
  return blocks.flatMap((text) => {
    const data = JSON.parse(text) as JsonLd | JsonLd[]
    return Array.isArray(data) ? data : [data]
  })
}

async function firstArticlePath(request: APIRequestContext, from = '/'): Promise<string> {
  const html = await (await request.get(from)).text()
  return /href="(\/\d{4}\/\d{2}\/[a-z0-9-]+)"/.exec(html)![1]!
}

/** The status and Location of one request, redirects not followed. */
async function hop(request: APIRequestContext, path: string) {
  const res = await request.get(path, { maxRedirects: 0 })
  const location = res.headers()['location']
  return { status: res.status(), location: location ? new URL(location, 'http://x').pathname + new URL(location, 'http://x').search : null }
}

/*
 * The newsroom CLI changes the site from outside the server, as the scheduler and the import do:
 * it records the expiry in the shared tag store, which each server process reads within its poll
 * (250 ms); until then a process may still answer from a page it kept. So what a change moves is
 * checked as it must be seen within a second, not at the instant the CLI exits.
 */
const CHANGE_SEEN_MS = 1000
function soon<T>(read: () => Promise<T>, message?: string) {
  return expect.poll(read, { message, timeout: CHANGE_SEEN_MS, intervals: [50] })
}

async function expectConditional(request: APIRequestContext, path: string) {
  const first = await request.get(path)
  expect(first.status(), path).toBe(200)
  expect(first.headers()['cache-control'], `${path} cache-control`).toMatch(CDN_CACHEABLE)
  const etag = first.headers()['etag']
  expect(etag, `${path} etag`).toBeTruthy()
  const repeat = await request.get(path, { headers: { 'if-none-match': etag! } })
  expect(repeat.status(), `${path} repeat`).toBe(304)
}

test.describe('search engines and feed readers', () => {
  test('the sitemap index and every file it lists validate against the sitemaps.org and Google News schemas', async ({ request, baseURL }) => {
    const index = await request.get('/sitemap.xml')
    expect(index.headers()['content-type']).toContain('xml')
    const indexXml = await index.text()
    expect(await xsdErrors(indexXml, 'siteindex')).toEqual([])
    const files = [...indexXml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)
    expect(files).toEqual(expect.arrayContaining(['/sitemaps/berita.xml', '/sitemaps/label.xml', '/sitemaps/penulis.xml', '/sitemaps/halaman.xml']))
    expect(files.filter((f) => /^\/sitemaps\/artikel-\d{4}-\d{2}\.xml$/.test(f)).length).toBeGreaterThan(1)

    let articleUrls = 0
    for (const file of files) {
      const xml = await (await request.get(file)).text()
      const schema: SchemaName = file.endsWith('/berita.xml') ? 'news' : 'sitemap'
      expect(await xsdErrors(xml, schema), file).toEqual([])
      const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!)
      for (const loc of locs) expect(loc.startsWith(`${baseURL}/`), loc).toBe(true)
      if (file.includes('/artikel-')) articleUrls += locs.length
      if (file.endsWith('/berita.xml')) {
        expect(locs.length).toBeGreaterThan(0)
        expect(xml).toContain('<news:language>id</news:language>')
      }
    }
    // Every published demo story is listed once (the seed publishes 57).
    expect(articleUrls).toBeGreaterThanOrEqual(50)
  })

  test('robots.txt names the sitemaps and keeps crawlers out of the newsroom and search', async ({ request, baseURL }) => {
    const text = await (await request.get('/robots.txt')).text()
    expect(text).toContain(`Sitemap: ${baseURL}/sitemap.xml`)
    expect(text).toContain(`Sitemap: ${baseURL}/sitemaps/berita.xml`)
    expect(text).toMatch(/^Disallow: \/admin$/m)
    expect(text).toMatch(/^Disallow: \/cari$/m)
  })

  test('feeds for the site, a label and an author are advertised in the head and meet the RSS 2.0 requirements', async ({ page, request }) => {
    const feedsOf = async (path: string) => {
      await page.goto(path)
      return page.locator('head link[rel="alternate"][type="application/rss+xml"]').evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname))
    }
    expect(await feedsOf('/')).toEqual(['/feed.xml'])
    const label = await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link').nth(1).getAttribute('href')
    const labelFeeds = await feedsOf(label!)
    expect(labelFeeds).toContain(`${label}/feed.xml`)
    const article = await firstArticlePath(request, label!)
    const articleFeeds = await feedsOf(article)
    const authorFeed = articleFeeds.find((f) => f.startsWith('/penulis/'))
    expect(authorFeed).toMatch(/^\/penulis\/[a-z0-9-]+\/feed\.xml$/)

    for (const feed of ['/feed.xml', `${label}/feed.xml`, authorFeed!]) {
      const res = await request.get(feed)
      expect(res.headers()['content-type']).toContain('application/rss+xml')
      const rss = checkRss(await res.text())
      expect(rss.problems, feed).toEqual([])
      expect(rss.items.length, feed).toBeGreaterThan(0)
      expect(rss.items.length, feed).toBeLessThanOrEqual(20)
      expect(new URL(rss.selfLink!).pathname).toBe(feed)
      expect(rss.items[0]!.content.length, 'full content').toBeGreaterThan(200)
      expect(rss.items.some((i) => i.enclosure?.endsWith('-1200.webp')), 'an image enclosure').toBe(true)
      expect((await request.get(new URL(rss.items[0]!.link).pathname)).status()).toBe(200)
    }
    expect((await request.get('/label/label-yang-tidak-ada/feed.xml')).status()).toBe(404)
  })

  test('an article describes itself to crawlers and link previews in its head and JSON-LD', async ({ page, request, baseURL }) => {
    const path = await firstArticlePath(request)
    await page.goto(path)
    await expect(page.locator('html')).toHaveAttribute('lang', 'id')
    await expect(page.locator('h1')).toHaveCount(1)
    const head = page.locator('head')
    await expect(head.locator('link[rel="canonical"]')).toHaveCount(1)
    await expect(head.locator('link[rel="canonical"]')).toHaveAttribute('href', `${baseURL}${path}`)
    await expect(head.locator('meta[name="description"]')).toHaveAttribute('content', /.{20,}/)
    await expect(head.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article')
    await expect(head.locator('meta[property="og:url"]')).toHaveAttribute('content', `${baseURL}${path}`)
    await expect(head.locator('meta[property="og:image"]')).toHaveAttribute('content', /^https?:\/\/.+-1200x630\.jpg$/)
    await expect(head.locator('meta[property="og:image:width"]')).toHaveAttribute('content', '1200')
    await expect(head.locator('meta[property="og:image:height"]')).toHaveAttribute('content', '630')
    await expect(head.locator('meta[property="article:published_time"]')).toHaveAttribute('content', /^\d{4}-\d{2}-\d{2}T/)
    await expect(head.locator('meta[property="article:section"]')).toHaveCount(1)
    expect(await head.locator('meta[property="article:tag"]').count()).toBeGreaterThan(0)
    await expect(head.locator('meta[name="robots"]')).toHaveAttribute('content', /max-image-preview:large/)
    await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image')

    const ld = await jsonLdOf(page)
    const article = ld.find((d) => d['@type'] === 'NewsArticle')!
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      headline: await page.locator('h1').textContent(),
      description: expect.stringMatching(/.{20,}/),
      datePublished: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      dateModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${baseURL}${path}` },
      articleSection: expect.any(String),
      keywords: expect.arrayContaining([expect.any(String)]),
      publisher: { '@type': 'NewsMediaOrganization', name: expect.any(String), logo: { '@type': 'ImageObject', url: expect.stringMatching(/^https?:/) } },
    })
    const images = article.image as Array<{ url: string; width: number }>
    expect(images.map((i) => i.url)).toEqual([expect.stringMatching(/-1200x675\.jpg$/), expect.stringMatching(/-1200x900\.jpg$/), expect.stringMatching(/-1200x1200\.jpg$/)])
    const author = (article.author as Array<{ '@type': string; name: string; url: string }>)[0]!
    expect(author['@type']).toBe('Person')
    expect((await request.get(new URL(author.url).pathname)).status()).toBe(200)
    const crumbs = ld.find((d) => d['@type'] === 'BreadcrumbList')!
    expect((crumbs.itemListElement as unknown[]).length).toBeGreaterThanOrEqual(2)
  })

  test('advertorials are advertiser content, not news, and stay out of the news sitemap', async ({ page, request }) => {
    const path = await firstArticlePath(request, '/label/advertorial')
    await page.goto(path)
    const types = (await jsonLdOf(page)).map((d) => d['@type'])
    expect(types).toContain('AdvertiserContentArticle')
    expect(types).not.toContain('NewsArticle')
    expect(await (await request.get('/sitemaps/berita.xml')).text()).not.toContain(path)
  })

  test('the homepage, archives, search and masthead carry their own structured data and robots rules', async ({ page }) => {
    await page.goto('/')
    const site = (await jsonLdOf(page)).find((d) => d['@type'] === 'WebSite')!
    expect(site.potentialAction).toMatchObject({ '@type': 'SearchAction', target: { urlTemplate: expect.stringContaining('/cari?q={search_term_string}') } })

    await page.goto('/label/ekonomi')
    expect((await jsonLdOf(page)).map((d) => d['@type'])).toContain('BreadcrumbList')

    await page.goto('/p/redaksi')
    const org = (await jsonLdOf(page)).find((d) => d['@type'] === 'NewsMediaOrganization')!
    expect(org).toMatchObject({ name: expect.any(String), logo: { url: expect.stringMatching(/^https?:/) }, contactPoint: { url: expect.stringContaining('/p/kontak') } })

    await page.goto('/cari?q=kota')
    await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', /noindex/)
    await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', /\/cari$/)
  })

  test('public pages, feeds and sitemaps let a CDN keep them and answer 304; the newsroom is private', async ({ request }) => {
    const article = await firstArticlePath(request)
    for (const path of ['/', article, '/label/ekonomi', '/p/kontak', '/feed.xml', '/label/ekonomi/feed.xml', '/sitemap.xml', '/sitemaps/berita.xml', '/sitemaps/label.xml']) {
      await expectConditional(request, path)
    }
    const sitemapFile = /<loc>[^<]*(\/sitemaps\/artikel-[^<]+)<\/loc>/.exec(await (await request.get('/sitemap.xml')).text())![1]!
    await expectConditional(request, sitemapFile)
    expect((await request.get('/admin')).headers()['cache-control']).toBe('private, no-store')
  })

  test('trailing-slash and upper-case variants reach the canonical URL with a single 301', async ({ request }) => {
    const article = await firstArticlePath(request)
    for (const [variant, canonical] of [
      [`${article}/`, article],
      [article.toUpperCase(), article],
      ['/Label/Ekonomi/', '/label/ekonomi'],
      ['/Label/Ranah-Barat/?page=2', '/label/ranah-barat?page=2'],
      ['/P/Kontak', '/p/kontak'],
    ] as const) {
      expect(await hop(request, variant), variant).toEqual({ status: 301, location: canonical })
      expect((await request.get(canonical, { maxRedirects: 0 })).status(), canonical).toBe(200)
    }
  })
})

// These change the site's data, so they run last, in order, and are not retried.
test.describe('moved and removed URLs', () => {
  test.describe.configure({ mode: 'serial', retries: 0 })

  test('after a slug change and a label merge, the old URLs reach the new ones with exactly one 301', async ({ request }) => {
    const oldPath = await firstArticlePath(request, '/label/bukit-sariak')
    const month = oldPath.slice(0, 8)
    const renamed = newsroom(['rename', oldPath, 'judul-baru-setelah-diganti'])
    expect(renamed.result).toMatchObject({ from: oldPath, to: `${month}/judul-baru-setelah-diganti` })
    const newPath = `${month}/judul-baru-setelah-diganti`
    await soon(() => hop(request, oldPath)).toEqual({ status: 301, location: newPath })
    expect(await hop(request, `${oldPath}/`)).toEqual({ status: 301, location: newPath })
    expect(await hop(request, `${oldPath}?utm_source=wa`)).toEqual({ status: 301, location: `${newPath}?utm_source=wa` })
    expect((await request.get(newPath, { maxRedirects: 0 })).status()).toBe(200)
    await soon(async () => (await (await request.get('/label/bukit-sariak')).text()).includes(`href="${newPath}"`)).toBe(true)

    // Renamed again: the first URL still takes one hop, straight to the newest. The second
    // address was just served, so a process may answer it from the page it kept until it learns
    // of the change.
    newsroom(['rename', newPath, 'judul-ketiga'])
    await soon(() => hop(request, oldPath)).toEqual({ status: 301, location: `${month}/judul-ketiga` })
    await soon(() => hop(request, newPath)).toEqual({ status: 301, location: `${month}/judul-ketiga` })

    const merged = newsroom(['merge', 'bukit-sariak', 'batang-kapeh', 'pesisir-tanjung'])
    expect(merged.revalidated).toEqual(expect.arrayContaining(['redirects']))
    for (const [from, to] of [
      ['/label/batang-kapeh', '/label/bukit-sariak'],
      ['/label/pesisir-tanjung', '/label/bukit-sariak'],
      ['/label/Pesisir-Tanjung/', '/label/bukit-sariak'],
      ['/label/batang-kapeh?page=2', '/label/bukit-sariak?page=2'],
      ['/label/pesisir-tanjung/feed.xml', '/label/bukit-sariak/feed.xml'],
    ] as const) {
      await soon(() => hop(request, from), from).toEqual({ status: 301, location: to })
    }
    expect((await request.get('/label/bukit-sariak', { maxRedirects: 0 })).status()).toBe(200)
    expect(checkRss(await (await request.get('/label/bukit-sariak/feed.xml')).text()).problems).toEqual([])
    await soon(async () => (await (await request.get('/sitemaps/label.xml')).text()).includes('/label/batang-kapeh<')).toBe(false)
  })

  test('a retracted article answers 410 with its public notice; unknown notices are 404', async ({ page, request }) => {
    const path = await firstArticlePath(request, '/label/ekonomi')
    newsroom(['retract', path, 'Berita ini memuat identitas anak korban.'])
    await soon(async () => (await request.get(path, { maxRedirects: 0 })).status()).toBe(410)
    const res = await page.goto(path)
    expect(res?.status()).toBe(410)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Berita ini telah ditarik')
    await expect(page.getByText('Berita ini memuat identitas anak korban.')).toBeVisible()
    await expect(page.locator('head meta[name="robots"]').first()).toHaveAttribute('content', /noindex/)
    await soon(async () => (await (await request.get('/feed.xml')).text()).includes(path)).toBe(false)
    expect((await request.get('/ditarik/2020/01/tidak-pernah-ada')).status()).toBe(404)
  })
})
