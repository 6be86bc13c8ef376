import { describe, expect, it } from 'vitest'
import { SEARCH_ROUTE_PATH, searchPath } from '@/lib/urls'
import { isTrackingParam, pageSearch, paramName, SEARCH_PATHS, withoutTrackingParams } from './page-query.mjs'

describe('pageSearch: the query a public page is rendered with', () => {
  it('keeps nothing of a story request but drops every parameter it does not read', () => {
    expect(pageSearch('/2026/11/judul', '')).toBe('')
    expect(pageSearch('/2026/11/judul', '?')).toBe('')
    expect(pageSearch('/2026/11/judul', '?fbclid=IwAR1&utm_source=whatsapp')).toBe('')
    expect(pageSearch('/2026/11/judul', `?x=${'z'.repeat(16_000)}`)).toBe('')
    expect(pageSearch('/', '?q=kopi&ref=wa')).toBe('')
  })

  it('keeps the page number and the day the rewrites take, with their escapes, in their order', () => {
    expect(pageSearch('/label/budaya', '?utm_source=x&page=2&fbclid=y')).toBe('?page=2')
    expect(pageSearch('/2025/04', '?page=12')).toBe('?page=12')
    expect(pageSearch('/indeks', '?tanggal=2026-11-30&utm_medium=social')).toBe('?tanggal=2026-11-30')
    // Next decodes names and values before its rewrites compare them.
    expect(pageSearch('/label/budaya', '?%70age=%32')).toBe('?%70age=%32')
    // A value of another shape reaches no page through the rewrites: dropped, as the rewrite ignores it.
    expect(pageSearch('/label/budaya', '?page=2abc')).toBe('')
    expect(pageSearch('/label/budaya', '?page=1e3')).toBe('')
    expect(pageSearch('/label/budaya', `?page=${'9'.repeat(7)}`)).toBe('')
    expect(pageSearch('/indeks', '?tanggal=kemarin')).toBe('')
    // Names are Next's: case counts.
    expect(pageSearch('/label/budaya', '?PAGE=2')).toBe('')
  })

  it('keeps the query on the search page only', () => {
    expect(pageSearch('/cari', '?fbclid=1&q=banjir+bandang&page=2')).toBe('?q=banjir+bandang&page=2')
    expect(pageSearch('/cari/hasil', '?q=%E2%80%9Cbanjir%E2%80%9D')).toBe('?q=%E2%80%9Cbanjir%E2%80%9D')
    expect(pageSearch('/label/budaya', '?q=banjir')).toBe('')
  })

  it("keeps Next's own _rsc parameter when it has its shape", () => {
    expect(pageSearch('/2026/11/judul', '?_rsc=1ld0r')).toBe('?_rsc=1ld0r')
    expect(pageSearch('/2026/11/judul', '?fbclid=1&_rsc=_i_aeImnuN6u1u1r')).toBe('?_rsc=_i_aeImnuN6u1u1r')
    expect(pageSearch('/2026/11/judul', '?_rsc')).toBe('?_rsc')
    expect(pageSearch('/2026/11/judul', '?_rsc=')).toBe('?_rsc=')
    expect(pageSearch('/label/budaya', '?page')).toBe('')
    expect(pageSearch('/2026/11/judul', `?_rsc=${'a'.repeat(100)}`)).toBe('')
  })

  it("leaves the newsroom's query whole", () => {
    expect(pageSearch('/admin/artikel', '?status=submitted&utm_source=x')).toBe('?status=submitted&utm_source=x')
    expect(pageSearch('/admin', '?a=1')).toBe('?a=1')
    expect(pageSearch('/admin/setup', '?token=abc')).toBe('?token=abc')
    expect(pageSearch('/administrasi', '?a=1')).toBe('')
  })

  it('survives what does not decode', () => {
    expect(pageSearch('/label/budaya', '?%E0%A4%A=1&page=%ZZ&page=3')).toBe('?page=3')
    expect(pageSearch('/cari', '?q=%&&&page=2&')).toBe('?q=%&page=2')
  })

  it('names the search page by the addresses lib/urls.ts gives it', () => {
    expect(new Set([searchPath(), SEARCH_ROUTE_PATH])).toEqual(SEARCH_PATHS)
  })
})

describe('withoutTrackingParams: the front cache key', () => {
  it('drops the parameters analytics and ad platforms add, whatever their case', () => {
    expect(withoutTrackingParams('/2026/11/judul?fbclid=IwAR1')).toBe('/2026/11/judul')
    expect(withoutTrackingParams('/2026/11/judul?utm_source=wa&UTM_Medium=social&gclid=x&srsltid=y')).toBe('/2026/11/judul')
    expect(withoutTrackingParams('/label/budaya?utm_source=wa&page=2&fbclid=1')).toBe('/label/budaya?page=2')
  })

  it('leaves every other parameter as it came, and a URL with none to drop the same string', () => {
    const url = '/label/budaya?page=2&m=1&x=%20'
    expect(withoutTrackingParams(url)).toBe(url)
    expect(withoutTrackingParams('/')).toBe('/')
    expect(withoutTrackingParams('/?m=1&fbclid=1')).toBe('/?m=1')
  })

  it('knows a tracking name once decoded', () => {
    expect(paramName('utm%5Fsource=x')).toBe('utm_source')
    expect(isTrackingParam(paramName('FBCLID=1'))).toBe(true)
    expect(isTrackingParam('page')).toBe(false)
    expect(isTrackingParam('q')).toBe(false)
  })

  it('takes time linear in the URL (Node allows 16 KB of headers)', () => {
    // Pairs that would each make decodeURIComponent throw, and pairs of every name looked at.
    for (const pair of ['%E0%A4=%', 'page=%E0%A4%A', 'utm_x=1', 'page=2', 'tanggal=%%%', 'q=%FF']) {
      const worst = `/cari?${Array.from({ length: Math.floor(16_000 / (pair.length + 1)) }, () => pair).join('&')}`
      const started = performance.now()
      for (let i = 0; i < 20; i++) {
        withoutTrackingParams(worst)
        pageSearch('/cari', worst.slice(worst.indexOf('?')))
      }
      expect((performance.now() - started) / 20, pair).toBeLessThan(10)
    }
  })
})
