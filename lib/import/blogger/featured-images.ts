import 'server-only'
import { and, asc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { articles, importedEntries } from '@/db/tables'
import { downloadImageToLibrary, type ImageFetchOptions } from '@/lib/import/images'
import { SOURCE } from './context'
import { type ImportEvent, type ImportReport, SKIPPED_LIST_LIMIT } from './report'

const IMAGE_DOWNLOADS_AT_ONCE = 4
/** Posts read at a time: the queue of addresses never holds the whole archive. */
const PAGE = 500

/**
 * Copies the featured images of imported posts that still point at an outside address into the
 * media library (each address fetched once, a few at a time), and points the posts at the copies.
 * Posts whose image could not be fetched keep the address; a later run tries them again. Runs
 * after the import is published: a failure here (even the disk's) is one image not copied.
 */
export async function downloadFeaturedImages(
  report: ImportReport,
  opts: { actorId?: number | null; imageFetch?: ImageFetchOptions },
  emit: (e: ImportEvent) => void,
): Promise<number> {
  const db = getDb()
  const imported = and(eq(importedEntries.kind, 'post'), eq(importedEntries.entityId, articles.id), eq(importedEntries.source, SOURCE))
  const pending = and(isNotNull(articles.featuredImageUrl), isNull(articles.featuredMediaId))
  const total = (await db.selectDistinct({ url: articles.featuredImageUrl }).from(articles).innerJoin(importedEntries, imported).where(pending)).length
  // Address → its copy in the library (null: it failed), so posts on a later page sharing an
  // address neither fetch it again nor count twice. Only this option keeps a map per image.
  const copied = new Map<string, number | null>()
  let done = 0
  let downloaded = 0
  let failed = 0
  emit({ type: 'progress', phase: 'images', done, total })
  for (let lastId = 0; ; ) {
    const rows = await db
      .select({ id: articles.id, url: articles.featuredImageUrl, alt: articles.featuredAlt })
      .from(articles)
      .innerJoin(importedEntries, imported)
      .where(and(pending, gt(articles.id, lastId)))
      .orderBy(asc(articles.id))
      .limit(PAGE)
    if (rows.length === 0) break
    lastId = rows.at(-1)!.id
    const byUrl = new Map<string, Array<{ id: number; alt: string }>>()
    for (const row of rows) byUrl.set(row.url!, [...(byUrl.get(row.url!) ?? []), { id: row.id, alt: row.alt }])
    const queue = [...byUrl.entries()]
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [url, posts] = next
        let mediaId = copied.get(url)
        if (mediaId === undefined) {
          const result = await downloadImageToLibrary(url, { uploadedBy: opts.actorId ?? null, alt: posts[0]!.alt, ...opts.imageFetch }).catch(
            (error: unknown) => ({ ok: false as const, reason: `could not be stored (${error instanceof Error ? error.message : String(error)})` }),
          )
          mediaId = result.ok ? result.mediaId : null
          copied.set(url, mediaId)
          if (result.ok) {
            report.images.downloaded += 1
            downloaded++
          } else {
            failed++
            if (report.images.failed.length < SKIPPED_LIST_LIMIT) report.images.failed.push({ url, reason: result.reason })
          }
          done++
          if (done % 10 === 0 || done === total) emit({ type: 'progress', phase: 'images', done, total })
        }
        if (mediaId !== null) {
          const id = mediaId
          await write(async (tx) => await tx.update(articles).set({ featuredMediaId: id }).where(inArray(articles.id, posts.map((p) => p.id))))
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(IMAGE_DOWNLOADS_AT_ONCE, queue.length) }, worker))
  }
  if (failed > 0) report.warnings.push(`${failed} of ${total} images could not be downloaded; those posts keep their Blogger address.`)
  return downloaded
}
