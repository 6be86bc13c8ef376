import { describe, expect, it } from 'vitest'
import imageLoader, { mediaSrc } from './image-loader'

const key = '2026/01/0123456789abcdef'

describe('image loader', () => {
  it('points a stored image at the smallest variant at least as wide as asked', () => {
    const src = mediaSrc(key)
    expect(src).toBe('/media/2026/01/0123456789abcdef')
    expect(imageLoader({ src, width: 320 })).toBe(`/media/${key}-320.webp`)
    expect(imageLoader({ src, width: 500, quality: 75 })).toBe(`/media/${key}-640.webp`)
    expect(imageLoader({ src, width: 1200 })).toBe(`/media/${key}-1200.webp`)
    expect(imageLoader({ src, width: 3840 })).toBe(`/media/${key}-1200.webp`)
  })

  it('re-points a src that already names a variant', () => {
    expect(imageLoader({ src: `/media/${key}-320.webp`, width: 960 })).toBe(`/media/${key}-960.webp`)
  })

  it("asks Blogger's CDN for the width, for images an import kept there", () => {
    const url = 'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE/s0/photo.jpg'
    expect(imageLoader({ src: url, width: 500 })).toBe('https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE/w640/photo.jpg')
    expect(imageLoader({ src: 'https://blogger.googleusercontent.com/img/a/AVvXsE=s0', width: 3840 })).toBe(
      'https://blogger.googleusercontent.com/img/a/AVvXsE=w1200',
    )
  })

  it('serves a share image or the site card as it is: they come in one size only', () => {
    for (const src of [`/media/${key}-1200x630.jpg`, '/media/site/share-0123456789abcdef-1200x630.jpg']) {
      expect(imageLoader({ src, width: 640 })).toBe(src)
    }
  })

  it('leaves other absolute URLs unchanged', () => {
    const url = 'https://blogger.googleusercontent.com/img/a/photo.jpg'
    expect(imageLoader({ src: url, width: 640 })).toBe(url)
    expect(imageLoader({ src: 'http://example.com/x.png', width: 320 })).toBe('http://example.com/x.png')
  })
})
