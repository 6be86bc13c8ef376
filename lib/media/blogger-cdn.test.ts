import { describe, expect, it } from 'vitest'
import expected from '@/tests/fixtures/blogger/expected.json'
import { bloggerImageAtSize, isBloggerCdnUrl } from './blogger-cdn'

describe('bloggerImageAtSize', () => {
  const images = expected.posts.flatMap((p) => p.images)

  it('finds the original of every image shape in the fixtures (path segment, suffix, legacy host)', () => {
    expect(images.length).toBeGreaterThan(10)
    for (const image of images) {
      for (const url of [image.displayed, image.linked, image.thumbnail]) {
        expect(bloggerImageAtSize(url, 's0')).toBe(image.originalSize)
      }
    }
  })

  it('asks the CDN for a width', () => {
    expect(bloggerImageAtSize('https://1.bp.blogspot.com/-a/b/c/d/s1600/x.jpg', 'w480')).toBe('https://1.bp.blogspot.com/-a/b/c/d/w480/x.jpg')
    expect(bloggerImageAtSize('https://blogger.googleusercontent.com/img/a/AVvXsE=w400-h266', 'w480')).toBe(
      'https://blogger.googleusercontent.com/img/a/AVvXsE=w480',
    )
  })

  it('keeps the query string and the rest of the address byte for byte', () => {
    expect(bloggerImageAtSize('https://1.bp.blogspot.com/-a/b/AAAA/c/s320/foto%20x.jpg?imgmax=800', 's0')).toBe(
      'https://1.bp.blogspot.com/-a/b/AAAA/c/s0/foto%20x.jpg?imgmax=800',
    )
    expect(bloggerImageAtSize('https://lh3.googleusercontent.com/-a/b/c/d/w1200-h630-p-k-no-nu/x.png', 's0')).toBe(
      'https://lh3.googleusercontent.com/-a/b/c/d/s0/x.png',
    )
  })

  it('leaves every other URL alone', () => {
    for (const url of [
      'https://example.com/s1600/x.jpg',
      'https://cdn.example/img=w400-h266',
      'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEabc-def/foto.jpg',
      'https://blogger.googleusercontent.com/img/a/AVvXsE',
      '/s1600/foto.jpg',
      '/media/2026/11/abc',
      'not a url',
    ]) {
      expect(bloggerImageAtSize(url, 's0')).toBe(url)
    }
    expect(isBloggerCdnUrl('https://evil.example/?x=bp.blogspot.com')).toBe(false)
  })
})
