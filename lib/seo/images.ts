import type { ArticleImage } from '@/db/queries/articles'
import { bloggerImageAtSize } from '@/lib/media/blogger-cdn'
import { MAX_MEDIA_WIDTH } from '@/lib/media/sizes'
import { pageUrl, mediaPath } from '@/lib/urls'

/**
 * The share and structured-data image of a story: the 1200-pixel WebP variant, whose stored
 * width and height are the media row's (lib/media/process.ts writes every width, never
 * enlarging). Images kept at an imported address are used as they are (Blogger's CDN resized
 * to that width), size unknown.
 */
export function shareImage(image: ArticleImage | null, siteUrl: string | null): { url: string; width?: number; height?: number; alt: string } | null {
  if (!image) return null
  // Kept on Blogger's CDN by an import: ask it for the same width as our own variants.
  if (image.kind === 'url') return { url: bloggerImageAtSize(image.url, `w${MAX_MEDIA_WIDTH}`), alt: image.alt }
  return {
    url: pageUrl(siteUrl, mediaPath(image.storageKey, MAX_MEDIA_WIDTH)),
    width: image.width,
    height: image.height,
    alt: image.alt,
  }
}
