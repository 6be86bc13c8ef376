import Image from 'next/image'
import type { ArticleImage as ArticleImageData } from '@/db/queries/articles'

type Props = {
  image: ArticleImageData
  /** The `sizes` attribute: how wide the image is shown, so phones fetch a phone-sized file. */
  sizes: string
  /** Above the fold (the lead story, an article's own image): fetched at once, not lazily. */
  eager?: boolean
  className?: string
}

/** A 16:9 frame filled by the image; the loader (lib/image-loader.ts) picks a pre-encoded WebP width. */
export function ArticleImage({ image, sizes, eager = false, className = '' }: Props) {
  const src = image.kind === 'media' ? `/media/${image.storageKey}` : image.url
  return (
    <div className={`relative aspect-[16/9] overflow-hidden bg-subtle ${className}`}>
      <Image
        src={src}
        alt={image.alt}
        fill
        sizes={sizes}
        preload={eager}
        loading={eager ? 'eager' : 'lazy'}
        className="object-cover"
      />
    </div>
  )
}
