import { describe, expect, it } from 'vitest'
import { buildMetadata } from './metadata'

describe('buildMetadata', () => {
  it('gives an article an absolute canonical URL, feeds, article Open Graph and a large image preview', () => {
    const m = buildMetadata({
      siteUrl: 'https://warta.example',
      siteName: 'Warta Ranah',
      title: 'Harga cabai naik | Warta Ranah',
      shareTitle: 'Harga cabai naik',
      description: 'Ringkasan',
      path: '/2024/08/harga-cabai',
      image: { url: '/media/2024/08/0123456789abcdef-1200.webp', width: 1200, height: 675, alt: 'Pasar' },
      siteFeedTitle: 'Warta Ranah: berita terbaru',
      feeds: [{ title: 'Ekonomi', path: '/label/ekonomi/feed.xml' }],
      article: {
        publishedTime: new Date('2024-08-06T07:05:00Z'),
        modifiedTime: null,
        section: 'Ekonomi',
        tags: ['Ekonomi'],
        authorUrl: 'https://warta.example/penulis/rahmi',
      },
    })
    expect(m.alternates?.canonical).toBe('https://warta.example/2024/08/harga-cabai')
    expect(m.alternates?.types?.['application/rss+xml']).toEqual([
      { title: 'Warta Ranah: berita terbaru', url: 'https://warta.example/feed.xml' },
      { title: 'Ekonomi', url: 'https://warta.example/label/ekonomi/feed.xml' },
    ])
    expect(m.robots).toMatchObject({ index: true, 'max-image-preview': 'large' })
    expect(m.openGraph).toMatchObject({
      type: 'article',
      publishedTime: '2024-08-06T07:05:00.000Z',
      section: 'Ekonomi',
      tags: ['Ekonomi'],
      images: [{ url: 'https://warta.example/media/2024/08/0123456789abcdef-1200.webp', width: 1200 }],
    })
    expect(m.twitter).toMatchObject({ card: 'summary_large_image' })
  })

  it('keeps search results out of the index', () => {
    const m = buildMetadata({ siteUrl: 'https://warta.example', siteName: 'W', title: 'Pencarian', description: 'd', path: '/cari', noindex: true })
    expect(m.robots).toEqual({ index: false, follow: true })
    expect(m.twitter).toMatchObject({ card: 'summary' })
  })

  it('without SITE_URL prints root-relative canonical and feed links and no guessed host', () => {
    const m = buildMetadata({
      siteUrl: null,
      siteName: 'Warta Ranah',
      title: 'Harga cabai naik | Warta Ranah',
      description: 'Ringkasan',
      path: '/2024/08/harga-cabai',
      image: { url: '/media/2024/08/0123456789abcdef-1200.webp', width: 1200, height: 675, alt: 'Pasar' },
      siteFeedTitle: 'Warta Ranah: berita terbaru',
    })
    expect(m.metadataBase).toBeUndefined()
    expect(m.alternates?.canonical).toBe('/2024/08/harga-cabai')
    expect(m.alternates?.types?.['application/rss+xml']).toEqual([{ title: 'Warta Ranah: berita terbaru', url: '/feed.xml' }])
    expect(m.openGraph).not.toHaveProperty('url')
    expect(m.openGraph).not.toHaveProperty('images')
    expect(m.twitter).not.toHaveProperty('images')
    expect(JSON.stringify(m)).not.toContain('localhost')
  })
})
