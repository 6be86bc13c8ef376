import 'server-only'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { getDb, type Executor, write } from '@/db'
import { articleLabels, labelMergeSuggestions, labels } from '@/db/tables'
import type { MergeSuggestion } from '@/lib/import/blogger/report'
import { type DuplicateGroup, findDuplicateLabels } from '@/lib/labels/similar'
import { recordAudit } from './audit'
import { finishMerge, InvalidMergeError, type MergeResult, moveStoriesForMerge } from './labels-desk-merge'

/*
 * Merge suggestions for labels that look like duplicates (lib/labels/similar.ts). An import
 * refreshes them; the labels screen lists them, and an editor accepts (a normal mergeLabels)
 * or dismisses them. A dismissed pair stays in the table so that it is never offered again.
 */

/** The suggestion changed since the screen showed it (merged, dismissed or recomputed meanwhile). */
export class StaleSuggestionError extends Error {
  constructor(readonly targetId: number) {
    super(`The merge suggestion for label ${targetId} changed`)
    this.name = 'StaleSuggestionError'
  }
}

const livePosts = sql<number>`count(${articleLabels.publishedAt})`

export type LabelWithPosts = { id: number; name: string; slug: string; posts: number }

/** Labels with the number of public stories carrying them; every label when `ids` is omitted. */
export async function listLabelsWithPosts(db: Executor = getDb(), ids?: number[]): Promise<LabelWithPosts[]> {
  return await db
    .select({ id: labels.id, name: labels.name, slug: labels.slug, posts: livePosts })
    .from(labels)
    .leftJoin(articleLabels, eq(articleLabels.labelId, labels.id))
    .where(ids ? inArray(labels.id, ids) : undefined)
    .groupBy(labels.id)
}

/** Every label's id, for callers that count stories a few labels at a time (listLabelsWithPosts). */
export async function listLabelIds(db: Executor = getDb()): Promise<number[]> {
  return (await db.select({ id: labels.id }).from(labels).orderBy(asc(labels.id))).map((l) => l.id)
}

/** A dismissal covers the pair whichever way round: a later count may swap target and member. */
const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`)

/**
 * Recomputes the suggestions over all labels and their public story counts: new pairs are
 * added, open pairs no longer found are removed, dismissed pairs stay dismissed and are not
 * offered again. Synchronous; pass the importer's transaction to join it.
 */
export async function refreshLabelMergeSuggestions(tx?: Executor): Promise<{ open: number; added: number; removed: number }> {
  const run = async (db: Executor) => applyLabelMergeGroups(db, findDuplicateLabels(await listLabelsWithPosts(db)))
  return tx ? (await run(tx)) : (await write(run))
}

/**
 * The write half of refreshLabelMergeSuggestions, for groups found from counts read earlier
 * (an import counts outside its write slices, where counting 100,000 stories would hold the
 * lock too long). Groups naming a label that no longer exists are left out.
 */
export async function applyLabelMergeGroups(db: Executor, found: DuplicateGroup[]): Promise<{ open: number; added: number; removed: number }> {
  const existing = new Set((await db.select({ id: labels.id }).from(labels)).map((l) => l.id))
  const groups = found
    .filter((g) => existing.has(g.targetId))
    .map((g) => ({ ...g, members: g.members.filter((m) => existing.has(m.id)) }))
    .filter((g) => g.members.length > 0)
  const rows = await db
    .select({
      labelId: labelMergeSuggestions.labelId,
      targetId: labelMergeSuggestions.targetId,
      basis: labelMergeSuggestions.basis,
      dismissedAt: labelMergeSuggestions.dismissedAt,
    })
    .from(labelMergeSuggestions)
  const dismissed = new Set(rows.filter((r) => r.dismissedAt).map((r) => pairKey(r.labelId, r.targetId)))
  const open = new Map(rows.filter((r) => !r.dismissedAt).map((r) => [`${r.labelId}>${r.targetId}`, r]))
  const seen = new Set<string>()
  let added = 0
  for (const group of groups) {
    for (const member of group.members) {
      if (dismissed.has(pairKey(member.id, group.targetId))) continue
      const key = `${member.id}>${group.targetId}`
      seen.add(key)
      const row = open.get(key)
      if (!row) {
        await db.insert(labelMergeSuggestions).values({ labelId: member.id, targetId: group.targetId, basis: member.basis })
        added += 1
      } else if (row.basis !== member.basis) {
        await db.update(labelMergeSuggestions)
          .set({ basis: member.basis })
          .where(and(eq(labelMergeSuggestions.labelId, member.id), eq(labelMergeSuggestions.targetId, group.targetId)))
      }
    }
  }
  const stale = [...open.values()].filter((r) => !seen.has(`${r.labelId}>${r.targetId}`))
  for (const r of stale) {
    await db.delete(labelMergeSuggestions)
      .where(
        and(
          eq(labelMergeSuggestions.labelId, r.labelId),
          eq(labelMergeSuggestions.targetId, r.targetId),
          isNull(labelMergeSuggestions.dismissedAt),
        ),
      )
  }
  return { open: seen.size, added, removed: stale.length }
}

/**
 * The suggestions refreshLabelMergeSuggestions would leave open over the `existing` labels (with
 * their counts, from listLabelsWithPosts) if `planned` labels existed too (an import's dry run:
 * new labels with stand-in ids, which must not collide with real ones), shaped as
 * listLabelMergeSuggestions shapes them. Writes nothing.
 */
export async function previewLabelMergeSuggestions(
  existing: ReadonlyArray<LabelWithPosts>,
  planned: ReadonlyArray<LabelWithPosts>,
  db: Executor = getDb(),
): Promise<MergeSuggestion[]> {
  const all = [...existing, ...planned]
  const info = new Map(all.map((l) => [l.id, l]))
  const dismissed = new Set(
    (await db
      .select({ labelId: labelMergeSuggestions.labelId, targetId: labelMergeSuggestions.targetId })
      .from(labelMergeSuggestions)
      .where(sql`${labelMergeSuggestions.dismissedAt} is not null`))
      .map((r) => pairKey(r.labelId, r.targetId)),
  )
  const groups: MergeSuggestion[] = []
  for (const group of findDuplicateLabels(all)) {
    const target = info.get(group.targetId)!
    const members = group.members.filter((m) => !dismissed.has(pairKey(m.id, group.targetId)))
    if (members.length === 0) continue
    groups.push({ target, labels: members.map((m) => ({ ...info.get(m.id)!, basis: m.basis })) })
  }
  for (const g of groups) g.labels.sort((a, b) => b.posts - a.posts || a.name.localeCompare(b.name, 'id'))
  return groups.sort((a, b) => a.target.name.localeCompare(b.target.name, 'id', { sensitivity: 'base' }) || a.target.id - b.target.id)
}

/** Open suggestions, one entry per target label (A–Z), members by public story count. */
export async function listLabelMergeSuggestions(tx: Executor = getDb()): Promise<MergeSuggestion[]> {
  const rows = await tx
    .select({ labelId: labelMergeSuggestions.labelId, targetId: labelMergeSuggestions.targetId, basis: labelMergeSuggestions.basis })
    .from(labelMergeSuggestions)
    .where(isNull(labelMergeSuggestions.dismissedAt))
    .orderBy(asc(labelMergeSuggestions.targetId), asc(labelMergeSuggestions.labelId))
  if (rows.length === 0) return []
  const info = new Map((await listLabelsWithPosts(tx, [...new Set(rows.flatMap((r) => [r.labelId, r.targetId]))])).map((l) => [l.id, l]))
  const byTarget = new Map<number, MergeSuggestion>()
  for (const r of rows) {
    const target = info.get(r.targetId)
    const label = info.get(r.labelId)
    if (!target || !label) continue
    let group = byTarget.get(r.targetId)
    if (!group) byTarget.set(r.targetId, (group = { target, labels: [] }))
    group.labels.push({ ...label, basis: r.basis })
  }
  const groups = [...byTarget.values()]
  for (const g of groups) g.labels.sort((a, b) => b.posts - a.posts || a.name.localeCompare(b.name, 'id'))
  return groups.sort((a, b) => a.target.name.localeCompare(b.target.name, 'id', { sensitivity: 'base' }) || a.target.id - b.target.id)
}

async function openMemberIds(db: Executor, targetId: number): Promise<Set<number>> {
  const rows = await db
    .select({ labelId: labelMergeSuggestions.labelId })
    .from(labelMergeSuggestions)
    .where(and(eq(labelMergeSuggestions.targetId, targetId), isNull(labelMergeSuggestions.dismissedAt)))
  return new Set(rows.map((r) => r.labelId))
}

async function markDismissed(db: Executor, targetId: number, labelIds: number[], actorId: number | null): Promise<void> {
  await db.update(labelMergeSuggestions)
    .set({ dismissedAt: new Date() })
    .where(
      and(
        eq(labelMergeSuggestions.targetId, targetId),
        inArray(labelMergeSuggestions.labelId, labelIds),
        isNull(labelMergeSuggestions.dismissedAt),
      ),
    )
  await recordAudit({ actorId, action: 'label:dismiss-suggestion', entity: 'label', entityId: targetId, detail: { labelIds } }, db)
}

/**
 * Accepts a suggestion: merges the ticked members into the target as mergeLabels does (so their
 * URLs 301 to the target in one hop) and dismisses the members the editor unticked, so they are
 * not offered for this target again. The stories move in slices first (labels-desk-merge.ts); the
 * dismissals and the rest of the merge are one transaction. Throws StaleSuggestionError when a
 * ticked label is no longer an open suggestion for the target (checked before anything moves, and
 * again at the end: two editors answering one suggestion at once can leave the stories moved and
 * the labels in place, which merging them again finishes), InvalidMergeError or LabelNotFoundError
 * from the merge.
 */
export async function acceptLabelMergeSuggestion(
  targetId: number,
  labelIds: number[],
  actorId: number | null,
): Promise<MergeResult & { dismissedIds: number[] }> {
  const ids = [...new Set(labelIds)]
  if (ids.length === 0) throw new InvalidMergeError('no-sources')
  const stillOpen = async (db: Executor) => {
    const open = await openMemberIds(db, targetId)
    if (ids.some((id) => !open.has(id))) throw new StaleSuggestionError(targetId)
    return open
  }
  await stillOpen(getDb())
  const moved = await moveStoriesForMerge(ids, targetId)
  return write(async (tx) => {
    const open = await stillOpen(tx)
    const unticked = [...open].filter((id) => !ids.includes(id))
    if (unticked.length > 0) await markDismissed(tx, targetId, unticked, actorId)
    // The merged labels' suggestion rows go with them (ON DELETE CASCADE).
    const result = await finishMerge(tx, ids, targetId, actorId, moved)
    return { ...result, dismissedIds: unticked }
  })
}

/**
 * Dismisses members of a suggestion: they stay in the table, dismissed, and are never offered
 * for this target again. Returns how many were dismissed. Throws StaleSuggestionError when
 * none of them was open.
 */
export async function dismissLabelMergeSuggestion(targetId: number, labelIds: number[], actorId: number | null): Promise<number> {
  const ids = [...new Set(labelIds)]
  return write(async (tx) => {
    const open = await openMemberIds(tx, targetId)
    const dismissing = ids.filter((id) => open.has(id))
    if (dismissing.length === 0) throw new StaleSuggestionError(targetId)
    await markDismissed(tx, targetId, dismissing, actorId)
    return dismissing.length
  })
}

