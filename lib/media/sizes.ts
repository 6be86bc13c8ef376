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
