import 'server-only'
import { eq } from 'drizzle-orm'
import { getDb } from '@/db'
import { media } from '@/db/schema'
import type { StoredImage } from '@/lib/media/process'

export type CreateMediaInput = Omit<StoredImage, 'originalName'> & {
  originalName?: string
  alt?: string
  caption?: string
  uploadedBy?: number | null
}

/**
 * Inserts the row for files already written by `storeImage()`. Synchronous, so it can run
 * inside a better-sqlite3 transaction; do the image work before opening one.
 */
export function createMedia(input: CreateMediaInput): { id: number; storageKey: string } {
  return getDb()
    .insert(media)
    .values({
      storageKey: input.storageKey,
      originalName: input.originalName ?? '',
      mime: input.mime,
      width: input.width,
      height: input.height,
      bytes: input.bytes,
      variants: input.variants,
      alt: input.alt ?? '',
      caption: input.caption ?? '',
      uploadedBy: input.uploadedBy ?? null,
    })
    .returning({ id: media.id, storageKey: media.storageKey })
    .get()
}

export type MediaItem = {
  id: number
  storageKey: string
  width: number
  height: number
  variants: number[]
  alt: string
  caption: string
}

/** What a page needs to render an image with next/image. */
export function getMedia(id: number): MediaItem | null {
  return (
    getDb()
      .select({
        id: media.id,
        storageKey: media.storageKey,
        width: media.width,
        height: media.height,
        variants: media.variants,
        alt: media.alt,
        caption: media.caption,
      })
      .from(media)
      .where(eq(media.id, id))
      .get() ?? null
  )
}
