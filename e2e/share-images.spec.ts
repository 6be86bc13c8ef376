import { expect, test, type APIRequestContext } from '@playwright/test'
import sharp from 'sharp'

// What Google and WhatsApp see of every story: a NewsArticle `image` in the three shapes
// Google asks for (16:9, 4:3, 1:1, each 1200 px wide) and a 1200×630 og:image, whether the
// story has a photo or not (then the site's share image stands in). Every one answers 200
// with a JPEG of that size.

type JsonLd = Record<string, unknown>
type Shape = { width: number; height: number }

const JSON_LD_SHAPES: Shape[] = [
  { width: 1200, height: 675 },
  { width: 1200, height: 900 },
  { width: 1200, height: 1200 },
]
const OG_SHAPE: Shape = { width: 1200, height: 630 }

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'")

function metaContent(html: string, property: string): string | null {
  for (const m of html.matchAll(/<meta\s[^>]*>/g)) {
    const tag = m[0]
    if (!tag.includes(`property="${property}"`)) continue
    const content = /content="([^"]*)"/.exec(tag)
    return content ? decode(content[1]!) : null
  }
  return null
}

function jsonLdOf(html: string): JsonLd[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].flatMap((m) => {
    const data = JSON.parse(m[1]!) as JsonLd | JsonLd[]
    return Array.isArray(data) ? data : [data]
  })
}

/** Every story URL the sitemaps list: what a crawler walks. */
async function listArticleUrls(request: APIRequestContext): Promise<string[]> {
  const index = await (await request.get('/sitemap.xml')).text()
  const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname).filter((p) => p.includes('/artikel-'))
  const urls: string[] = []
  for (const file of files) {
    const xml = await (await request.get(file)).text()
    urls.push(...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname))
  }
  return urls
}

test.describe('share images', () => {
  test('every article has a NewsArticle image in three shapes and a 1200×630 og:image, and each answers 200', async ({ request }) => {
    test.setTimeout(180_000)
    const articles = await listArticleUrls(request)
    expect(articles.length).toBeGreaterThanOrEqual(50)

    const expected = new Map<string, Shape>()
    let withoutPhoto = 0
    for (const path of articles) {
      const html = await (await request.get(path)).text()
      const og = metaContent(html, 'og:image')
      expect(og, `${path} og:image`).toBeTruthy()
      expect(metaContent(html, 'og:image:width'), `${path} og:image:width`).toBe('1200')
      expect(metaContent(html, 'og:image:height'), `${path} og:image:height`).toBe('630')
      expect(metaContent(html, 'og:image:alt'), `${path} og:image:alt`).toBeTruthy()
      expected.set(og!, OG_SHAPE)

      const story = jsonLdOf(html).find((d) => d['@type'] === 'NewsArticle' || d['@type'] === 'AdvertiserContentArticle')
      expect(story, `${path} NewsArticle`).toBeTruthy()
      const images = (story!.image ?? []) as Array<{ url: string; width?: number; height?: number }>
      expect(
        images.map((i) => ({ width: i.width, height: i.height })),
        `${path} NewsArticle image`,
      ).toEqual(JSON_LD_SHAPES)
      images.forEach((image, i) => expected.set(image.url, JSON_LD_SHAPES[i]!))
      // The lead photo is the article's first figure (components/site/article-view.tsx).
      if (!html.includes('<figure class="my-6">')) withoutPhoto += 1
    }
    // The demo has stories without a photo: they must be covered too.
    expect(withoutPhoto).toBeGreaterThan(0)

    for (const [url, shape] of expected) {
      const res = await request.get(new URL(url).pathname)
      expect(res.status(), url).toBe(200)
      expect(res.headers()['content-type'], url).toBe('image/jpeg')
      const meta = await sharp(await res.body()).metadata()
      expect({ width: meta.width, height: meta.height }, url).toEqual(shape)
    }
  })
})
