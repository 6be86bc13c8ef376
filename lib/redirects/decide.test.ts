import { describe, expect, it } from 'vitest'
import { decideRoute, type PathFate, type RouteRequest } from './decide'
import { canonicalPath, normalizeRedirectPath, parseArticlePath } from './paths'

const table: Record<string, PathFate> = {
  '/2021/08/judul-lama': { kind: 'moved', to: '/2021/08/judul-baru' },
  '/label/pilkada': { kind: 'moved', to: '/label/pemilu' },
  '/2021/08/ditarik': { kind: 'gone' },
}
const lookup = (path: string) => table[path] ?? null

/** A request line's target as server.mjs splits it. */
function at(url: string): RouteRequest {
  const q = url.indexOf('?')
  return q === -1 ? { pathname: url, search: '' } : { pathname: url.slice(0, q), search: url.slice(q) }
}

const decide = (url: string) => decideRoute(at(url), lookup)

describe('decideRoute', () => {
  it('passes canonical live URLs through', () => {
    for (const path of ['/', '/2021/08/judul-baru', '/label/pemilu', '/feed.xml', '/cari']) {
      expect(decide(path), path).toEqual({ action: 'next' })
    }
  })

  it('answers 404 for the search route under any name but the one /cari is rewritten to', () => {
    for (const path of ['/cari/apa-saja', '/cari/__build__', '/cari/hasil/lagi', '/cari/x?q=banjir']) {
      expect(decide(path), path).toEqual({ action: 'not-found' })
    }
    expect(decide('/cari/Hasil')).toEqual({ action: 'redirect', location: '/cari' })
  })

  it('sends the addresses next.config.ts rewrites onto to their public address in one hop', () => {
    const cases: Array<[string, string]> = [
      ['/beranda/terbaru', '/'],
      ['/beranda/terbaru?utm_source=wa', '/?utm_source=wa'],
      ['/label/pemilu/hal/1', '/label/pemilu'],
      ['/label/pemilu/hal/2', '/label/pemilu?page=2'],
      ['/label/pemilu/hal/2?page=7&utm_source=wa', '/label/pemilu?page=2&utm_source=wa'],
      ['/Label/Pemilu/hal/3/', '/label/pemilu?page=3'],
      ['/penulis/rina-wulandari/hal/1', '/penulis/rina-wulandari'],
      ['/penulis/rina-wulandari/hal/4', '/penulis/rina-wulandari?page=4'],
      ['/arsip/2024/05/hal/1', '/2024/05'],
      ['/arsip/2024/05/hal/2', '/2024/05?page=2'],
      ['/arsip/2024/semua/hal/1', '/2024'],
      ['/arsip/2024/semua/hal/9', '/2024?page=9'],
      ['/indeks/hari-ini', '/indeks'],
      ['/indeks/2024-05-17', '/indeks?tanggal=2024-05-17'],
      ['/indeks/2024-05-17?tanggal=2020-01-01', '/indeks?tanggal=2024-05-17'],
      ['/cari/hasil', '/cari'],
      ['/cari/hasil?q=banjir', '/cari?q=banjir'],
      ['/cari/hasil?q=banjir+bandang&m=1', '/cari?q=banjir+bandang'],
    ]
    for (const [from, to] of cases) expect(decide(from), from).toEqual({ action: 'redirect', location: to })
    // Parameters no page takes are left to the page, which answers 404 for them.
    for (const path of ['/beranda/kemarin', '/label/pemilu/hal/0', '/label/pemilu/hal/01', '/label/pe_milu/hal/2', '/arsip/2024/13/hal/1', '/arsip/1800/05/hal/1', '/indeks/2024-02-30', '/indeks/kemarin', '/penulis/rina/hal/x']) {
      expect(decide(path), path).toEqual({ action: 'next' })
    }
  })

  it('answers 404 for the parameter routes are built with, under any route', () => {
    for (const path of ['/beranda/__build__', '/label/__build__/hal/1', '/arsip/__build__/__build__/hal/__build__', '/indeks/__build__', '/p/__build__', '/ditarik/__build__']) {
      expect(decide(path), path).toEqual({ action: 'not-found' })
    }
    expect(decide('/2021/08/__build__-bukan')).toEqual({ action: 'next' })
  })

  it('sends a moved URL, in any variant, to its content in one hop', () => {
    for (const path of ['/2021/08/judul-lama', '/2021/08/judul-lama/', '/2021/08/Judul-Lama', '/LABEL/Pilkada/']) {
      const d = decide(path)
      expect(d.action, path).toBe('redirect')
      expect(d).toEqual({ action: 'redirect', location: path.toLowerCase().includes('label') ? '/label/pemilu' : '/2021/08/judul-baru' })
    }
  })

  it('sends trailing-slash and upper-case variants to the canonical URL', () => {
    expect(decide('/label/pemilu/')).toEqual({ action: 'redirect', location: '/label/pemilu' })
    expect(decide('/P/Redaksi')).toEqual({ action: 'redirect', location: '/p/redaksi' })
    expect(decide('/label//')).toEqual({ action: 'redirect', location: '/label' })
  })

  it('answers a removed URL with its notice, after canonicalising it', () => {
    expect(decide('/2021/08/ditarik')).toEqual({ action: 'gone', rewrite: '/ditarik/2021/08/ditarik' })
    expect(decide('/2021/08/ditarik/')).toEqual({ action: 'redirect', location: '/2021/08/ditarik' })
    expect(decide('/ditarik/2021/08/apa')).toEqual({ action: 'gone', rewrite: '/ditarik/2021/08/apa' })
  })
})

describe('decideRoute and the query string', () => {
  it('keeps the query on a redirect (utm tags, paging)', () => {
    expect(decide('/2021/08/judul-lama?utm_source=wa')).toEqual({ action: 'redirect', location: '/2021/08/judul-baru?utm_source=wa' })
    expect(decide('/Label/Pemilu/?page=2')).toEqual({ action: 'redirect', location: '/label/pemilu?page=2' })
  })

  it('drops Blogger’s own parameters when it redirects anyway, and only then', () => {
    expect(decide('/2022/01/?m=1')).toEqual({ action: 'redirect', location: '/2022/01' })
    expect(decide('/2022/?m=0&utm_source=fb')).toEqual({ action: 'redirect', location: '/2022?utm_source=fb' })
    expect(decide('/2021/08/judul-lama?m=1&showComment=1699999999999')).toEqual({ action: 'redirect', location: '/2021/08/judul-baru' })
    // A live Warta URL shared with Blogger's mobile switch is served as it is: no extra hop.
    expect(decide('/2021/08/judul-baru?m=1')).toEqual({ action: 'next' })
    expect(decide('/label/pemilu?m=1')).toEqual({ action: 'next' })
  })

  it('leaves the home page alone without Blogger’s mobile switch', () => {
    for (const url of ['/', '/?utm_source=wa', '/?mode=x', '/?page=2']) expect(decide(url), url).toEqual({ action: 'next' })
  })
})

describe('paths', () => {
  it('canonicalPath lower-cases and drops trailing slashes', () => {
    expect(canonicalPath('/')).toBe('/')
    expect(canonicalPath('//')).toBe('/')
    expect(canonicalPath('/Label/Ekonomi/')).toBe('/label/ekonomi')
  })

  it('normalizeRedirectPath keeps only a path', () => {
    expect(normalizeRedirectPath('http://x.example/A/b/?q=1#z')).toBe('/a/b')
    expect(normalizeRedirectPath('/p/Kontak?x')).toBe('/p/kontak')
    expect(normalizeRedirectPath('javascript:alert(1)')).toBeNull()
  })

  it('parseArticlePath reads only article URLs', () => {
    expect(parseArticlePath('/2021/08/judul-berita')).toEqual({ pathMonth: '2021/08', slug: 'judul-berita' })
    expect(parseArticlePath('/2021/13/judul')).toBeNull()
    expect(parseArticlePath('/label/x/y')).toBeNull()
  })
})

// Finding 2 (issue #10): `GET //evil.example/` answered `301 Location: //evil.example`.
// Browsers read "\" as "/", drop tabs and newlines and resolve dot segments before they look
// for a host, so each of these must be checked the way a browser resolves the Location.
const OPEN_REDIRECT_PATHS = [
  '//evil.example/',
  '//evil.example//',
  '///evil.example/',
  '////evil.example/',
  '/\\evil.example/',
  '/\\/evil.example/',
  '/\\\\evil.example/',
  '//\\evil.example/',
  '/\t/evil.example/',
  '/%09/evil.example/',
  '/\n/evil.example/',
  '/ /evil.example/',
  '/..//evil.example/',
  '/.//evil.example/',
  '/%2e%2e//evil.example/',
  '/%2E//evil.example/',
  '/x/../..//evil.example/',
  '/%2F%2Fevil.example/',
  '/%2f/evil.example/',
  '/%5C%5Cevil.example/',
  '//EVIL.example/',
  '//evil.example/2021/08/judul-lama',
  '//evil.example/search/label/Politik',
  '//evil.example/2021_08_01_archive.html',
  '//evil.example/feeds/posts/default',
  '//evil.example/search?q=x',
  '/\\evil.example/search?q=x',
]

describe('finding 2: no redirect leaves the site', () => {
  const site = 'https://warta.example'
  it.each(OPEN_REDIRECT_PATHS)('%j stays on the site', (payload) => {
    for (const search of ['', '?m=1', '?utm_source=wa']) {
      for (const host of [undefined, 'warta.blogspot.com']) {
        const request = at(payload + search)
        const d = decideRoute({ ...request, host }, lookup, { siteUrl: site })
        if (d.action !== 'redirect') continue
        const target = new URL(d.location, `${site}/some/page`)
        expect(target.origin, `${payload}${search} → ${d.location}`).toBe(site)
        // Not even by way of a second hop: the path itself is not protocol-relative.
        expect(target.pathname.startsWith('//'), `${payload}${search} → ${d.location}`).toBe(false)
      }
    }
  })

  it('still sends the plain variants to the canonical URL', () => {
    expect(decide('//label//pemilu//')).toEqual({ action: 'redirect', location: '/label//pemilu' })
    expect(decide('/2021/08/judul-lama/')).toEqual({ action: 'redirect', location: '/2021/08/judul-baru' })
  })
})
