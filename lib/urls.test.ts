import { describe, expect, it } from 'vitest'
import { toPathMonth } from './dates'
import {
  absoluteUrl,
  articlePath,
  authorPath,
  indexPath,
  labelPath,
  monthArchivePath,
  pageUrl,
  requestSiteUrl,
  searchPath,
  slugify,
  yearArchivePath,
} from './urls'

describe('slugify', () => {
  it('folds diacritics, punctuation and case into hyphenated ASCII', () => {
    expect(slugify('Pemilu Kepala Daerah: Siapa Maju?')).toBe('pemilu-kepala-daerah-siapa-maju')
    expect(slugify('Kópi Sawahlúnto  Juara   Nasional')).toBe('kopi-sawahlunto-juara-nasional')
    expect(slugify('Jum’at Berkah & Gotong-Royong')).toBe('jum-at-berkah-dan-gotong-royong')
    expect(slugify('  --  ')).toBe('tanpa-judul')
    expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script')
  })

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('kata '.repeat(40), 30)
    expect(slug.length).toBeLessThanOrEqual(30)
    expect(slug).not.toMatch(/-$/)
    expect(slug).toMatch(/^(kata-)*kata$/)
  })
})

describe('public URLs', () => {
  it('puts an article under the Jakarta month it was first published in', () => {
    const publishedAt = new Date('2023-08-31T22:30:00Z') // 1 September, 05:30 WIB
    expect(articlePath({ slug: 'koperasi-salurkan', pathMonth: toPathMonth(publishedAt) })).toBe('/2023/09/koperasi-salurkan')
  })

  it('adds ?page only past the first page', () => {
    expect(labelPath('kota-saraipanjang')).toBe('/label/kota-saraipanjang')
    expect(labelPath('kota-saraipanjang', 2)).toBe('/label/kota-saraipanjang?page=2')
    expect(authorPath('rina', 1)).toBe('/penulis/rina')
    expect(monthArchivePath(2021, 8)).toBe('/2021/08')
    expect(monthArchivePath(2021, 8, 3)).toBe('/2021/08?page=3')
    expect(yearArchivePath(2021, 2)).toBe('/2021?page=2')
  })

  it('encodes search queries and builds the daily index URL', () => {
    expect(searchPath('a&b "c"')).toBe('/cari?q=a%26b%20%22c%22')
    expect(indexPath('2021-08-06')).toBe('/indeks?tanggal=2021-08-06')
    expect(absoluteUrl('https://warta.example/', '/p/redaksi')).toBe('https://warta.example/p/redaksi')
  })
})

describe('the site address', () => {
  it('is SITE_URL in cached pages when set, and root-relative (resolved by the reader) when not', () => {
    expect(pageUrl('https://warta.example', '/p/redaksi')).toBe('https://warta.example/p/redaksi')
    expect(pageUrl(null, '/p/redaksi')).toBe('/p/redaksi')
    expect(pageUrl(null, 'p/redaksi')).toBe('/p/redaksi')
    expect(pageUrl(null, 'https://cdn.example/a.jpg')).toBe('https://cdn.example/a.jpg')
  })

  it('is SITE_URL for per-request responses when set, else the scheme and host the request came in on', () => {
    const h = (entries: Record<string, string>) => new Headers(entries)
    expect(requestSiteUrl('https://warta.example', h({ host: '127.0.0.1:3000' }), 3000)).toBe('https://warta.example')
    expect(requestSiteUrl(null, h({ host: '127.0.0.1:3000' }), 3000)).toBe('http://127.0.0.1:3000')
    expect(requestSiteUrl(null, h({ host: '127.0.0.1:3000', 'x-forwarded-host': '192.168.1.20:3000', 'x-forwarded-proto': 'http' }), 3000)).toBe(
      'http://192.168.1.20:3000',
    )
    expect(requestSiteUrl(null, h({ 'x-forwarded-host': 'Warta.Example', 'x-forwarded-proto': 'https' }), 3000)).toBe('https://warta.example')
    expect(requestSiteUrl(null, h({ host: '[::1]:3000' }), 3000)).toBe('http://[::1]:3000')
  })

  it('never lets a malformed Host into a link', () => {
    for (const host of ['evil.example/<script>', 'a b', '"x"', 'x'.repeat(400), 'evil.example@x', '']) {
      expect(requestSiteUrl(null, new Headers(host ? { host } : {}), 3100)).toBe('http://localhost:3100')
    }
  })
})
