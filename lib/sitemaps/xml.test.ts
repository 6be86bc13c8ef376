import { describe, expect, it } from 'vitest'
import { xsdErrors } from '@/tests/xml'
import { parseSitemapFileName, sitemapFileName, type SitemapFile } from './files'
import { renderNewsSitemap, renderSitemapIndex, renderUrlset } from './xml'

const at = new Date(Date.UTC(2024, 7, 6, 7, 5, 9))
const hostile = 'Kopi & <Teh> "Manis" \'di\' Warung\u0008 \uD800 😀'

describe('sitemap XML', () => {
  it('an index is valid against siteindex.xsd', async () => {
    const xml = renderSitemapIndex([
      { loc: 'https://warta.example/sitemaps/berita.xml', lastmod: at },
      { loc: 'https://warta.example/sitemaps/label.xml' },
    ])
    expect(await xsdErrors(xml, 'siteindex')).toEqual([])
    expect(xml).toContain('<lastmod>2024-08-06T14:05:09+07:00</lastmod>')
  })

  it('a urlset with hostile text is valid against sitemap.xsd', async () => {
    const xml = renderUrlset([
      { loc: `https://warta.example/label/x?a=1&b=${encodeURIComponent("Kopi & <Teh>")}`, lastmod: at },
      { loc: 'https://warta.example/p/redaksi' },
    ])
    expect(await xsdErrors(xml, 'sitemap')).toEqual([])
    expect(xml).toContain('a=1&amp;b=')
  })

  it('a news sitemap is valid against the sitemap and Google News schemas', async () => {
    const xml = renderNewsSitemap('Warta Ranah', [{ loc: 'https://warta.example/2024/08/kopi', title: hostile, publishedAt: at }])
    expect(await xsdErrors(xml, 'news')).toEqual([])
    expect(xml).toContain('<news:language>id</news:language>')
    expect(xml).toContain('<news:title>Kopi &amp; &lt;Teh&gt; &quot;Manis&quot; &apos;di&apos; Warung  😀</news:title>')
  })

  it('the schemas do reject a broken file (the check is not vacuous)', async () => {
    expect(await xsdErrors('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>x</lastmod></url></urlset>', 'sitemap')).not.toEqual([])
    const noLanguage = renderNewsSitemap('W', [{ loc: 'https://warta.example/a/b', title: 't', publishedAt: at }]).replace('<news:language>id</news:language>', '')
    expect(await xsdErrors(noLanguage, 'news')).not.toEqual([])
  })
})

describe('sitemap file names', () => {
  it('round-trip and reject everything else', () => {
    const files: SitemapFile[] = [
      { kind: 'articles', year: 2021, month: 8, page: 1 },
      { kind: 'articles', year: 2021, month: 8, page: 3 },
      { kind: 'labels', page: 1 },
      { kind: 'authors', page: 2 },
      { kind: 'pages' },
      { kind: 'news' },
    ]
    for (const f of files) expect(parseSitemapFileName(sitemapFileName(f))).toEqual(f)
    expect(sitemapFileName(files[1]!)).toBe('artikel-2021-08-3.xml')
    for (const bad of ['artikel-2021-8.xml', 'artikel-2021-13.xml', 'artikel-2021-08-1.xml', 'artikel-2021-08-01.xml', 'label-0.xml', 'x.xml', '../etc']) {
      expect(parseSitemapFileName(bad), bad).toBeNull()
    }
  })
})
