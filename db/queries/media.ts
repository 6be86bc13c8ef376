import 'server-only'
import { and, desc, eq, lt } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { articles, media } from '@/db/tables'
import type { StoredImage } from '@/lib/media/process'

export type CreateMediaInput = Omit<StoredImage, 'originalName'> & {
  originalName?: string
  alt?: string
  caption?: string
  uploadedBy?: number | null
}

/**
 * Inserts the row for files already written by `storeImage()`, in the caller's write() or one
 * of its own; do the image work before opening one.
 */
export async function createMedia(input: CreateMediaInput): Promise<{ id: number; storageKey: string }> {
  return (await write((tx) => tx
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
    .returning({ id: media.id, storageKey: media.storageKey })))[0]!
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
export async function getMedia(id: number): Promise<MediaItem | null> {
  return (
    (await getDb()
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
      .where(eq(media.id, id)).limit(1))[0] ?? null
  )
}

/** Items per page of the media library (desk page and GET /api/media). */
export const MEDIA_PAGE_SIZE = 40

export type MediaListItem = {
  id: number
  storageKey: string
  width: number
  height: number
  alt: string
  caption: string
  uploadedBy: number | null
}

/**
 * The library, newest first, keyset-paged on id (the primary key): `cursor` is the last id of
 * the previous page. `nextCursor` is null on the last page.
 */
export async function listMedia(
  cursor: number | null = null,
  limit = MEDIA_PAGE_SIZE,
): Promise<{ items: MediaListItem[]; nextCursor: number | null }> {
  const rows = await getDb()
    .select({
      id: media.id,
      storageKey: media.storageKey,
      width: media.width,
      height: media.height,
      alt: media.alt,
      caption: media.caption,
      uploadedBy: media.uploadedBy,
    })
    .from(media)
    .where(cursor === null ? undefined : lt(media.id, cursor))
    .orderBy(desc(media.id))
    .limit(limit + 1)
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null }
}

/** Who uploaded an image: decides the `own` scope of media:edit. Null when the image does not exist. */
export async function getMediaOwner(id: number): Promise<{ id: number; uploadedBy: number | null } | null> {
  return (await getDb().select({ id: media.id, uploadedBy: media.uploadedBy }).from(media).where(eq(media.id, id)).limit(1))[0] ?? null
}

/**
 * Sets an image's alt text and caption. Returns the public stories that show it as their
 * featured image (their pages carry the alt text), or null when the image does not exist.
 */
export async function updateMediaText(id: number, alt: string, caption: string): Promise<{ articleIds: number[] } | null> {
  const db = getDb()
  return write(async (tx) => {
    const updated = (await tx.update(media).set({ alt, caption }).where(eq(media.id, id)).returning({ id: media.id }))[0]!
    if (!updated) return null
    const articleIds = (await tx
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.featuredMediaId, id), eq(articles.status, 'published'))))
      .map((r) => r.id)
    return { articleIds }
  })
}
