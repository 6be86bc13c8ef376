import { isMediaWidth, type MediaWidth, SHARE_SHAPE_NAMES, SHARE_SHAPES, type ShareShape } from './sizes'

/*
 * Names of stored image files. Shared by the upload pipeline, the /media route and the
 * next/image loader, so this module must stay free of Node imports (it runs in the browser).
 */

/** "2026/11/0123456789abcdef": where an image lives under the uploads folder, without width or extension. */
export const STORAGE_KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f]{16}$/

/** The variant files the /media route serves; anything else (`..`, other extensions) is a 404. */
export const MEDIA_FILE_PATTERN = /^(\d{4}\/\d{2}\/[0-9a-f]{16})-(\d{3,4})\.webp$/

/** A share image of a stored image: "<key>-1200x675.jpg". */
export const SHARE_FILE_PATTERN = /^(\d{4}\/\d{2}\/[0-9a-f]{16})-(\d{3,4}x\d{3,4})\.jpg$/

/** The site's own share image (made from its logo and name), named by a hash of what it shows. */
export const SITE_CARD_FILE_PATTERN = /^site\/share-([0-9a-f]{16})-(\d{3,4}x\d{3,4})\.jpg$/

export type MediaFile =
  | { kind: 'variant'; storageKey: string; width: MediaWidth; relativePath: string }
  | { kind: 'share'; storageKey: string; shape: ShareShape; relativePath: string }
  | { kind: 'site-card'; cardKey: string; shape: ShareShape; relativePath: string }

export function isStorageKey(value: string): boolean {
  return STORAGE_KEY_PATTERN.test(value)
}

/** "1200x675": a shape in a file name. */
function shapeSize(shape: ShareShape): string {
  const s = SHARE_SHAPES[shape]
  return `${s.width}x${s.height}`
}

const SHAPE_BY_SIZE = new Map(SHARE_SHAPE_NAMES.map((shape) => [shapeSize(shape), shape]))

/**
 * Validates the path under /media/ (as a string or as the route's catch-all segments) and
 * returns the file it names, or null. The result is safe to join onto the uploads folder:
 * it can only be digits, hex, hyphens, slashes, an `x`, `site/share-` and `.webp` or `.jpg`.
 */
export function parseMediaPath(path: string | readonly string[]): MediaFile | null {
  const relativePath = typeof path === 'string' ? path : path.join('/')
  const variant = MEDIA_FILE_PATTERN.exec(relativePath)
  if (variant) {
    const width = Number(variant[2])
    return isMediaWidth(width) ? { kind: 'variant', storageKey: variant[1]!, width, relativePath } : null
  }
  const share = SHARE_FILE_PATTERN.exec(relativePath)
  if (share) {
    const shape = SHAPE_BY_SIZE.get(share[2]!)
    return shape ? { kind: 'share', storageKey: share[1]!, shape, relativePath } : null
  }
  const card = SITE_CARD_FILE_PATTERN.exec(relativePath)
  if (card) {
    const shape = SHAPE_BY_SIZE.get(card[2]!)
    return shape ? { kind: 'site-card', cardKey: card[1]!, shape, relativePath } : null
  }
  return null
}

/** The Content-Type a served file answers with: variants are WebP, share images JPEG. */
export function mediaContentType(file: MediaFile): 'image/webp' | 'image/jpeg' {
  return file.kind === 'variant' ? 'image/webp' : 'image/jpeg'
}

/** The variant file of a storage key, relative to the uploads folder. */
export function mediaFileName(storageKey: string, width: number): string {
  return `${storageKey}-${width}.webp`
}

/** A share image of a storage key, relative to the uploads folder. */
export function shareFileName(storageKey: string, shape: ShareShape): string {
  return `${storageKey}-${shapeSize(shape)}.jpg`
}

/** The site's generated share image, relative to the uploads folder. */
export function siteCardFileName(cardKey: string, shape: ShareShape): string {
  return `site/share-${cardKey}-${shapeSize(shape)}.jpg`
}

/** Public path of a stored image's share image: "/media/2026/11/0123456789abcdef-1200x630.jpg". */
export function sharePath(storageKey: string, shape: ShareShape): string {
  return `/media/${shareFileName(storageKey, shape)}`
}

/** Public path of the site's generated share image. */
export function siteCardPath(cardKey: string, shape: ShareShape): string {
  return `/media/${siteCardFileName(cardKey, shape)}`
}

/**
 * True when an If-None-Match header names `etag` (or is `*`). Comparison is weak, as
 * RFC 9110 §13.1.2 requires for If-None-Match, so `W/"x"` matches `"x"`.
 */
export function isEtagMatch(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag))
}
