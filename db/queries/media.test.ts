import { describe, expect, it } from 'vitest'
import { createMedia, getMedia } from './media'

describe('media queries', () => {
  it('creates a media row and reads back what a page needs', () => {
    const { id } = createMedia({
      storageKey: '2026/01/0123456789abcdef',
      mime: 'image/webp',
      width: 1200,
      height: 675,
      bytes: 12345,
      variants: [320, 480, 640, 960, 1200],
      originalName: 'sawah.jpg',
      alt: 'Sawah berjenjang',
      caption: 'Petani menanam padi.',
    })
    expect(getMedia(id)).toEqual({
      id,
      storageKey: '2026/01/0123456789abcdef',
      width: 1200,
      height: 675,
      variants: [320, 480, 640, 960, 1200],
      alt: 'Sawah berjenjang',
      caption: 'Petani menanam padi.',
    })
  })

  it('returns null for an unknown id', () => {
    expect(getMedia(987654)).toBeNull()
  })
})
