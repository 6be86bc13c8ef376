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

/** A story whose pages must be refreshed after a label change. */
export type TouchedArticle = { id: number; authorId: number }

export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`Another label already uses the slug "${slug}"`)
    this.name = 'SlugTakenError'
  }
}

export class LabelNotFoundError extends Error {
  constructor(readonly ids: number[]) {
    super(`No label with id ${ids.join(', ')}`)
    this.name = 'LabelNotFoundError'
  }
}

/** Merge asked for something impossible: no sources, or the target among them. */
export class InvalidMergeError extends Error {
  constructor(readonly reason: 'no-sources' | 'target-in-sources') {
    super(reason === 'no-sources' ? 'Nothing to merge' : 'The target cannot also be a source')
    this.name = 'InvalidMergeError'
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

/** Stories carrying any of these labels (whatever their status: drafts' desk views change too). */
async function listTouchedArticles(db: Executor, labelIds: number[]): Promise<TouchedArticle[]> {
  return await db
    .selectDistinct({ id: articles.id, authorId: articles.authorId })
    .from(articleLabels)
    .innerJoin(articles, eq(articles.id, articleLabels.articleId))
    .where(inArray(articleLabels.labelId, labelIds))
}

/** Public stories whose section (first label) is this one: their cards print its name. */
export async function listSectionArticles(labelId: number): Promise<TouchedArticle[]> {
  return await getDb()
    .select({ id: articles.id, authorId: articles.authorId })
    .from(articleLabels)
    .innerJoin(articles, eq(articles.id, articleLabels.articleId))
    .where(and(eq(articleLabels.labelId, labelId), eq(articleLabels.position, 0), sql`${articleLabels.publishedAt} is not null`))
}

/**
 * Deletes a label. Its stories stay: they lose the label, and the labels after it move up
 * one place (so a story whose section it was gets its next label as section). Redirects that
 * led to it are dropped, since they would now lead to a 404. Null when it does not exist.
 */
export async function deleteLabel(
  id: number,
  actorId: number | null = null,
): Promise<{ label: { id: number; name: string; slug: string }; articles: TouchedArticle[] } | null> {
  return write(async (tx) => {
    await lockRows(tx, labels, [id]) // PostgreSQL: stories saved meanwhile wait, then find it gone (db/dialect.ts)
    const label = (await tx.select({ id: labels.id, name: labels.name, slug: labels.slug }).from(labels).where(eq(labels.id, id)).limit(1))[0]
    if (!label) return null
    const touched = await listTouchedArticles(tx, [id])
    await execute(tx, sql`
      update article_labels set position = position - 1
      where article_id in (select article_id from article_labels where label_id = ${id})
        and position > (select x.position from article_labels x where x.article_id = article_labels.article_id and x.label_id = ${id})`)
    await tx.delete(labels).where(eq(labels.id, id)) // article_labels rows go by ON DELETE CASCADE
    await tx.delete(redirects)
      .where(inArray(redirects.toPath, [labelPath(label.slug), labelFeedPath(label.slug)]))
    await rewriteFeaturedLabelIds(tx, (featured) => (featured === id ? null : featured))
    await recordAudit(
      { actorId, action: 'label:delete', entity: 'label', entityId: id, detail: { name: label.name, slug: label.slug, articles: touched.length } },
      tx,
    )
    return { label, articles: touched }
  })
}

export type MergeResult = {
  target: { id: number; slug: string; name: string }
  sources: Array<{ id: number; slug: string; name: string }>
  /** Every story that carried a source label (now carrying the target). */
  articles: TouchedArticle[]
}

/**
 * Merges labels into one, in one synchronous transaction: every story carrying a source
 * label carries the target instead (once, at the lowest position it had among them, so a
 * source that was its section makes the target its section), the sources are deleted, their
 * archive and feed URLs 301 to the target's (earlier redirects to them are re-pointed, so
 * every chain is one hop), and the homepage's featured labels follow. Import bookkeeping
 * moves too, so a later re-import attaches its stories to the surviving label instead of
 * recreating a source. Writes an audit row.
 * Throws InvalidMergeError or LabelNotFoundError.
 */
export async function mergeLabels(sourceIds: number[], targetId: number, actorId: number | null = null): Promise<MergeResult> {
  const ids = [...new Set(sourceIds)]
  if (ids.length === 0) throw new InvalidMergeError('no-sources')
  if (ids.includes(targetId)) throw new InvalidMergeError('target-in-sources')
  return write(async (tx) => {
    // PostgreSQL: a save giving a story a source label either commits first (its rows are then
    // moved below) or waits for the merge and finds the source gone (db/dialect.ts lockRows).
    await lockRows(tx, labels, [targetId, ...ids])
    const target = (await tx.select({ id: labels.id, slug: labels.slug, name: labels.name }).from(labels).where(eq(labels.id, targetId)).limit(1))[0]
    const sources = await tx.select({ id: labels.id, slug: labels.slug, name: labels.name }).from(labels).where(inArray(labels.id, ids))
    const missing = [targetId, ...ids].filter((id) => id !== target?.id && !sources.some((s) => s.id === id))
    if (!target || missing.length > 0) throw new LabelNotFoundError(missing)

    const touched = await listTouchedArticles(tx, ids)
    // New target rows get published_at from the article_labels insert trigger.
    await execute(tx, sql`
      insert into article_labels (article_id, label_id, position)
      select article_id, ${targetId}, min(position) from article_labels
      where label_id in ${ids}
      group by article_id
      on conflict (article_id, label_id) do update set position = ${smaller(tx, sql`article_labels.position`, sql`excluded.position`)}`)
    await tx.delete(labels).where(inArray(labels.id, ids)) // their article_labels rows go by ON DELETE CASCADE

    for (const source of sources) {
      await recordRedirect(labelPath(source.slug), labelPath(target.slug), 'label-merge')
      await recordRedirect(labelFeedPath(source.slug), labelFeedPath(target.slug), 'label-merge')
    }
    await rewriteFeaturedLabelIds(tx, (featured) => (ids.includes(featured) ? targetId : featured))
    await tx.update(importedEntries)
      .set({ entityId: targetId })
      .where(and(eq(importedEntries.kind, 'label'), inArray(importedEntries.entityId, ids)))
    await recordAudit(
      {
        actorId,
        action: 'label:merge',
        entity: 'label',
        entityId: targetId,
        detail: { target: target.slug, sources: sources.map((s) => ({ id: s.id, slug: s.slug, name: s.name })), articles: touched.length },
      },
      tx,
    )
    return { target, sources, articles: touched }
  })
}
