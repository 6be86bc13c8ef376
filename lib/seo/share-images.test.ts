import { describe, expect, it } from 'vitest'
import { storyShareImages, siteCardShareImages } from './share-images'

const siteUrl = 'https://warta.example'
const fallback = siteCardShareImages('0123456789abcdef', 'Warta Ranah', siteUrl)

describe('storyShareImages', () => {
  it('gives a stored photo the three structured-data shapes and a 1200×630 card', () => {
    const images = storyShareImages({ kind: 'media', storageKey: '2026/11/00000000000000aa', width: 1600, height: 900, alt: 'Pasar pagi' }, fallback, siteUrl)
    expect(images).toEqual({
      card: { url: 'https://warta.example/media/2026/11/00000000000000aa-1200x630.jpg', width: 1200, height: 630, alt: 'Pasar pagi' },
      structured: [
        { url: 'https://warta.example/media/2026/11/00000000000000aa-1200x675.jpg', width: 1200, height: 675, alt: 'Pasar pagi' },
        { url: 'https://warta.example/media/2026/11/00000000000000aa-1200x900.jpg', width: 1200, height: 900, alt: 'Pasar pagi' },
        { url: 'https://warta.example/media/2026/11/00000000000000aa-1200x1200.jpg', width: 1200, height: 1200, alt: 'Pasar pagi' },
      ],
    })
  })

  it('asks Blogger’s CDN for the crops of an imported image, sizes undeclared', () => {
    const url = 'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi/s1600/pasar.jpg'
    const images = storyShareImages({ kind: 'url', url, alt: 'Pasar' }, fallback, siteUrl)
    expect(images.card).toEqual({ url: 'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi/w1200-h630-c/pasar.jpg', alt: 'Pasar' })
    expect(images.structured.map((i) => i.url)).toEqual([
      'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi/w1200-h675-c/pasar.jpg',
      'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi/w1200-h900-c/pasar.jpg',
      'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi/w1200-h1200-c/pasar.jpg',
    ])
    const suffixed = storyShareImages({ kind: 'url', url: 'https://lh3.googleusercontent.com/abc=s1600', alt: '' }, fallback, siteUrl)
    expect(suffixed.card.url).toBe('https://lh3.googleusercontent.com/abc=w1200-h630-c')
  })

  it('lets the site’s share image stand in for a story without a photo', () => {
    const images = storyShareImages(null, fallback, siteUrl)
    expect(images).toBe(fallback)
    expect(images.card).toEqual({ url: 'https://warta.example/media/site/share-0123456789abcdef-1200x630.jpg', width: 1200, height: 630, alt: 'Warta Ranah' })
    expect(images.structured.map((i) => [i.width, i.height])).toEqual([[1200, 675], [1200, 900], [1200, 1200]])
  })

  it('passes an image kept at another address through as it is', () => {
    const images = storyShareImages({ kind: 'url', url: 'https://foto.example/a.jpg', alt: 'A' }, fallback, siteUrl)
    expect(images).toEqual({ card: { url: 'https://foto.example/a.jpg', alt: 'A' }, structured: [{ url: 'https://foto.example/a.jpg', alt: 'A' }] })
  })
})
