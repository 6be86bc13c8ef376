import 'server-only'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { getDb, getDialect, type Executor, write } from '@/db'
import { execute, lockRows, smaller } from '@/db/dialect'
import { type SliceOptions, Slicer } from '@/db/slices'
import { articleLabels, importedEntries, labels, redirects } from '@/db/tables'
import { labelFeedPath, labelPath } from '@/lib/urls'
import { recordAudit } from './audit'
import { recordRedirect } from './redirects'
import { rewriteFeaturedLabelIds } from './settings'

/*
 * The label desk's two writes that touch every story of a label: merging labels into one, and
 * deleting one. A big label carries tens of thousands of stories, each row with its archive
 * triggers: on the 100,000-story site one transaction merging a label of 22,078 stories held the
 * write lock and the server's event loop for 1,083 ms, and deleting one of 41,916 for 431 ms. So the
 * stories move as an import writes (db/slices.ts): in short transactions with the event loop and
 * the lock free between them, and a last short transaction removes the label itself (ADR 026).
 *
 * Between slices a story is either still under its old label or already under the new one, never
 * both and never neither, so readers see each story whole. Stopped part-way (a crash, a refusal in
 * the last step), the work done stays done and the label stays with the stories not yet moved:
 * running the same merge or deletion again finishes it.
 */

/**
 * Stories moved by one statement of a slice; a slice runs as many as its time budget allows. On
 * PostgreSQL each statement is a round trip and nothing of it runs on the event loop: 500 there (on a
 * copy of the 100,000-story site a merge of 22,078 stories took 1.8 s so and 3.4 s with 100; in one
 * transaction it took 1.6 s, with every save of those stories waiting for it).
 */
export const LABEL_BATCH_STORIES = 100
const LABEL_BATCH_STORIES_PG = 500

const batchSize = (opts: MoveOptions) => opts.batch ?? (getDialect() === 'postgres' ? LABEL_BATCH_STORIES_PG : LABEL_BATCH_STORIES)

/**
 * A slice's budget and the pause after it. Shorter than an import's (40 ms): a merge is rarer and
 * smaller, and its slices run on the event loop of the server that serves the editor who asked for
 * it, where a slice of 20 ms held the loop 20 ms and would hold it 50 on a host 2.5 times slower.
 */
const LABEL_SLICES: SliceOptions = { budgetMs: 10, gapMs: 5 }

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

type LabelRef = { id: number; slug: string; name: string }

export type MergeResult = {
  target: LabelRef
  sources: LabelRef[]
  /** Stories that carried a source label (now carrying the target). */
  stories: number
}

/** `batch`: stories per statement (tests use 1, so that every story moves on its own). */
type MoveOptions = { batch?: number }

const refColumns = { id: labels.id, slug: labels.slug, name: labels.name }

/** The merge's labels, or LabelNotFoundError naming those that are gone. */
async function mergeLabelsOf(db: Executor, ids: number[], targetId: number): Promise<{ target: LabelRef; sources: LabelRef[] }> {
  const found = await db.select(refColumns).from(labels).where(inArray(labels.id, [targetId, ...ids]))
  const target = found.find((l) => l.id === targetId)
  const missing = [targetId, ...ids].filter((id) => !found.some((l) => l.id === id))
  if (!target || missing.length > 0) throw new LabelNotFoundError(missing)
  return { target, sources: found.filter((l) => l.id !== targetId) }
}

/**
 * Moves the stories of the source labels to the target: each story carries the target once, at
 * the lowest position it had among them (so a source that was its section makes the target its
 * section), and no source. New target rows get published_at from the article_labels insert
 * trigger. Only the stories in `storyIds`, or every one when it is omitted (the last step's
 * stragglers). Returns how many stories moved.
 */
async function moveToTarget(tx: Executor, ids: number[], targetId: number, storyIds?: number[]): Promise<number> {
  const only = storyIds ? sql` and article_id in ${storyIds}` : sql``
  const moved = storyIds?.length ?? (await tx.selectDistinct({ id: articleLabels.articleId }).from(articleLabels).where(inArray(articleLabels.labelId, ids))).length
  if (moved === 0) return 0
  await execute(tx, sql`
    insert into article_labels (article_id, label_id, position)
    select article_id, ${targetId}, min(position) from article_labels
    where label_id in ${ids}${only}
    group by article_id
    on conflict (article_id, label_id) do update set position = ${smaller(tx, sql`article_labels.position`, sql`excluded.position`)}`)
  await execute(tx, sql`delete from article_labels where label_id in ${ids}${only}`)
  return moved
}

/**
 * Takes the label off stories, moving the labels after it up one place (so a story whose section it
 * was gets its next label as section). Only the stories in `storyIds`, or every one when omitted.
 */
async function takeOff(tx: Executor, id: number, storyIds?: number[]): Promise<number> {
  const only = sql` and article_id in ${storyIds ?? sql`(select article_id from article_labels where label_id = ${id})`}`
  const count = storyIds?.length ?? (await tx.select({ id: articleLabels.articleId }).from(articleLabels).where(eq(articleLabels.labelId, id))).length
  if (count === 0) return 0
  await execute(tx, sql`
    update article_labels set position = position - 1
    where position > (select x.position from article_labels x where x.article_id = article_labels.article_id and x.label_id = ${id})${only}`)
  await execute(tx, sql`delete from article_labels where label_id = ${id}${only}`)
  return count
}

/** Whether all these labels still exist, kept from deletion until the transaction ends (PostgreSQL). */
async function stillThere(tx: Executor, ids: number[]): Promise<boolean> {
  await lockRows(tx, labels, ids, 'share')
  return (await tx.select({ id: labels.id }).from(labels).where(inArray(labels.id, ids))).length === ids.length
}

/**
 * Runs `batch` in slices until it reports nothing left: each slice runs it again while its budget
 * lasts. `batch` picks its own next stories, so a story given the label meanwhile is picked up too.
 * Each slice first checks that `labelIds` all still exist and keeps them so until it ends
 * (PostgreSQL: a deletion of one waits for it); one gone ends the slices, and the caller's last
 * step says which. Returns the total `batch` reported.
 */
async function inSlices(labelIds: number[], batch: (tx: Executor) => Promise<number>): Promise<number> {
  const slicer = new Slicer(LABEL_SLICES)
  slicer.open()
  try {
    let total = 0
    for (;;) {
      const done = await slicer.run(async (tx, pastBudget) => {
        let moved = 0
        if (!(await stillThere(tx, labelIds))) return { moved, more: false }
        for (;;) {
          const n = await batch(tx)
          moved += n
          if (n === 0) return { moved, more: false }
          if (pastBudget()) return { moved, more: true }
        }
      })
      total += done.moved
      if (!done.more) return total
    }
  } finally {
    slicer.close()
  }
}

/**
 * Merges labels into one: every story carrying a source label carries the target instead (see
 * moveToTarget), the sources are deleted, their archive and feed URLs 301 to the target's
 * (earlier redirects to them are re-pointed, so every chain is one hop), and the homepage's
 * featured labels follow. Import bookkeeping moves too, so a later re-import attaches its stories
 * to the surviving label instead of recreating a source. Writes an audit row. The stories move in
 * slices first (this module's comment); the rest is one short transaction.
 * Throws InvalidMergeError or LabelNotFoundError, before anything has moved.
 */
export async function mergeLabels(sourceIds: number[], targetId: number, actorId: number | null = null, opts: MoveOptions = {}): Promise<MergeResult> {
  const ids = [...new Set(sourceIds)]
  const moved = await moveStoriesForMerge(ids, targetId, opts)
  return await write((tx) => finishMerge(tx, ids, targetId, actorId, moved))
}

/**
 * The slices of a merge: checks the labels, then moves the sources' stories to the target a slice
 * at a time. Returns how many moved; finishMerge, in the caller's last transaction, does the rest.
 * Throws InvalidMergeError or LabelNotFoundError before moving anything.
 */
export async function moveStoriesForMerge(ids: number[], targetId: number, opts: MoveOptions = {}): Promise<number> {
  if (ids.length === 0) throw new InvalidMergeError('no-sources')
  if (ids.includes(targetId)) throw new InvalidMergeError('target-in-sources')
  await mergeLabelsOf(getDb(), ids, targetId)
  const batch = batchSize(opts)
  return await inSlices([targetId, ...ids], async (tx) => {
    const next = await tx.select({ id: articleLabels.articleId }).from(articleLabels).where(inArray(articleLabels.labelId, ids)).limit(batch)
    if (next.length === 0) return 0
    return await moveToTarget(tx, ids, targetId, [...new Set(next.map((r) => r.id))])
  })
}

/**
 * The last step of a merge, inside the caller's transaction: the stories a save gave a source
 * label while the slices ran move too, then the sources go with their URLs. `moved` is what the
 * slices moved, for the result and the audit row.
 */
export async function finishMerge(tx: Executor, ids: number[], targetId: number, actorId: number | null, moved: number): Promise<MergeResult> {
  // PostgreSQL: a save giving a story a source label either commits first (its rows are then
  // moved below) or waits for the merge and finds the source gone (db/dialect.ts lockRows).
  await lockRows(tx, labels, [targetId, ...ids])
  const { target, sources } = await mergeLabelsOf(tx, ids, targetId)
  const stories = moved + (await moveToTarget(tx, ids, targetId))
  await tx.delete(labels).where(inArray(labels.id, ids))

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
      detail: { target: target.slug, sources: sources.map((s) => ({ id: s.id, slug: s.slug, name: s.name })), articles: stories },
    },
    tx,
  )
  return { target, sources, stories }
}

/**
 * Deletes a label. Its stories stay: they lose the label, and the labels after it move up one
 * place (so a story whose section it was gets its next label as section), a slice at a time.
 * Redirects that led to it are dropped, since they would now lead to a 404. Null when it does not
 * exist.
 */
export async function deleteLabel(
  id: number,
  actorId: number | null = null,
  opts: MoveOptions = {},
): Promise<{ label: LabelRef; stories: number } | null> {
  const batch = batchSize(opts)
  const moved = await inSlices([id], async (tx) => {
    const next = await tx.select({ id: articleLabels.articleId }).from(articleLabels).where(eq(articleLabels.labelId, id)).limit(batch)
    return next.length === 0 ? 0 : await takeOff(tx, id, next.map((r) => r.id))
  })
  return await write(async (tx) => {
    await lockRows(tx, labels, [id]) // PostgreSQL: stories saved meanwhile wait, then find it gone (db/dialect.ts)
    const label = (await tx.select(refColumns).from(labels).where(eq(labels.id, id)).limit(1))[0]
    if (!label) return null
    const stories = moved + (await takeOff(tx, id))
    await tx.delete(labels).where(eq(labels.id, id))
    await tx.delete(redirects)
      .where(inArray(redirects.toPath, [labelPath(label.slug), labelFeedPath(label.slug)]))
    await rewriteFeaturedLabelIds(tx, (featured) => (featured === id ? null : featured))
    await recordAudit(
      { actorId, action: 'label:delete', entity: 'label', entityId: id, detail: { name: label.name, slug: label.slug, articles: stories } },
      tx,
    )
    return { label, stories }
  })
}
