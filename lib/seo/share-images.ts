import type { ArticleImage } from '@/db/queries/articles'
import { bloggerImageAtSize, isBloggerCdnUrl } from '@/lib/media/blogger-cdn'
import { sharePath, siteCardPath } from '@/lib/media/paths'
import { SHARE_SHAPES, type ShareShape, STRUCTURED_DATA_SHAPES } from '@/lib/media/sizes'
import { pageUrl } from '@/lib/urls'

/*
 * The images a story shows to Google and to link previews (docs/decisions/016-share-images.md):
 * `structured`, the NewsArticle `image` in 16:9, 4:3 and 1:1, and `card`, the 1200×630
 * og:image. A story without a photo shows the site's share image instead.
 */

export type ShareImage = { url: string; width?: number; height?: number; alt: string }
export type ShareImages = { card: ShareImage; structured: ShareImage[] }

function shaped(url: string, shape: ShareShape, alt: string): ShareImage {
  const { width, height } = SHARE_SHAPES[shape]
  return { url, width, height, alt }
}

/** An image in the media library: its share files (made at upload, or on first request for older ones). */
export function mediaShareImages(storageKey: string, alt: string, siteUrl: string | null): ShareImages {
  const at = (shape: ShareShape) => shaped(pageUrl(siteUrl, sharePath(storageKey, shape)), shape, alt)
  return { card: at('card'), structured: STRUCTURED_DATA_SHAPES.map(at) }
}

/** The site's generated card, named by its key (lib/media/site-card.ts). */
export function siteCardShareImages(cardKey: string, alt: string, siteUrl: string | null): ShareImages {
  const at = (shape: ShareShape) => shaped(pageUrl(siteUrl, siteCardPath(cardKey, shape)), shape, alt)
  return { card: at('card'), structured: STRUCTURED_DATA_SHAPES.map(at) }
}

/**
 * An image an import kept on Blogger's CDN, which crops on request ("w1200-h675-c"). No size is
 * declared: the CDN does not enlarge a smaller original.
 */
export function bloggerShareImages(url: string, alt: string): ShareImages {
  const at = (shape: ShareShape) => {
    const { width, height } = SHARE_SHAPES[shape]
    return { url: bloggerImageAtSize(url, `w${width}-h${height}-c`), alt }
  }
  return { card: at('card'), structured: dedupe(STRUCTURED_DATA_SHAPES.map(at)) }
}

/** A story's share images: its own photo's, else `fallback` (the site's). */
export function storyShareImages(image: ArticleImage | null, fallback: ShareImages, siteUrl: string | null): ShareImages {
  if (!image) return fallback
  if (image.kind === 'media') return mediaShareImages(image.storageKey, image.alt, siteUrl)
  if (isBloggerCdnUrl(image.url)) return bloggerShareImages(image.url, image.alt)
  // Kept at some other address: shown as it is, since nothing can crop it.
  return { card: { url: image.url, alt: image.alt }, structured: [{ url: image.url, alt: image.alt }] }
}

// A Blogger URL without a size in it comes back unchanged for every shape: list it once.
function dedupe(images: ShareImage[]): ShareImage[] {
  return images.filter((image, i) => images.findIndex((other) => other.url === image.url) === i)
}
