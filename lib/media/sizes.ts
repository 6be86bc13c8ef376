/**
 * Widths, in CSS pixels, of the WebP variants written for every uploaded image.
 * Must equal `images.deviceSizes` in next.config.ts: next/image only asks the loader
 * (lib/image-loader.ts) for those widths, and a width with no file would 404.
 * lib/media/sizes.test.ts fails when the two lists drift apart.
 */
export const MEDIA_WIDTHS = [320, 480, 640, 960, 1200] as const

export type MediaWidth = (typeof MEDIA_WIDTHS)[number]

export const MAX_MEDIA_WIDTH: MediaWidth = 1200

/** The smallest variant at least `width` wide, else the largest: what the loader serves for a request. */
export function pickMediaWidth(width: number): MediaWidth {
  return MEDIA_WIDTHS.find((w) => w >= width) ?? MAX_MEDIA_WIDTH
}

export function isMediaWidth(width: number): width is MediaWidth {
  return (MEDIA_WIDTHS as readonly number[]).includes(width)
}

/**
 * Share images, JPEG, each 1200 pixels wide: the three shapes Google asks for in an article's
 * structured data (16:9, 4:3 and 1:1) and the 1.91:1 card of link previews (og:image, read by
 * WhatsApp, Facebook and X). JPEG because every crawler reads it and it encodes in less than
 * half the time of WebP (docs/decisions/016-share-images.md).
 */
export const SHARE_SHAPES = {
  wide: { width: 1200, height: 675 },
  standard: { width: 1200, height: 900 },
  square: { width: 1200, height: 1200 },
  card: { width: 1200, height: 630 },
} as const

export type ShareShape = keyof typeof SHARE_SHAPES

export const SHARE_SHAPE_NAMES = Object.keys(SHARE_SHAPES) as ShareShape[]

/** The shapes of a NewsArticle's `image`, in the order Google lists them. */
export const STRUCTURED_DATA_SHAPES = ['wide', 'standard', 'square'] as const satisfies readonly ShareShape[]
