import 'server-only'
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { mediaFileName, SITE_CARD_FILE_PATTERN, siteCardFileName } from './paths'
import { ensureUploadFile, encodeShareImage } from './share'
import { SHARE_SHAPE_NAMES, SHARE_SHAPES, type ShareShape } from './sizes'
import { getMediaStorage } from './storage'

/*
 * The site's own share image: the logo on a white plate above the site name, on the brand
 * colour, in every share shape. It stands in for stories without a photo (and for a newsroom
 * that has not chosen a share photo in the settings). Files are named by a hash of what they
 * show, so a new logo or name is a new URL: nothing cached by a crawler or a CDN goes stale,
 * and the /media route makes the files for the current name on first request.
 */

/** Bump when the drawing changes: every site gets new files and URLs. */
const CARD_VERSION = 1

/** --color-brand-700 in app/globals.css (site-card.test.ts keeps the two equal). */
export const BRAND_COLOUR = '#912018'

/** Shipped in public/: the logo until the newsroom uploads one (lib/seo/publisher.ts). */
const DEFAULT_LOGO = path.join(process.cwd(), 'public', 'logo.png')
/** The stored variant the card draws an uploaded logo from. */
const LOGO_VARIANT_WIDTH = 640
/**
 * How long the card of an earlier name or logo is kept: a CDN may serve a page naming it for
 * up to s-maxage + stale-while-revalidate (lib/http/conditional.ts, 65 minutes).
 */
const RETAIN_REPLACED_MS = 24 * 60 * 60 * 1000

export type SiteCardInput = {
  siteName: string
  /** The uploaded logo's storage key; null draws the default logo. */
  logoStorageKey: string | null
}

/** 16 hex digits naming the card for this name and logo. */
export function siteCardKey(input: SiteCardInput): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([CARD_VERSION, BRAND_COLOUR, input.siteName, input.logoStorageKey]))
    .digest('hex')
    .slice(0, 16)
}

async function readLogo(storageKey: string | null): Promise<Buffer> {
  if (storageKey) {
    const logo = await getMediaStorage().read(mediaFileName(storageKey, LOGO_VARIANT_WIDTH))
    // A logo whose files are gone still gets a card, with the default logo.
    if (logo) return logo
  }
  return fs.readFile(DEFAULT_LOGO)
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The name in white, bold, wrapped and sized by Pango to fill its box (sharp's text input). */
async function renderName(name: string, box: { width: number; height: number }) {
  return sharp({
    text: {
      text: `<span foreground="#ffffff">${escapeMarkup(name)}</span>`,
      font: 'sans-serif Bold',
      width: box.width,
      height: box.height,
      align: 'centre',
      wrap: 'word',
      rgba: true,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true })
}

/** Draws the card in one shape: a JPEG of exactly the shape's size. */
export async function renderSiteCard(input: SiteCardInput, shape: ShareShape): Promise<Buffer> {
  const { width: W, height: H } = SHARE_SHAPES[shape]
  const pad = Math.round(H * 0.04)
  // The logo, fitted into the upper part of the card, on a white plate so that a logo in the
  // brand colour (the default one is) still stands out.
  const logo = await sharp(await readLogo(input.logoStorageKey))
    .resize({ width: Math.round(W * 0.6), height: Math.round(H * 0.34), fit: 'inside' })
    .png()
    .toBuffer({ resolveWithObject: true })
  const plate = { width: logo.info.width + 2 * pad, height: logo.info.height + 2 * pad }
  const plateSvg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${plate.width}" height="${plate.height}">` +
      `<rect width="100%" height="100%" rx="${pad}" fill="#ffffff"/></svg>`,
  )
  const name = await renderName(input.siteName, { width: Math.round(W * 0.84), height: Math.round(H * 0.22) })

  const gap = Math.round(H * 0.07)
  const top = Math.round((H - (plate.height + gap + name.info.height)) / 2)
  const plateLeft = Math.round((W - plate.width) / 2)
  const card = sharp({ create: { width: W, height: H, channels: 3, background: BRAND_COLOUR } }).composite([
    { input: plateSvg, left: plateLeft, top },
    { input: logo.data, left: plateLeft + pad, top: top + pad },
    { input: name.data, left: Math.round((W - name.info.width) / 2), top: top + plate.height + gap },
  ])
  // Flattened first: composite() runs last in a sharp pipeline, after any resize.
  const flat = await card.png().toBuffer()
  return encodeShareImage(sharp(flat), { width: W, height: H }, shape, { crisp: true })
}

/**
 * The card's media key for `input` in `shape`, drawn on first request; files of earlier names and
 * logos are removed a day after they were drawn, once a newer card exists.
 */
export async function ensureSiteCard(input: SiteCardInput, shape: ShareShape): Promise<string | null> {
  const key = siteCardKey(input)
  const file = await ensureUploadFile(siteCardFileName(key, shape), () => renderSiteCard(input, shape))
  await removeOtherCards(key)
  return file
}

/** Draws every shape of the current card (after a settings change), so no crawler waits for one. */
export async function prepareSiteCard(input: SiteCardInput): Promise<void> {
  for (const shape of SHARE_SHAPE_NAMES) await ensureSiteCard(input, shape)
}

async function removeOtherCards(currentKey: string): Promise<void> {
  const storage = getMediaStorage()
  const cutoff = Date.now() - RETAIN_REPLACED_MS
  const cards = await storage.list('site/')
  await Promise.all(
    cards.map(async ({ key, modifiedAt }) => {
      const m = SITE_CARD_FILE_PATTERN.exec(key)
      if (!m || m[1] === currentKey) return
      if (modifiedAt.getTime() < cutoff) await storage.delete(key)
    }),
  )
}
