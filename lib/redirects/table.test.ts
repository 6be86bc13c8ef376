import { beforeEach, describe, expect, it } from 'vitest'
import { getDialect, getWriteConnection, write } from '@/db'
import { recordGonePath, recordRedirect } from '@/db/queries/redirects'
import { mergeLabels } from '@/db/queries/labels-desk-merge'
import { redirects } from '@/db/tables'
import { getEnv } from '@/lib/env'
import { t } from '@/lib/i18n/id'
import { importSample } from '@/tests/blogger-redirects'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import { decideRequest, decideRequestAsync } from './table'

// SQLite's synchronous lookups themselves (prepared statements, another process's row, their
// speed): table-sqlite.test.ts.

// The blogspot alias moves to SITE_URL; without one there is no address to send it to (ADR 015).
process.env.SITE_URL = 'https://warta.example'

/** The decision as the server makes it on this dialect (installRouteDecision): awaited lookups on PostgreSQL. */
async function decide(url: string, host?: string) {
  const q = url.indexOf('?')
  const request = q === -1 ? { pathname: url, search: '', host } : { pathname: url.slice(0, q), search: url.slice(q), host }
  return getDialect() === 'postgres' ? await decideRequestAsync(request) : decideRequest(request)
}

const to = (location: string) => ({ action: 'redirect', location })

describe('Blogger URLs through the real redirect table', () => {
  beforeEach(async () => {
    await getWriteConnection().delete(redirects)
    await importSample()
  })

  it('answers the imported rows and the rules in code, in one hop', async () => {
    const post = '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak'
    expect(await decide(`${post}.html?m=1&utm_source=wa`)).toEqual(to(`${post}?utm_source=wa`))
    expect(await decide(`${post}.HTML/?showComment=1699999999999`)).toEqual(to(post))
    expect(await decide('/p/redaksi.html')).toEqual(to('/p/redaksi'))
    expect(await decide('/search/label/koto+alai?max-results=20')).toEqual(to('/label/koto-alai'))
    expect(await decide('/search/label/Hukum%20%26%20Kriminal/')).toEqual(to('/label/hukum-dan-kriminal'))
    expect(await decide('/feeds/posts/default/-/KOTO%20%20ALAI?alt=rss')).toEqual(to('/label/koto-alai/feed.xml'))
    expect(await decide('/feeds/1564793159734860121/comments/default')).toEqual(to(post))
    expect(await decide('/feeds/posts/default?alt=rss')).toEqual(to('/feed.xml'))
    expect(await decide('/search?q=banjir')).toEqual(to('/cari?q=banjir'))
    expect(await decide('/?m=1')).toEqual(to('/'))
  })

  it('drafts, posts not live yet and draft-only labels have no row: 404', async () => {
    expect(await decide('/2023/10/kasus-dbd-di-sarai-panjang-meningkat.html')).toEqual({ action: 'not-found' })
    expect(await decide('/2024/03/perbaikan-jalan-koto-baru-hilir-di-sarai.html')).toEqual({ action: 'not-found' })
    expect(await decide('/search/label/Catatan%20Internal')).toEqual({ action: 'not-found' })
    expect(await decide('/feeds/9999/comments/default')).toEqual({ action: 'gone-text', body: t.feeds.gone('/feed.xml') })
  })

  it('a label merged later takes its old Blogger URLs and feeds along', async () => {
    const kotoAlai = await createLabel({ name: 'Koto Alai', slug: 'koto-alai' })
    const kabupaten = await createLabel({ name: 'Kabupaten Koto Alai', slug: 'kabupaten-koto-alai' })
    await mergeLabels([kotoAlai.id], kabupaten.id)
    expect(await decide('/search/label/KOTO%20ALAI')).toEqual(to('/label/kabupaten-koto-alai'))
    expect(await decide('/feeds/posts/summary/-/Koto%20Alai')).toEqual(to('/label/kabupaten-koto-alai/feed.xml'))
  })

  it('a post deleted or retracted after the import answers 410', async () => {
    await recordGonePath('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak', 'article-deleted')
    expect(await decide('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html')).toEqual({
      action: 'gone',
      rewrite: '/ditarik/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html',
    })

    const author = await createUser()
    const article = await createArticle({ authorId: author.id, status: 'retracted', slug: 'ditarik-redaksi', publishedAt: new Date('2023-03-01T03:00:00Z') })
    await write(() => recordRedirect('/2023/03/ditarik-redaksi.html', `/${article.pathMonth}/ditarik-redaksi`, 'import'))
    expect(await decide('/2023/03/ditarik-redaksi.html')).toEqual(to('/2023/03/ditarik-redaksi'))
    expect(await decide('/2023/03/ditarik-redaksi')).toEqual({ action: 'gone', rewrite: '/ditarik/2023/03/ditarik-redaksi' })
  })

  it('sends the blogspot alias to SITE_URL', async () => {
    const site = getEnv().siteUrl
    expect(await decide('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html?m=1', 'wartaranahraya.blogspot.com')).toEqual(
      to(`${site}/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak`),
    )
    expect(await decide('/', 'wartaranahraya.blogspot.co.id')).toEqual(to(`${site}/`))
  })

})
