import { isMediaWidth, type MediaWidth } from './sizes'

/*
 * Names of stored image files. Shared by the upload pipeline, the /media route and the
 * next/image loader, so this module must stay free of Node imports (it runs in the browser).
 */

/** "2026/11/0123456789abcdef": where an image lives under the uploads folder, without width or extension. */
export const STORAGE_KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f]{16}$/

/** The only file names the /media route serves; anything else (`..`, other extensions) is a 404. */
export const MEDIA_FILE_PATTERN = /^(\d{4}\/\d{2}\/[0-9a-f]{16})-(\d{3,4})\.webp$/

export type MediaFile = { storageKey: string; width: MediaWidth; relativePath: string }

export function isStorageKey(value: string): boolean {
  return STORAGE_KEY_PATTERN.test(value)
}

/**
 * Validates the path under /media/ (as a string or as the route's catch-all segments) and
 * returns the file it names, or null. The result is safe to join onto the uploads folder:
 * it can only be digits, hex, one hyphen, two slashes and `.webp`.
 */
export function parseMediaPath(path: string | readonly string[]): MediaFile | null {
  const relativePath = typeof path === 'string' ? path : path.join('/')
  const m = MEDIA_FILE_PATTERN.exec(relativePath)
  if (!m) return null
  const width = Number(m[2])
  if (!isMediaWidth(width)) return null
  return { storageKey: m[1]!, width, relativePath }
}

/** The variant file of a storage key, relative to the uploads folder. */
export function mediaFileName(storageKey: string, width: number): string {
  return `${storageKey}-${width}.webp`
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
