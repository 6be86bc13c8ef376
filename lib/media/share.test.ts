import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { cropAround, encodeShareImage, findFocus } from './share'

describe('cropAround', () => {
  it('takes the largest rectangle of the shape, centred on the focus', () => {
    // A 1600×900 landscape: the square is its full height, around a focus at 60 % of the width.
    expect(cropAround(1600, 900, 'square', { x: 0.6, y: 0.5 })).toEqual({ left: 510, top: 0, width: 900, height: 900 })
    // 4:3 out of 16:9 keeps the height too; 16:9 out of 16:9 is the whole picture.
    expect(cropAround(1600, 900, 'standard', { x: 0.5, y: 0.5 })).toEqual({ left: 200, top: 0, width: 1200, height: 900 })
    expect(cropAround(1600, 900, 'wide', { x: 0.1, y: 0.9 })).toEqual({ left: 0, top: 0, width: 1600, height: 900 })
  })

  it('stops at the edges rather than leave the picture', () => {
    expect(cropAround(1600, 900, 'square', { x: 1, y: 0 })).toEqual({ left: 700, top: 0, width: 900, height: 900 })
    expect(cropAround(900, 1600, 'card', { x: 0.5, y: 0 })).toEqual({ left: 0, top: 0, width: 900, height: 473 })
    expect(cropAround(900, 1600, 'card', { x: 0.5, y: 1 })).toEqual({ left: 0, top: 1127, width: 900, height: 473 })
  })
})

describe('findFocus and encodeShareImage', () => {
  it('crop a square around what stands out, at the exact size, as JPEG', async () => {
    // A grey field with one bright red disc on the right: the square must hold the disc.
    const disc = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><circle cx="120" cy="120" r="110" fill="#e11"/></svg>')
    const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#888' } })
      .composite([{ input: disc, left: 1300, top: 330 }])
      .png()
      .toBuffer()
    const focus = await findFocus(sharp(png))
    expect(focus.x).toBeCloseTo(1420 / 1600, 1)
    expect(focus.y).toBeCloseTo(450 / 900, 1)
    // Through JPEG too, which sharp may shrink on load.
    const viaJpeg = await findFocus(sharp(await sharp(png).jpeg().toBuffer()))
    expect(viaJpeg.x).toBeCloseTo(focus.x, 1)
    const square = await encodeShareImage(sharp(png), { width: 1600, height: 900 }, 'square', { focus })
    const { data, info } = await sharp(square).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height, (await sharp(square).metadata()).format]).toEqual([1200, 1200, 'jpeg'])
    let red = 0
    for (let i = 0; i < data.length; i += info.channels) if (data[i]! > 180 && data[i + 1]! < 80) red++
    expect(red).toBeGreaterThan(10_000)
  })
})
