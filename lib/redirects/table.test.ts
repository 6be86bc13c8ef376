import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { getWriteConnection, write } from '@/db'
import { recordGonePath, recordRedirect } from '@/db/queries/redirects'
import { mergeLabels } from '@/db/queries/labels-desk'
import { redirects } from '@/db/tables'
import { getEnv } from '@/lib/env'
import { t } from '@/lib/i18n/id'
import { bloggerLabelPath } from '@/lib/labels/key'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import { decideRequest, decideRequestAsync } from './table'

// The blogspot alias moves to SITE_URL; without one there is no address to send it to (ADR 015).
process.env.SITE_URL = 'https://warta.example'

function decide(url: string, host?: string) {
  const q = url.indexOf('?')
  return decideRequest(q === -1 ? { pathname: url, search: '', host } : { pathname: url.slice(0, q), search: url.slice(q), host })
}

const to = (location: string) => ({ action: 'redirect', location })

/** What the importer writes for the fixture's post 1564793159734860121, its page and two labels. */
async function importSample() {
  await write(() => recordRedirect('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html', '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak', 'import'))
  await write(() => recordRedirect('/p/redaksi.html', '/p/redaksi', 'import'))
  await write(() => recordRedirect('/feeds/1564793159734860121/comments/default', '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak', 'import'))
  for (const raw of ['Koto  Alai', 'KOTO ALAI', 'Koto Alai']) await write(() => recordRedirect(bloggerLabelPath(raw), '/label/koto-alai', 'import'))
  await write(() => recordRedirect(bloggerLabelPath('Hukum & Kriminal'), '/label/hukum-dan-kriminal', 'import'))
}

describe('Blogger URLs through the real redirect table', () => {
  beforeEach(async () => {
    await getWriteConnection().delete(redirects)
    await importSample()
  })

  it('answers the imported rows and the rules in code, in one hop', () => {
    const post = '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak'
    expect(decide(`${post}.html?m=1&utm_source=wa`)).toEqual(to(`${post}?utm_source=wa`))
    expect(decide(`${post}.HTML/?showComment=1699999999999`)).toEqual(to(post))
    expect(decide('/p/redaksi.html')).toEqual(to('/p/redaksi'))
    expect(decide('/search/label/koto+alai?max-results=20')).toEqual(to('/label/koto-alai'))
    expect(decide('/search/label/Hukum%20%26%20Kriminal/')).toEqual(to('/label/hukum-dan-kriminal'))
    expect(decide('/feeds/posts/default/-/KOTO%20%20ALAI?alt=rss')).toEqual(to('/label/koto-alai/feed.xml'))
    expect(decide('/feeds/1564793159734860121/comments/default')).toEqual(to(post))
    expect(decide('/feeds/posts/default?alt=rss')).toEqual(to('/feed.xml'))
    expect(decide('/search?q=banjir')).toEqual(to('/cari?q=banjir'))
    expect(decide('/?m=1')).toEqual(to('/'))
  })

  it('drafts, posts not live yet and draft-only labels have no row: 404', () => {
    expect(decide('/2023/10/kasus-dbd-di-sarai-panjang-meningkat.html')).toEqual({ action: 'not-found' })
    expect(decide('/2024/03/perbaikan-jalan-koto-baru-hilir-di-sarai.html')).toEqual({ action: 'not-found' })
    expect(decide('/search/label/Catatan%20Internal')).toEqual({ action: 'not-found' })
    expect(decide('/feeds/9999/comments/default')).toEqual({ action: 'gone-text', body: t.feeds.gone('/feed.xml') })
  })

  it('a label merged later takes its old Blogger URLs and feeds along', async () => {
    const kotoAlai = await createLabel({ name: 'Koto Alai', slug: 'koto-alai' })
    const kabupaten = await createLabel({ name: 'Kabupaten Koto Alai', slug: 'kabupaten-koto-alai' })
    await mergeLabels([kotoAlai.id], kabupaten.id)
    expect(decide('/search/label/KOTO%20ALAI')).toEqual(to('/label/kabupaten-koto-alai'))
    expect(decide('/feeds/posts/summary/-/Koto%20Alai')).toEqual(to('/label/kabupaten-koto-alai/feed.xml'))
  })

  it('a post deleted or retracted after the import answers 410', async () => {
    await recordGonePath('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak', 'article-deleted')
    expect(decide('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html')).toEqual({
      action: 'gone',
      rewrite: '/ditarik/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html',
    })

    const author = await createUser()
    const article = await createArticle({ authorId: author.id, status: 'retracted', slug: 'ditarik-redaksi', publishedAt: new Date('2023-03-01T03:00:00Z') })
    await write(() => recordRedirect('/2023/03/ditarik-redaksi.html', `/${article.pathMonth}/ditarik-redaksi`, 'import'))
    expect(decide('/2023/03/ditarik-redaksi.html')).toEqual(to('/2023/03/ditarik-redaksi'))
    expect(decide('/2023/03/ditarik-redaksi')).toEqual({ action: 'gone', rewrite: '/ditarik/2023/03/ditarik-redaksi' })
  })

  it('decides the same with awaited lookups (PostgreSQL) as with synchronous ones', async () => {
    const post = '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak'
    const urls = [
      `${post}.html?m=1&utm_source=wa`,
      '/p/redaksi.html',
      '/feeds/1564793159734860121/comments/default',
      '/search/label/Koto%20Alai',
      '/search/label/Hukum%20%26%20Kriminal?max-results=20',
      '/2023/02/tidak-ada.html',
      '/label/koto-alai',
      '/',
    ]
    for (const url of urls) {
      const q = url.indexOf('?')
      const request = q === -1 ? { pathname: url, search: '' } : { pathname: url.slice(0, q), search: url.slice(q) }
      expect(await decideRequestAsync(request), url).toEqual(decide(url))
    }
  })

  it('sends the blogspot alias to SITE_URL', () => {
    const site = getEnv().siteUrl
    expect(decide('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html?m=1', 'wartaranahraya.blogspot.com')).toEqual(
      to(`${site}/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak`),
    )
    expect(decide('/', 'wartaranahraya.blogspot.co.id')).toEqual(to(`${site}/`))
  })

  it('sees a redirect written by another process on the very next request', () => {
    expect(decide('/label/pindahan')).toEqual({ action: 'next' })
    const other = new Database(process.env.DATABASE_PATH!)
    try {
      other.prepare(`INSERT INTO redirects (from_path, to_path, code, reason) VALUES ('/label/pindahan', '/label/koto-alai', 301, 'manual')`).run()
    } finally {
      other.close()
    }
    expect(decide('/label/pindahan')).toEqual(to('/label/koto-alai'))
  })

  it('stays a few microseconds a request with a table of 100,000 old addresses, never reloading it', () => {
    const insert = getWriteConnection().$client.prepare(`INSERT INTO redirects (from_path, to_path, code, reason) VALUES (?, '/label/koto-alai', 301, 'import')`)
    getWriteConnection().$client.transaction(() => {
      for (let i = 0; i < 100_000; i++) insert.run(`/2019/01/lama-${i}.html`)
    })()
    const urls = ['/2024/05/berita-biasa', '/label/koto-alai', '/2019/01/lama-77.html', '/penulis/rina', '/2023/02/tidak-ada.html']
    const started = performance.now()
    for (let i = 0; i < 5_000; i++) decide(urls[i % urls.length]!)
    const perRequestUs = ((performance.now() - started) * 1000) / 5_000
    // About 5 µs here; the bound leaves room for a busy machine.
    expect(perRequestUs).toBeLessThan(200)
    expect(decide('/2019/01/lama-77.html')).toEqual(to('/label/koto-alai'))
  })
})
