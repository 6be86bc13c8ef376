import { describe, expect, it } from 'vitest'
import { createMedia, getMedia, getMediaOwner, updateMediaText } from './media'

describe('media queries', () => {
  it('creates a media row and reads back what a page needs', async () => {
    const { id } = await createMedia({
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
    expect(await getMedia(id)).toEqual({
      id,
      storageKey: '2026/01/0123456789abcdef',
      width: 1200,
      height: 675,
      variants: [320, 480, 640, 960, 1200],
      alt: 'Sawah berjenjang',
      caption: 'Petani menanam padi.',
    })
  })

  it('returns null for an unknown id', async () => {
    expect(await getMedia(987654)).toBeNull()
  })

  it('reads an image’s uploader and updates its text, or reports a missing image', async () => {
    const { id } = await createMedia({ storageKey: '2026/01/00000000000000aa', mime: 'image/webp', width: 1, height: 1, bytes: 1, variants: [320] })
    expect(await getMediaOwner(id)).toEqual({ id, uploadedBy: null })
    expect(await updateMediaText(id, 'Alt', 'Keterangan')).toEqual({ articleIds: [] })
    expect(await getMedia(id)).toMatchObject({ alt: 'Alt', caption: 'Keterangan' })
    expect(await getMediaOwner(987654)).toBeNull()
    expect(await updateMediaText(987654, 'a', 'b')).toBeNull()
  })
})
