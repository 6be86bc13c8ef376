import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { t } from '@/lib/i18n/id'
import { bloggerLabelPath } from '@/lib/labels/key'
import { hasMobileParam, type ImportSourceKind, isBloggerSourcePath, isBlogspotHost, labelTablePath, parseBloggerPath, stripBloggerParams } from './blogger'
import { decideRoute, type PathFate, type RouteDecision, type RouteRequest } from './decide'
import { canonicalPath, normalizeRedirectPath } from './paths'

type Expected = {
  blog: { blogspotAlias: string }
  labels: { raw: Array<{ raw: string; legacyPath: string }> }
  redirects: Array<{ from: string; status: number | null; to: { kind: string; slug?: string }; suggested: string | null }>
  notRedirected: Array<{ from: string }>
  redirectRules: Array<{ rule: string; examples: string[] }>
}

const expected = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/blogger/expected.json'), 'utf8')) as Expected

/*
 * The rows the importer writes (the contract in ADR 004, "Legacy Blogger URLs"): each live
 * post and page from its .html path, each post's comment feed (expected.json lists three, as
 * kind "post"), each label of a live post from bloggerLabelPath(raw name). Everything else must
 * come from rules in code.
 */
const rows = new Map<string, string>()
const labelSlugByLegacyPath = new Map(expected.redirects.filter((r) => r.to.kind === 'label').map((r) => [r.from, r.suggested!]))
for (const r of expected.redirects) {
  if (r.to.kind === 'post' || r.to.kind === 'page') rows.set(normalizeRedirectPath(r.from)!, r.suggested!.replace(/#.*$/, ''))
}
for (const label of expected.labels.raw) rows.set(normalizeRedirectPath(bloggerLabelPath(label.raw))!, labelSlugByLegacyPath.get(label.legacyPath)!)

const lookup = (p: string): PathFate | null => {
  const to = rows.get(p)
  return to ? { kind: 'moved', to } : null
}

/** The request for `url` as server.mjs sees it: the raw target split at `?`, the Host of an absolute URL. */
function at(url: string, host?: string): RouteRequest {
  const absolute = /^https?:\/\/([^/]+)(.*)$/i.exec(url)
  const target = absolute ? absolute[2]! : url
  const q = target.indexOf('?')
  return {
    pathname: q === -1 ? target : target.slice(0, q),
    search: q === -1 ? '' : target.slice(q),
    host: host ?? absolute?.[1],
  }
}

const SITE = 'https://www.wartaranahraya.example'
const decide = (url: string, host?: string) => decideRoute(at(url, host), lookup, { siteUrl: SITE })
const to = (location: string): RouteDecision => ({ action: 'redirect', location })
const NOT_FOUND: RouteDecision = { action: 'not-found' }
const FEED_GONE: RouteDecision = { action: 'gone-text', body: t.feeds.gone('/feed.xml') }

describe('every legacy URL in the fixture', () => {
  it('the importer’s rows: 30 posts, 3 pages, 3 comment feeds, 43 raw labels under 39 keys', () => {
    expect(rows.size).toBe(30 + 3 + 3 + 39)
  })

  for (const r of expected.redirects) {
    it(`${r.from} (${r.to.kind})`, () => {
      switch (r.to.kind) {
        case 'post':
        case 'page':
        case 'label':
        case 'label-feed':
        case 'feed':
        case 'feed-rss':
        case 'archive-year':
        case 'archive-month': {
          // A comment feed leads to the article itself: Warta has no comment anchor (yet).
          const suggested = r.suggested!.replace(/#.*$/, '')
          expect(r.status).toBe(301)
          expect(decide(r.from)).toEqual(to(suggested))
          break
        }
        case 'sitemap':
          expect(decide(r.from)).toEqual(r.status === 200 ? { action: 'next' } : to('/sitemap.xml'))
          break
        case 'comments-feed-or-gone':
          expect(decide(r.from)).toEqual(FEED_GONE)
          break
        default:
          throw new Error(`untested kind ${r.to.kind}`)
      }
    })
  }

  for (const r of expected.notRedirected) {
    it(`${r.from} has no row and answers 404`, () => {
      expect(decide(r.from)).toEqual(NOT_FOUND)
      expect(decide(`${r.from}?m=1`)).toEqual(NOT_FOUND)
    })
  }
})

describe('redirectRules examples', () => {
  const post = '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak'
  const results: Record<string, RouteDecision> = {
    '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html?m=1': to(post),
    '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html?m=0': to(post),
    '/?m=1': to('/'),
    '/search/label/Advertorial%20DPRD%20Koto%20Alai?m=1': to('/label/advertorial-dprd-koto-alai'),
    '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html?showComment=1699999999999': to(post),
    '/search/label/Advertorial%20DPRD%20Koto%20Alai?updated-max=2023-05-01T10:00:00%2B07:00&max-results=20&start=20&by-date=false':
      to('/label/advertorial-dprd-koto-alai'),
    '/search?updated-max=2023-05-01T10:00:00%2B07:00&max-results=7': to('/'),
    '/search?q=banjir': to('/cari?q=banjir'),
    '/search?q=pacu+jawi&max-results=10': to('/cari?q=pacu%20jawi'),
    '/search/label/kota+sarai+panjang': to('/label/kota-sarai-panjang'),
    '/search/label/Kota%20Sarai%20Panjang/': to('/label/kota-sarai-panjang'),
    'http://wartaranahraya.blogspot.com/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html': to(`${SITE}${post}`),
    '/feeds/posts/default?alt=rss&max-results=50': to('/feed.xml'),
    '/feeds/posts/summary?alt=json': FEED_GONE,
    '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html/': to(post),
  }

  it('has an expectation for every example', () => {
    expect(Object.keys(results).sort()).toEqual(expected.redirectRules.flatMap((r) => r.examples).sort())
  })

  for (const rule of expected.redirectRules) {
    for (const example of rule.examples) {
      it(`${rule.rule}: ${example}`, () => {
        expect(decide(example)).toEqual(results[example])
      })
    }
  }
})

describe('posts and pages (.html)', () => {
  const post = '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak'

  it('keeps parameters that are not Blogger’s, in their order and escapes', () => {
    expect(decide(`${post}.html?m=1&utm_source=wa&utm_campaign=a%20b`)).toEqual(to(`${post}?utm_source=wa&utm_campaign=a%20b`))
    expect(decide(`${post}.html?commentPage=2&spref=fb&zx=8f3a&fbclid=x`)).toEqual(to(`${post}?fbclid=x`))
    expect(decide('/p/redaksi.html?m=1')).toEqual(to('/p/redaksi'))
  })

  it('tolerates case and trailing slashes, in one hop', () => {
    expect(decide(`${post.toUpperCase()}.HTML`)).toEqual(to(post))
    expect(decide(`${post}.html//?m=1`)).toEqual(to(post))
    expect(decide('/P/Redaksi.html/')).toEqual(to('/p/redaksi'))
  })

  it('an exact row wins over its variants', () => {
    const exact = new Map([
      ['/2020/01/A.html', '/2020/01/huruf-besar'],
      ['/2020/01/a.html', '/2020/01/huruf-kecil'],
    ])
    const d = decideRoute(at('/2020/01/A.html'), (p) => (exact.has(p) ? { kind: 'moved', to: exact.get(p)! } : null))
    expect(d).toEqual(to('/2020/01/huruf-besar'))
  })

  it('an .html path without a row is a 404, never a guess', () => {
    for (const url of ['/2023/02/tidak-ada.html', '/2023/02/tidak-ada.html/', '/p/tidak-ada.html', '/index.html', '/2023/02/warga.html?m=1']) {
      expect(decide(url), url).toEqual(NOT_FOUND)
    }
  })

  it('a post deleted after the import answers 410 with its notice', () => {
    const d = decideRoute(at('/2023/02/Dihapus.html/'), (p) => (p === '/2023/02/dihapus.html' ? { kind: 'gone' } : null))
    expect(d).toEqual({ action: 'gone', rewrite: '/ditarik/2023/02/dihapus.html' })
  })

  it('Blogger’s archive files lead to the month archive', () => {
    expect(decide('/2022_01_01_archive.html')).toEqual(to('/2022/01'))
    expect(decide('/2023_11_05_archive.html?m=1')).toEqual(to('/2023/11'))
    expect(decide('/2023_13_01_archive.html')).toEqual(NOT_FOUND)
  })
})

describe('labels', () => {
  it('finds a label whatever its case, spacing and escapes', () => {
    for (const url of [
      '/search/label/Koto%20Alai',
      '/search/label/KOTO%20ALAI',
      '/search/label/koto+alai',
      '/search/label/Koto%20%20Alai',
      '/search/label/Koto++Alai/',
      '/search/label/%20Koto%20Alai%20',
      '/search/label/Koto%C2%A0Alai',
      '/SEARCH/LABEL/Koto%20Alai//',
      '/search/label/Koto%20Alai?max-results=7&by-date=true&m=1',
    ]) {
      expect(decide(url), url).toEqual(to('/label/koto-alai'))
    }
    expect(decide('/search/label/Hukum%20%26%20Kriminal')).toEqual(to('/label/hukum-dan-kriminal'))
    expect(decide('/search/label/Semen%20Andalas%20Raya..')).toEqual(to('/label/pt-semen-andalas-raya'))
  })

  it('keeps foreign parameters and drops Blogger’s paging', () => {
    expect(decide('/search/label/Opini?utm_source=wa&max-results=20&updated-max=2023-05-01T10%3A00%3A00%2B07%3A00')).toEqual(
      to('/label/opini?utm_source=wa'),
    )
  })

  it('an unknown, empty or malformed label is a 404', () => {
    for (const url of ['/search/label/Catatan%20Internal', '/search/label/', '/search/label/%20', '/search/label/%E0%A4%A', '/search/labels/Opini', '/search/x']) {
      expect(decide(url), url).toEqual(NOT_FOUND)
    }
  })

  it('labelTablePath matches the rows the importer writes', () => {
    expect(labelTablePath('Kota+Sarai+Panjang')).toBe('/search/label/kota%20sarai%20panjang')
    expect(labelTablePath('Hukum%20%26%20Kriminal')).toBe(bloggerLabelPath('Hukum & Kriminal'))
    expect(labelTablePath('C%2B%2B')).toBe('/search/label/c%2b%2b')
    expect(labelTablePath('%ZZ')).toBeNull()
  })
})

describe('feeds', () => {
  it('every address of the post feed leads to /feed.xml without a query', () => {
    for (const url of [
      '/feeds/posts/default',
      '/feeds/posts/default/',
      '/feeds/posts/full?alt=atom',
      '/feeds/posts/summary?alt=rss&max-results=50&start-index=26&orderby=published',
      '/feeds/posts/default?redirect=false',
      '/atom.xml',
      '/atom.xml?redirect=false',
      '/rss.xml',
      '/Feeds/Posts/Default',
    ]) {
      expect(decide(url), url).toEqual(to('/feed.xml'))
    }
  })

  it('a label feed leads to that label’s feed', () => {
    expect(decide('/feeds/posts/default/-/Koto%20%20Alai?alt=rss')).toEqual(to('/label/koto-alai/feed.xml'))
    expect(decide('/feeds/posts/summary/-/kota+saraipanjang')).toEqual(to('/label/kota-sarai-panjang/feed.xml'))
    expect(decide('/feeds/posts/default/-/Opini/Nasional')).toEqual(to('/label/opini/feed.xml'))
    expect(decide('/feeds/posts/default/-/Catatan%20Internal')).toEqual(NOT_FOUND)
  })

  it('a label row pointed somewhere other than a label falls back to the site feed', () => {
    const d = decideRoute(at('/feeds/posts/default/-/Opini'), (p) => (p === '/search/label/opini' ? { kind: 'moved', to: '/p/opini' } : null))
    expect(d).toEqual(to('/feed.xml'))
  })

  it('JSON feeds, the comments feed and the pages feed are gone (410)', () => {
    for (const url of [
      '/feeds/posts/default?alt=json',
      '/feeds/posts/default?alt=json-in-script&callback=tampil',
      '/feeds/posts/default/-/Opini?alt=json',
      '/feeds/comments/default',
      '/feeds/comments/full?alt=rss',
      '/feeds/comments/summary',
      '/feeds/pages/default',
      '/feeds/2007555867629377485/comments/default?alt=json',
    ]) {
      expect(decide(url), url).toEqual(FEED_GONE)
    }
  })

  it('a post’s comment feed leads to the post when it has a row, else 410', () => {
    const commentRows = (p: string): PathFate | null =>
      p === '/feeds/2007555867629377485/comments/default' ? { kind: 'moved', to: '/2022/01/dprd-pesisir-barat-daya-gelar-rapat' } : null
    const d = (url: string) => decideRoute(at(url), commentRows)
    expect(d('/feeds/2007555867629377485/comments/default')).toEqual(to('/2022/01/dprd-pesisir-barat-daya-gelar-rapat'))
    expect(d('/feeds/2007555867629377485/comments/full?alt=rss')).toEqual(to('/2022/01/dprd-pesisir-barat-daya-gelar-rapat'))
    expect(d('/feeds/2007555867629377485/comments/default/7307469397713845087')).toEqual(to('/2022/01/dprd-pesisir-barat-daya-gelar-rapat'))
    expect(d('/feeds/1111111111111111111/comments/default')).toEqual(FEED_GONE)
  })

  it('other paths under /feeds/ are a 404', () => {
    for (const url of ['/feeds/posts', '/feeds/posts/default/123', '/feeds/abc/comments/default', '/feeds/posts/default/-/']) {
      expect(decide(url), url).toEqual(NOT_FOUND)
    }
  })
})

describe('search, home and sitemaps', () => {
  it('a search goes to /cari with the same words', () => {
    expect(decide('/search?q=banjir&max-results=20&by-date=true')).toEqual(to('/cari?q=banjir'))
    expect(decide('/search/?q=Koto%20Alai')).toEqual(to('/cari?q=Koto%20Alai'))
    expect(decide('/search?q=a%26b%3Dc')).toEqual(to('/cari?q=a%26b%3Dc'))
    expect(decide('/search?q=banjir&utm_source=wa')).toEqual(to('/cari?q=banjir&utm_source=wa'))
    expect(decide('/search?q=%3Cscript%3E')).toEqual(to('/cari?q=%3Cscript%3E'))
  })

  it('Blogger’s “Older posts” link, a blank search and bare /search go home', () => {
    for (const url of ['/search', '/search/', '/search?q=', '/search?q=+++', '/search?max-results=7', '/search?updated-max=2023-05-01T10:00:00%2B07:00&max-results=7&reverse-paginate=true']) {
      expect(decide(url), url).toEqual(to('/'))
    }
  })

  it('the home page loses only Blogger’s mobile switch', () => {
    expect(decide('/?m=0')).toEqual(to('/'))
    expect(decide('/?m=1&utm_source=wa')).toEqual(to('/?utm_source=wa'))
    expect(decide('/?m')).toEqual(to('/'))
    expect(decide('/')).toEqual({ action: 'next' })
  })

  it('/sitemap.xml is ours; Blogger’s pages sitemap leads to it', () => {
    expect(decide('/sitemap.xml')).toEqual({ action: 'next' })
    expect(decide('/sitemap.xml?page=2')).toEqual({ action: 'next' })
    expect(decide('/sitemap-pages.xml')).toEqual(to('/sitemap.xml'))
  })

  it('Blogger’s year and month archives reach ours in one hop', () => {
    expect(decide('/2022/')).toEqual(to('/2022'))
    expect(decide('/2022/01/')).toEqual(to('/2022/01'))
    expect(decide('/2022/01/?m=1')).toEqual(to('/2022/01'))
    expect(decide('/2022/01/?m=1&utm_medium=x')).toEqual(to('/2022/01?utm_medium=x'))
  })
})

describe('the blogspot alias', () => {
  const alias = new URL(expected.blog.blogspotAlias).host

  it('sends every request to the same answer on the site’s address, in one hop', () => {
    expect(decide('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html?m=1', alias)).toEqual(
      to(`${SITE}/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak`),
    )
    expect(decide('/search/label/KOTO%20ALAI', alias)).toEqual(to(`${SITE}/label/koto-alai`))
    expect(decide('/?m=1', alias)).toEqual(to(`${SITE}/`))
    expect(decide('/', alias)).toEqual(to(`${SITE}/`))
    expect(decide('/feeds/posts/default', alias)).toEqual(to(`${SITE}/feed.xml`))
    expect(decide('/2023/02/?m=1', alias)).toEqual(to(`${SITE}/2023/02`))
  })

  it('an address with nothing to resolve keeps its path and query there', () => {
    expect(decide('/label/koto-alai?page=2', alias)).toEqual(to(`${SITE}/label/koto-alai?page=2`))
    expect(decide('/2023/02/tidak-ada.html', alias)).toEqual(to(`${SITE}/2023/02/tidak-ada.html`))
    expect(decide('/feeds/comments/default', alias)).toEqual(to(`${SITE}/feeds/comments/default`))
  })

  it('recognises ccTLD aliases and ports; ignores other hosts', () => {
    for (const host of ['wartaranahraya.blogspot.com', 'WARTARANAHRAYA.BLOGSPOT.COM', 'wartaranahraya.blogspot.co.id', 'x.blogspot.de', 'x.blogspot.com:80']) {
      expect(isBlogspotHost(host), host).toBe(true)
    }
    for (const host of [undefined, 'www.wartaranahraya.example', 'blogspot.com', 'x.blogspot.com.evil.example', 'localhost:3000']) {
      expect(isBlogspotHost(host), String(host)).toBe(false)
    }
    expect(decide('/label/koto-alai', 'www.wartaranahraya.example')).toEqual({ action: 'next' })
  })

  it('never loops when SITE_URL itself is the blogspot address', () => {
    const d = decideRoute(at('/label/koto-alai'), lookup, { siteUrl: 'https://warta.blogspot.com' })
    expect(decideRoute({ ...at('/label/koto-alai'), host: 'warta.blogspot.com' }, lookup, { siteUrl: 'https://warta.blogspot.com' })).toEqual(d)
  })
})

describe('parsing', () => {
  it('ordinary Warta URLs are not Blogger’s', () => {
    for (const p of ['/', '/2023/02/judul', '/2023', '/label/opini', '/label/opini/feed.xml', '/feed.xml', '/cari', '/sitemap.xml', '/p/redaksi', '/searchx', '/feedsx']) {
      expect(parseBloggerPath(p, canonicalPath(p), ''), p).toBeNull()
    }
  })

  it('stripBloggerParams keeps everything else untouched', () => {
    expect(stripBloggerParams('')).toBe('')
    expect(stripBloggerParams('?')).toBe('')
    expect(stripBloggerParams('?m=1')).toBe('')
    expect(stripBloggerParams('?M=1&ShowComment=1&a=%20&&b')).toBe('?a=%20&b')
    expect(stripBloggerParams('?max%2Dresults=5&x=1')).toBe('?x=1')
  })

  it('hasMobileParam finds only the parameter m', () => {
    expect(['?m=1', '?a=1&m=0', '?m', '?m&x=1'].every(hasMobileParam)).toBe(true)
    expect(['', '?mode=1', '?utm_medium=m', '?am=1'].some(hasMobileParam)).toBe(false)
  })
})

describe('finding 6: isBloggerSourcePath', () => {
  it('finding 6: accepts Blogger’s own shapes and nothing of Warta’s', () => {
    const yes: Array<[ImportSourceKind, string]> = [
      ['post', '/2023/09/koperasi-nagari-koto-baru-salurkan.html'],
      ['post', '/2023/06/banjir-rendam-80-rumah-di-koto-panjang_97.html'],
      ['post', '/2024/01/disdik-pesisir%E0%A4.html'],
      ['post', '/2019/12/BESAR.HTML'],
      ['page', '/p/redaksi.html'],
      ['comment-feed', '/feeds/7584572308566694265/comments/default'],
      ['label', bloggerLabelPath('Koto Alai')],
      ['label', bloggerLabelPath('PT.Semen / Andalas & Raya')],
    ]
    for (const [kind, path] of yes) expect(isBloggerSourcePath(kind, path), `${kind} ${path}`).toBe(true)
    const no: Array<[ImportSourceKind, string]> = [
      ['post', '/admin/masuk'],
      ['post', '/admin/masuk.html'],
      ['post', '/api/auth/session'],
      ['post', '/_next/static/chunks/main.js'],
      ['post', '/media/2024/01/foto.html'],
      ['post', '/2023/13/judul.html'],
      ['post', '/2023/09/judul'],
      ['post', '/2023/09/a/b.html'],
      ['post', '/2023/09/..html'],
      ['post', '/2023/09/a\\b.html'],
      ['post', '/2023/09/a\u0001b.html'],
      ['post', '//evil.example/2023/09/a.html'],
      ['post', '/p/redaksi.html'],
      ['page', '/2023/09/judul.html'],
      ['page', '/p/redaksi'],
      ['page', '/p/../admin.html'],
      ['comment-feed', '/feeds/../admin/comments/default'],
      ['comment-feed', '/feeds/posts/default'],
      ['label', '/search/label/a/../../admin'],
      ['label', '/admin'],
      ['post', `/2023/09/${'a'.repeat(600)}.html`],
    ]
    for (const [kind, path] of no) expect(isBloggerSourcePath(kind, path), `${kind} ${path}`).toBe(false)
  })
})
