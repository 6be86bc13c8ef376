import { describe, expect, it } from 'vitest'
import { checkRss, wellFormednessErrors } from '@/tests/xml'
import { renderRss, type RssItem } from './rss'

const item = (n: number, over: Partial<RssItem> = {}): RssItem => ({
  title: `Berita ${n} & <lainnya>`,
  link: `https://warta.example/2024/08/berita-${n}`,
  guid: `warta.example:article:${n}`,
  description: 'Ringkasan',
  contentHtml: '<p>Isi <a href="https://warta.example/p/kontak">lengkap</a></p>]]>',
  pubDate: new Date(Date.UTC(2024, 7, 6, 7, 5)),
  creator: 'Rahmi',
  categories: ['Ekonomi'],
  enclosure: { url: 'https://warta.example/media/2024/08/0123456789abcdef-1200.webp', length: 12345, type: 'image/webp' },
  ...over,
})

describe('renderRss', () => {
  it('writes a well-formed RSS 2.0 document with every required element', async () => {
    const xml = renderRss(
      {
        title: 'Warta Ranah',
        link: 'https://warta.example/',
        description: 'Kabar',
        selfUrl: 'https://warta.example/feed.xml',
        lastBuildDate: new Date(Date.UTC(2024, 7, 6, 8)),
        image: { url: 'https://warta.example/logo.png', title: 'Warta Ranah', link: 'https://warta.example/' },
      },
      [item(1), item(2, { enclosure: null, categories: [] })],
    )
    expect(await wellFormednessErrors(xml)).toEqual([])
    const rss = checkRss(xml)
    expect(rss.problems).toEqual([])
    expect(rss.selfLink).toBe('https://warta.example/feed.xml')
    expect(rss.items[0]).toMatchObject({
      title: 'Berita 1 & <lainnya>',
      pubDate: 'Tue, 06 Aug 2024 14:05:00 +0700',
      content: '<p>Isi <a href="https://warta.example/p/kontak">lengkap</a></p>]]>',
    })
  })

  it('the checker finds what the specification requires', () => {
    const broken = '<rss version="0.91"><channel><title>x</title><item><pubDate>6 Aug 2024</pubDate><enclosure url="u"/></item></channel></rss>'
    expect(checkRss(broken).problems).toEqual(
      expect.arrayContaining([
        'rss version is not 2.0',
        'channel has no link',
        'channel has no description',
        'item 0 pubDate not RFC 822: 6 Aug 2024',
        'item 0 enclosure has no length',
      ]),
    )
  })
})
