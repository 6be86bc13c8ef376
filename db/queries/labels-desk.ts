import 'server-only'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { getDb, type Executor, write } from '@/db'
import { execute, likeNoCase, lockRows, noCase, smaller } from '@/db/dialect'
import { articleLabels, articles, importedEntries, labels, redirects } from '@/db/tables'
import { labelFeedPath, labelPath } from '@/lib/urls'
import { recordAudit } from './audit'
import { recordRedirect } from './redirects'
import { rewriteFeaturedLabelIds } from './settings'

/*
 * The newsroom's label desk: list with counts, create, rename, delete, merge. Public reads
 * stay in labels.ts. Every write that moves a label's URL records a 301 in `redirects`.
 */

/** Labels per page of the desk list. */
export const LABEL_PAGE_SIZE = 100

export type DeskLabel = {
  id: number
  name: string
  slug: string
  description: string
  /** Public stories carrying the label. */
  publishedCount: number
  /** Drafts, submitted, scheduled, unpublished and retracted stories carrying it. */
  otherCount: number
}

export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`Another label already uses the slug "${slug}"`)
    this.name = 'SlugTakenError'
  }
}

// The archive's feed sits under the archive; both move together when a label does.

const deskColumns = { id: labels.id, name: labels.name, slug: labels.slug, description: labels.description }
const nameNoCase = noCase(labels.name)

/** Article counts of some labels, read from article_labels' archive index alone (no article rows). */
async function countArticles(db: Executor, ids: number[]): Promise<Map<number, { published: number; total: number }>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({
      labelId: articleLabels.labelId,
      published: sql<number>`count(${articleLabels.publishedAt})`,
      total: sql<number>`count(*)`,
    })
    .from(articleLabels)
    .where(inArray(articleLabels.labelId, ids))
    .groupBy(articleLabels.labelId)
  return new Map(rows.map((r) => [r.labelId, { published: r.published, total: r.total }]))
}

async function withCounts(db: Executor, rows: Array<Omit<DeskLabel, 'publishedCount' | 'otherCount'>>): Promise<DeskLabel[]> {
  const counts = await countArticles(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => {
    const c = counts.get(r.id) ?? { published: 0, total: 0 }
    return { ...r, publishedCount: c.published, otherCount: c.total - c.published }
  })
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * Every label A–Z (case ignored, so near-duplicates sit together), optionally filtered by a
 * part of its name or slug, 100 a page. `after` is the id of the last label of the previous
 * page. Two queries per page whatever its size: the labels, then their counts.
 */
export async function listLabelsForDesk(opts: { q?: string; after?: number | null; limit?: number } = {}): Promise<{
  items: DeskLabel[]
  nextCursor: number | null
}> {
  const db = getDb()
  const limit = opts.limit ?? LABEL_PAGE_SIZE
  const conditions = []
  const q = opts.q?.trim()
  if (q) {
    const pattern = likeContains(q)
    conditions.push(sql`(${likeNoCase(labels.name, pattern)} or ${likeNoCase(labels.slug, pattern)})`)
  }
  if (opts.after) {
    const last = (await db.select({ name: labels.name }).from(labels).where(eq(labels.id, opts.after)).limit(1))[0]
    // Written as a range on the index's first column plus a tie-break, so SQLite seeks instead of scanning.
    // The cursor's name compared as the column is: lower()ed on PostgreSQL too, or a page repeated.
    const lastName = noCase(sql`${last?.name ?? ''}`)
    if (last) conditions.push(sql`${nameNoCase} >= ${lastName} and (${nameNoCase} > ${lastName} or ${labels.id} > ${opts.after})`)
  }
  const rows = await db
    .select(deskColumns)
    .from(labels)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(nameNoCase, asc(labels.id))
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  return { items: await withCounts(db, page), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null }
}

export async function getLabelForDesk(id: number): Promise<DeskLabel | null> {
  const db = getDb()
  const row = (await db.select(deskColumns).from(labels).where(eq(labels.id, id)).limit(1))[0]
  return row ? (await withCounts(db, [row]))[0]! : null
}

/** Labels by slug, for forms that name labels by slug (settings' featured labels). */
export async function listLabelIdsBySlugs(slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map()
  const rows = await getDb().select({ id: labels.id, slug: labels.slug }).from(labels).where(inArray(labels.slug, slugs))
  return new Map(rows.map((r) => [r.slug, r.id]))
}

/** Every label's slug and name A–Z, for a form's suggestion list (capped: it is only a convenience). */
export async function listLabelChoices(limit = 2000): Promise<Array<{ slug: string; name: string }>> {
  return await getDb().select({ slug: labels.slug, name: labels.name }).from(labels).orderBy(nameNoCase, asc(labels.id)).limit(limit)
}

async function isSlugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  const row = (await db.select({ id: labels.id }).from(labels).where(eq(labels.slug, slug)).limit(1))[0]
  return Boolean(row && row.id !== exceptId)
}

/** A live label owns its URL: redirects left there by an old label would shadow it. */
async function claimLabelPaths(db: Executor, slug: string): Promise<void> {
  await db.delete(redirects)
    .where(inArray(redirects.fromPath, [labelPath(slug), labelFeedPath(slug)]))
}

export type LabelInput = { name: string; slug: string; description: string }

/** Creates a label. Throws SlugTakenError. */
export async function createLabel(input: LabelInput): Promise<{ id: number; slug: string }> {
  return write(async (tx) => {
    if ((await isSlugTaken(tx, input.slug))) throw new SlugTakenError(input.slug)
    await claimLabelPaths(tx, input.slug)
    return (await tx
      .insert(labels)
      .values({ name: input.name, slug: input.slug, description: input.description })
      .returning({ id: labels.id, slug: labels.slug }))[0]!
  })
}

/**
 * Renames and describes a label. Its slug changes only when `input.slug` differs; then the
 * old archive and feed URLs get 301s to the new ones. Returns the slugs before and after, or
 * null when the label does not exist. Throws SlugTakenError.
 */
export async function updateLabel(
  id: number,
  input: LabelInput,
  actorId: number | null = null,
): Promise<{ before: { slug: string; name: string }; after: { slug: string; name: string } } | null> {
  return write(async (tx) => {
    await lockRows(tx, labels, [id]) // PostgreSQL: against a merge, delete or rename of the same label (db/dialect.ts)
    const before = (await tx.select({ slug: labels.slug, name: labels.name }).from(labels).where(eq(labels.id, id)).limit(1))[0]
    if (!before) return null
    if (input.slug !== before.slug) {
      if ((await isSlugTaken(tx, input.slug, id))) throw new SlugTakenError(input.slug)
      await recordRedirect(labelPath(before.slug), labelPath(input.slug), 'label-rename')
      await recordRedirect(labelFeedPath(before.slug), labelFeedPath(input.slug), 'label-rename')
      await recordAudit({ actorId, action: 'label:slug', entity: 'label', entityId: id, detail: { from: before.slug, to: input.slug } }, tx)
    }
    await tx.update(labels)
      .set({ name: input.name, slug: input.slug, description: input.description, updatedAt: new Date() })
      .where(eq(labels.id, id))
    return { before, after: { slug: input.slug, name: input.name } }
  })
}
