import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { drawIcon, icoFromPngs } from './site-icons'

const shippedLogo = fs.readFileSync(path.resolve('public/logo.png'))

async function pixel(png: Buffer, x: number, y: number) {
  const { data } = await sharp(png).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true })
  return [data[0], data[1], data[2]]
}

describe('site icons', () => {
  it('draws a square logo edge to edge at the asked size', async () => {
    const png = await drawIcon(shippedLogo, 192)
    const meta = await sharp(png).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 192, 192])
    // The shipped logo is the brand red to its corners.
    expect(await pixel(png, 0, 0)).toEqual(await pixel(await sharp(shippedLogo).png().toBuffer(), 0, 0))
  })

  it('fits a wide word mark inside a square on its own background, within the maskable safe zone', async () => {
    const wordmark = await sharp({ create: { width: 600, height: 120, channels: 3, background: '#ffffff' } })
      .composite([{ input: await sharp({ create: { width: 560, height: 80, channels: 3, background: '#003366' } }).png().toBuffer(), left: 20, top: 20 }])
      .png()
      .toBuffer()
    const png = await drawIcon(wordmark, 512, { safeZone: true })
    expect((await sharp(png).metadata()).width).toBe(512)
    expect(await pixel(png, 256, 0)).toEqual([255, 255, 255])
    expect(await pixel(png, 256, 256)).toEqual([0, 51, 102])
    // Nothing but background in the outer 10% that a round mask may cut away.
    expect(await pixel(png, 40, 256)).toEqual([255, 255, 255])
  })

  it('packs PNGs into an ICO file that names each size', async () => {
    const images = await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await drawIcon(shippedLogo, size) })))
    const ico = icoFromPngs(images)
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3])
    for (const [i, { size, png }] of images.entries()) {
      const entry = 6 + 16 * i
      expect(ico.readUInt8(entry)).toBe(size)
      expect(ico.readUInt32LE(entry + 8)).toBe(png.length)
      const offset = ico.readUInt32LE(entry + 12)
      expect(ico.subarray(offset, offset + png.length).equals(png)).toBe(true)
    }
  })
})
