import type { ImageLoaderProps } from 'next/image'
import { bloggerImageAtSize, isBloggerCdnUrl } from './media/blogger-cdn'
import { isStorageKey } from './media/paths'
import { pickMediaWidth } from './media/sizes'
import { mediaPath } from './urls'

/*
 * The next/image loader (next.config.ts `images.loaderFile`). It is bundled for the browser
 * too: no Node imports and no 'server-only' here or in what it imports.
 * Our images are resized once at upload (lib/media/process.ts), so the loader only picks the
 * pre-made file; Next's own optimizer is never involved.
 */

const MEDIA_PREFIX = '/media/'
// A src that already names one variant ("…-640.webp") is re-pointed at the width asked for.
const VARIANT_SUFFIX = /-\d{3,4}\.webp$/

/** The `src` to give next/image for a stored image: "/media/2026/11/0123456789abcdef". */
export function mediaSrc(storageKey: string): string {
  return `${MEDIA_PREFIX}${storageKey}`
}

export default function imageLoader({ src, width }: ImageLoaderProps): string {
  if (src.startsWith(MEDIA_PREFIX)) {
    const storageKey = src.slice(MEDIA_PREFIX.length).replace(VARIANT_SUFFIX, '')
    // Share images and the site card are single files in one size: served as they are.
    if (isStorageKey(storageKey)) return mediaPath(storageKey, pickMediaWidth(width))
    return src
  }
  // Images an import kept on Blogger's CDN: the CDN resizes them itself, so a phone gets a
  // phone-sized file rather than the original upload.
  if (isBloggerCdnUrl(src)) return bloggerImageAtSize(src, `w${pickMediaWidth(width)}`)
  // Other absolute URLs and anything else are served as they are: we have no resized copies.
  return src
}
