import 'server-only'
import fs from 'node:fs/promises'
import path from 'node:path'
import { cacheLife, cacheTag } from 'next/cache'
import sharp from 'sharp'
import { getSiteChrome } from '@/components/site/site-data'
import { getMedia } from '@/db/queries/media'
import { TAGS } from '@/lib/cache-tags'
import { conditionalResponse, etagOf, SITEMAP_POLICY } from '@/lib/http/conditional'
import { mediaFileName } from '@/lib/media/paths'
import { getMediaStorage } from '@/lib/media/storage'
import { ICON_PATHS } from './icon-paths'

/*
 * The site's icons, drawn from its logo at run time: the uploaded one (settings `logo_media_id`)
 * or the shipped public/logo.png. Cached in memory under the `site` tag, which a settings change
 * expires, so a new logo becomes the favicon and the home-screen icon without a rebuild.
 */

export type IconName = 'favicon.ico' | 'apple-touch-icon.png' | 'icon-192.png' | 'icon-512.png' | 'icon-maskable-512.png'


export type CachedIcon = { base64: string; etag: string; contentType: string }

type Rgb = { r: number; g: number; b: number }

const DEFAULT_LOGO = 'public/logo.png'
const FAVICON_SIZES = [16, 32, 48] as const

/** The logo's bytes: the largest stored variant of the uploaded logo, else the shipped one. */
async function readLogo(): Promise<Buffer> {
  const chrome = await getSiteChrome()
  const media = chrome.logoMediaId ? (await getMedia(chrome.logoMediaId)) : null
  const width = media?.variants.length ? Math.max(...media.variants) : null
  if (media && width) {
    try {
      const logo = await getMediaStorage().read(mediaFileName(media.storageKey, width))
      if (logo) return logo
    } catch {
      // Unreadable, like a logo whose files are gone: the shipped icon is better than none.
    }
  }
  return fs.readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), DEFAULT_LOGO))
}

/** The colour of the logo's top-left corner over white: the background a padded icon is drawn on. */
async function cornerColour(logo: Buffer): Promise<Rgb> {
  const { data } = await sharp(logo).flatten({ background: '#ffffff' }).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true })
  return { r: data[0]!, g: data[1]!, b: data[2]! }
}

/**
 * A square PNG of the logo. A square logo fills it edge to edge; a wide one (a word mark) is
 * fitted inside on its own background. `safeZone` keeps everything inside the middle 80%,
 * which Android's maskable icons may crop to a circle.
 */
export async function drawIcon(logo: Buffer, size: number, opts: { safeZone?: boolean } = {}): Promise<Buffer> {
  const meta = await sharp(logo).metadata()
  const ratio = (meta.width ?? 1) / (meta.height ?? 1)
  const isSquare = ratio > 0.9 && ratio < 1.1
  const background = await cornerColour(logo)
  const padding = opts.safeZone ? 0.1 : isSquare ? 0 : 0.08
  if (padding === 0) {
    return sharp(logo).flatten({ background }).resize(size, size, { fit: 'cover' }).png().toBuffer()
  }
  const inner = Math.round(size * (1 - 2 * padding))
  const fitted = await sharp(logo).flatten({ background }).resize(inner, inner, { fit: 'contain', background }).png().toBuffer()
  return sharp({ create: { width: size, height: size, channels: 3, background } })
    .composite([{ input: fitted, gravity: 'centre' }])
    .png()
    .toBuffer()
}

/** An ICO file holding PNG images (the format every browser since 2007 reads). */
export function icoFromPngs(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt8(0, entry + 2)
    header.writeUInt8(0, entry + 3)
    header.writeUInt16LE(1, entry + 4)
    header.writeUInt16LE(32, entry + 6)
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((i) => i.png)])
}

async function render(name: IconName, logo: Buffer): Promise<{ bytes: Buffer; contentType: string }> {
  switch (name) {
    case 'favicon.ico': {
      const images = await Promise.all(FAVICON_SIZES.map(async (size) => ({ size, png: await drawIcon(logo, size) })))
      return { bytes: icoFromPngs(images), contentType: 'image/x-icon' }
    }
    case 'apple-touch-icon.png':
      return { bytes: await drawIcon(logo, 180), contentType: 'image/png' }
    case 'icon-192.png':
      return { bytes: await drawIcon(logo, 192), contentType: 'image/png' }
    case 'icon-512.png':
      return { bytes: await drawIcon(logo, 512), contentType: 'image/png' }
    case 'icon-maskable-512.png':
      return { bytes: await drawIcon(logo, 512, { safeZone: true }), contentType: 'image/png' }
  }
}

/** One icon, drawn once and kept until the site settings change. */
export async function loadIcon(name: IconName): Promise<CachedIcon> {
  'use cache'
  cacheLife('max')
  cacheTag(TAGS.site)
  const { bytes, contentType } = await render(name, await readLogo())
  const base64 = bytes.toString('base64')
  return { base64, etag: etagOf(base64), contentType }
}

/** The web app manifest: what Android shows after "Tambahkan ke layar utama". */
export async function loadManifest(): Promise<{ json: string; etag: string }> {
  'use cache'
  cacheLife('max')
  cacheTag(TAGS.site)
  const chrome = await getSiteChrome()
  const manifest = {
    name: chrome.siteName,
    short_name: chrome.siteName,
    description: chrome.tagline,
    lang: 'id',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    // The page's own colours (app/globals.css, viewport themeColor in app/layout.tsx).
    background_color: '#ffffff',
    theme_color: '#ffffff',
    icons: [
      { src: ICON_PATHS.icon192, sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: ICON_PATHS.icon512, sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: ICON_PATHS.maskable512, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  }
  const json = JSON.stringify(manifest)
  return { json, etag: etagOf(json) }
}

/** 200 with the icon, 304 when the browser holds it already; a CDN may keep it an hour. */
export function iconResponse(request: Request, icon: CachedIcon): Response {
  return conditionalResponse(request, {
    body: () => new Blob([Buffer.from(icon.base64, 'base64')]).stream(),
    etag: icon.etag,
    contentType: icon.contentType,
    policy: SITEMAP_POLICY,
  })
}
