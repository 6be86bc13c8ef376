import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { getEnv } from '@/lib/env'
import { siteCardFileName } from './paths'
import { BRAND_COLOUR, ensureSiteCard, renderSiteCard, siteCardKey } from './site-card'
import { SHARE_SHAPE_NAMES, SHARE_SHAPES } from './sizes'

const input = { siteName: 'Kabar Lembah Harau', logoStorageKey: null }

describe('the site share card', () => {
  it('is drawn in every share shape as a JPEG of its exact size', async () => {
    for (const shape of SHARE_SHAPE_NAMES) {
      const meta = await sharp(await renderSiteCard(input, shape)).metadata()
      const s = SHARE_SHAPES[shape]
      expect({ width: meta.width, height: meta.height, format: meta.format }, shape).toEqual({ width: s.width, height: s.height, format: 'jpeg' })
    }
  })

  it('shows the name in white on the brand colour, under the logo', async () => {
    const card = await renderSiteCard(input, 'card')
    const { data, info } = await sharp(card).raw().toBuffer({ resolveWithObject: true })
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
    // A corner is the brand colour (JPEG may shift it a little).
    const brand = [1, 3, 5].map((i) => parseInt(BRAND_COLOUR.slice(i, i + 2), 16))
    pixel(5, 5).forEach((c, i) => expect(Math.abs(c - brand[i]!)).toBeLessThan(8))
    // The lower band, where the name is written, holds white text; the card is not just a colour.
    let white = 0
    for (let y = Math.round(info.height * 0.6); y < info.height; y++) {
      for (let x = 0; x < info.width; x++) if (pixel(x, y).every((c) => c > 235)) white++
    }
    expect(white).toBeGreaterThan(2000)
  })

  it('has a new key, and so a new file name, when the name or the logo changes', () => {
    const key = siteCardKey(input)
    expect(key).toMatch(/^[0-9a-f]{16}$/)
    expect(siteCardKey({ ...input })).toBe(key)
    expect(siteCardKey({ ...input, siteName: 'Kabar Lembah' })).not.toBe(key)
    expect(siteCardKey({ ...input, logoStorageKey: '2026/11/0123456789abcdef' })).not.toBe(key)
  })

  it('is written once, and the card of an earlier name goes a day after a new one is drawn', async () => {
    // The card's media key; the folder store keeps it under the uploads folder.
    const firstKey = (await ensureSiteCard(input, 'card'))!
    expect(firstKey).toBe(siteCardFileName(siteCardKey(input), 'card'))
    const first = path.join(getEnv().uploadsDir, firstKey)
    const mtime = fs.statSync(first).mtimeMs
    expect(await ensureSiteCard(input, 'card')).toBe(firstKey)
    expect(fs.statSync(first).mtimeMs).toBe(mtime)

    // Pages cached by a CDN may still name the old card for a while: it stays for a day.
    const second = path.join(getEnv().uploadsDir, (await ensureSiteCard({ ...input, siteName: 'Kabar Harau' }, 'card'))!)
    expect(fs.existsSync(second)).toBe(true)
    expect(fs.existsSync(first)).toBe(true)
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000)
    fs.utimesSync(first, dayAgo, dayAgo)
    await ensureSiteCard({ ...input, siteName: 'Kabar Harau Baru' }, 'card')
    expect(fs.existsSync(first)).toBe(false)
    expect(fs.existsSync(second)).toBe(true)
  })

  it('uses the brand colour of the site’s stylesheet', () => {
    const css = fs.readFileSync(path.resolve('app/globals.css'), 'utf8')
    expect(css).toContain(`--color-brand-700: ${BRAND_COLOUR};`)
  })
})
