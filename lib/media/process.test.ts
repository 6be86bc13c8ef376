import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { getEnv } from '@/lib/env'
import { shareFileName, STORAGE_KEY_PATTERN } from './paths'
import { detectImageType, ImageTooLargeError, MAX_IMAGE_BYTES, NotAnImageError, storeImage } from './process'
import { MEDIA_WIDTHS, SHARE_SHAPE_NAMES, SHARE_SHAPES } from './sizes'

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/images', name))
const variantFile = (storageKey: string, width: number) =>
  path.join(getEnv().uploadsDir, `${storageKey}-${width}.webp`)
const listUploads = () =>
  fs.existsSync(getEnv().uploadsDir) ? fs.readdirSync(getEnv().uploadsDir, { recursive: true }) : []

describe('detectImageType', () => {
  it('recognises JPEG, PNG, WebP and GIF by their magic bytes', async () => {
    const pixel = sharp({ create: { width: 2, height: 2, channels: 3, background: '#336699' } })
    expect(detectImageType(await pixel.clone().jpeg().toBuffer())).toBe('image/jpeg')
    expect(detectImageType(await pixel.clone().png().toBuffer())).toBe('image/png')
    expect(detectImageType(await pixel.clone().webp().toBuffer())).toBe('image/webp')
    expect(detectImageType(await pixel.clone().gif().toBuffer())).toBe('image/gif')
  })

  it('calls HTML renamed to .jpg, SVG and empty files not an image', () => {
    expect(detectImageType(fixture('not-an-image.jpg'))).toBeNull()
    expect(detectImageType(fixture('script.svg'))).toBeNull()
    expect(detectImageType(Buffer.alloc(0))).toBeNull()
    expect(detectImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull()
  })
})

describe('storeImage', () => {
  it('writes every width as WebP with the EXIF orientation applied and no metadata left', async () => {
    const input = fixture('exif-gps.jpg')
    const before = await sharp(input).metadata()
    // The fixture really carries what we must strip: a camera name, GPS and a rotation.
    expect(before.orientation).toBe(6)
    expect(before.exif?.toString('latin1')).toContain('WartaTestCam')

    const stored = await storeImage(input, { originalName: 'C:\\fakepath\\IMG_0001.jpg' })

    expect(stored.storageKey).toMatch(STORAGE_KEY_PATTERN)
    expect(stored.mime).toBe('image/webp')
    expect(stored.variants).toEqual([...MEDIA_WIDTHS])
    expect(stored.originalName).toBe('IMG_0001.jpg')
    // 640×480 stored sideways (orientation 6) is a 480×640 portrait; it is never enlarged.
    expect([stored.width, stored.height]).toEqual([480, 640])

    let total = 0
    for (const width of MEDIA_WIDTHS) {
      const file = variantFile(stored.storageKey, width)
      const bytes = fs.readFileSync(file)
      total += bytes.length
      const meta = await sharp(bytes).metadata()
      expect(meta.format).toBe('webp')
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      expect(meta.iptc).toBeUndefined()
      expect(meta.icc).toBeUndefined()
      expect(meta.orientation).toBeUndefined()
      expect(bytes.toString('latin1')).not.toMatch(/Exif|WartaTestCam|Secret Model/)
      expect(meta.width).toBe(Math.min(width, 480))
      expect(meta.height).toBe(Math.round((Math.min(width, 480) * 640) / 480))
    }
    expect(stored.bytes).toBe(total)
  })

  it('writes the share images too: each shape at its exact size, cropped from the photo, without metadata', async () => {
    const input = fixture('exif-gps.jpg')
    const stored = await storeImage(input, {})
    for (const shape of SHARE_SHAPE_NAMES) {
      const bytes = fs.readFileSync(path.join(getEnv().uploadsDir, shareFileName(stored.storageKey, shape)))
      const meta = await sharp(bytes).metadata()
      const s = SHARE_SHAPES[shape]
      expect({ width: meta.width, height: meta.height, format: meta.format }, shape).toEqual({ width: s.width, height: s.height, format: 'jpeg' })
      expect(meta.exif, shape).toBeUndefined()
      expect(bytes.toString('latin1'), shape).not.toMatch(/WartaTestCam|Secret Model/)
    }
  })

  it('scales a large landscape down to 1200 wide, keeping its aspect ratio', async () => {
    const big = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#88aa44' } })
      .png()
      .toBuffer()
    const stored = await storeImage(big, {})
    expect([stored.width, stored.height]).toEqual([1200, 675])
    const small = await sharp(variantFile(stored.storageKey, 320)).metadata()
    expect([small.width, small.height]).toEqual([320, 180])
  })

  it('keeps transparency of a PNG', async () => {
    const png = await sharp({ create: { width: 400, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer()
    const stored = await storeImage(png, {})
    expect((await sharp(variantFile(stored.storageKey, 480)).metadata()).hasAlpha).toBe(true)
  })

  it('accepts WebP and GIF uploads', async () => {
    const pixels = sharp({ create: { width: 500, height: 250, channels: 3, background: '#c84' } })
    for (const buf of [await pixels.clone().webp().toBuffer(), await pixels.clone().gif().toBuffer()]) {
      const stored = await storeImage(buf, {})
      expect([stored.width, stored.height]).toEqual([500, 250])
      expect(fs.existsSync(variantFile(stored.storageKey, 1200))).toBe(true)
    }
  })

  it('refuses an HTML file renamed to .jpg and an SVG with script, writing nothing', async () => {
    const uploadsBefore = listUploads().length
    await expect(storeImage(fixture('not-an-image.jpg'), { originalName: 'not-an-image.jpg' })).rejects.toBeInstanceOf(
      NotAnImageError,
    )
    await expect(storeImage(fixture('script.svg'), { originalName: 'script.svg' })).rejects.toBeInstanceOf(
      NotAnImageError,
    )
    expect(listUploads().length).toBe(uploadsBefore)
  })

  it('refuses a JPEG header followed by garbage', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html>not really</html>')])
    await expect(storeImage(fake, {})).rejects.toBeInstanceOf(NotAnImageError)
  })

  it('refuses files over 10 MB before decoding them', async () => {
    const huge = Buffer.alloc(MAX_IMAGE_BYTES + 1)
    huge.set([0xff, 0xd8, 0xff])
    await expect(storeImage(huge, {})).rejects.toMatchObject({ name: 'ImageTooLargeError', limit: 'bytes' })
  })

  it('refuses a decompression bomb (a 235-byte PNG claiming 40000×40000 pixels)', async () => {
    const error = await storeImage(fixture('pixel-bomb.png'), {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImageTooLargeError)
    expect(error).toMatchObject({ limit: 'pixels', reason: 'too-large' })
  })
})
