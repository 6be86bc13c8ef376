import { describe, expect, it } from 'vitest'
import { articleJsonLd, breadcrumbJsonLd, organizationJsonLd, serializeJsonLd, webSiteJsonLd } from './json-ld'
import type { Publisher } from './publisher'

const publisher: Publisher = {
  name: 'Warta Ranah',
  url: 'https://warta.example/',
  logo: { url: 'https://warta.example/logo.png', width: 512, height: 512 },
  sameAs: ['https://www.facebook.com/wartaranah'],
  contactUrl: 'https://warta.example/p/kontak',
}

const input = {
  url: 'https://warta.example/2024/08/harga-cabai',
  headline: 'Harga cabai naik',
  description: 'Ringkasan',
  images: [{ url: 'https://warta.example/media/2024/08/0123456789abcdef-1200.webp', width: 1200, height: 675 }],
  publishedAt: new Date('2024-08-06T07:05:00Z'),
  modifiedAt: new Date('2024-08-06T09:00:00Z'),
  author: { name: 'Rahmi', url: 'https://warta.example/penulis/rahmi' },
  section: 'Ekonomi',
  keywords: ['Ekonomi', 'Pasar'],
  isSponsored: false,
  sponsorName: '',
  needsVerification: false,
}

describe('articleJsonLd', () => {
  it('describes a story as a NewsArticle with everything Google asks for', () => {
    expect(articleJsonLd(input, publisher)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Harga cabai naik',
      description: 'Ringkasan',
      image: [{ '@type': 'ImageObject', url: input.images[0]!.url, width: 1200, height: 675 }],
      datePublished: '2024-08-06T07:05:00.000Z',
      dateModified: '2024-08-06T09:00:00.000Z',
      author: [{ '@type': 'Person', name: 'Rahmi', url: 'https://warta.example/penulis/rahmi' }],
      publisher: { '@type': 'NewsMediaOrganization', name: 'Warta Ranah', logo: { '@type': 'ImageObject', url: publisher.logo.url } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
      articleSection: 'Ekonomi',
      keywords: ['Ekonomi', 'Pasar'],
    })
  })

  it('marks an advertorial as advertiser content with its sponsor, not as news', () => {
    const ld = articleJsonLd({ ...input, isSponsored: true, sponsorName: 'PT Contoh' }, publisher)
    expect(ld['@type']).toBe('AdvertiserContentArticle')
    expect(ld.sponsor).toEqual({ '@type': 'Organization', name: 'PT Contoh' })
  })

  it('says first in its description that a story still needs verification', () => {
    const ld = articleJsonLd({ ...input, needsVerification: true }, publisher)
    expect(ld.description).toBe('Berita ini masih memerlukan verifikasi. Ringkasan')
    expect(ld['@type']).toBe('NewsArticle')
  })

  it('never dates a modification before publication', () => {
    expect(articleJsonLd({ ...input, modifiedAt: null }, publisher).dateModified).toBe('2024-08-06T07:05:00.000Z')
  })
})

describe('other structured data', () => {
  it('breadcrumbs, search action and organisation', () => {
    expect(breadcrumbJsonLd([{ name: 'Beranda', url: 'https://warta.example/' }, { name: 'Ekonomi', url: 'https://warta.example/label/ekonomi' }])).toMatchObject({
      '@type': 'BreadcrumbList',
      itemListElement: [{ position: 1, name: 'Beranda' }, { position: 2, item: 'https://warta.example/label/ekonomi' }],
    })
    expect(webSiteJsonLd(publisher, 'Kabar', 'https://warta.example/cari?q={search_term_string}')).toMatchObject({
      '@type': 'WebSite',
      potentialAction: { '@type': 'SearchAction', target: { urlTemplate: 'https://warta.example/cari?q={search_term_string}' }, 'query-input': 'required name=search_term_string' },
    })
    expect(organizationJsonLd(publisher, 'redaksi')).toMatchObject({
      '@type': 'NewsMediaOrganization',
      name: 'Warta Ranah',
      logo: { url: publisher.logo.url },
      sameAs: publisher.sameAs,
      contactPoint: { '@type': 'ContactPoint', url: publisher.contactUrl },
    })
  })

  it('serialises so that no string can close the script element', () => {
    const out = serializeJsonLd({ headline: '</script><script>alert(1)</script>' })
    expect(out).not.toContain('</script')
    expect(JSON.parse(out)).toEqual({ headline: '</script><script>alert(1)</script>' })
  })
})
