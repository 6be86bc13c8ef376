import { describe, expect, it } from 'vitest'
import { createMedia, getMedia, getMediaOwner, updateMediaText } from './media'

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

  it('reads an image’s uploader and updates its text, or reports a missing image', () => {
    const { id } = createMedia({ storageKey: '2026/01/00000000000000aa', mime: 'image/webp', width: 1, height: 1, bytes: 1, variants: [320] })
    expect(getMediaOwner(id)).toEqual({ id, uploadedBy: null })
    expect(updateMediaText(id, 'Alt', 'Keterangan')).toEqual({ articleIds: [] })
    expect(getMedia(id)).toMatchObject({ alt: 'Alt', caption: 'Keterangan' })
    expect(getMediaOwner(987654)).toBeNull()
    expect(updateMediaText(987654, 'a', 'b')).toBeNull()
  })
})
