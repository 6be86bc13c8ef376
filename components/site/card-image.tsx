'use client'

import imageLoader from '@/lib/image-loader'

// Shown 112 px wide on a phone, 176 px from 640 px up: up to three times that for dense screens.
const WIDTHS = [320, 480, 640] as const
const SIZES = '(min-width: 640px) 176px, 112px'

/**
 * A card's thumbnail. A client component only so that the page's RSC payload carries its `src`
 * alone: the `srcset` of three addresses is worked out here, in the HTML the server renders, and
 * not printed a second time in the payload (an imported image's address is 180 characters).
 * Decorative (alt=""): the headline beside it names the story, and the card's link covers it.
 */
export function CardImage({ src }: { src: string }) {
  const urls = WIDTHS.map((width) => imageLoader({ src, width }))
  // An address we cannot resize (neither ours nor Blogger's) is one file at every width.
  const resizable = new Set(urls).size > 1
  return (
    // eslint-disable-next-line @next/next/no-img-element -- next/image prints five widths and an inline style per image
    <img
      src={urls[0]}
      srcSet={resizable ? urls.map((url, i) => `${url} ${WIDTHS[i]}w`).join(', ') : undefined}
      sizes={resizable ? SIZES : undefined}
      width={320}
      height={180}
      alt=""
      loading="lazy"
      decoding="async"
    />
  )
}
