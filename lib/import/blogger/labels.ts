import 'server-only'
import {
  applyLabelMergeGroups,
  type LabelWithPosts,
  listLabelIds,
  listLabelMergeSuggestions,
  listLabelsWithPosts,
  previewLabelMergeSuggestions,
} from '@/db/queries/label-suggestions'
import { recordAudit } from '@/db/queries/audit'
import { findDuplicateLabels } from '@/lib/labels/similar'
import type { MergeSuggestion } from './report'
import { labels, users } from '@/db/tables'
import { bloggerLabelPath, labelKey } from '@/lib/labels/key'
import { isBloggerSourcePath } from '@/lib/redirects/blogger'
import { LABEL_LIMITS } from '@/lib/validation/labels'
import { labelPath, slugify } from '@/lib/urls'
import { getMapping, type ImportContext, redirectOldPath, remember } from './context'
import { displayName, hashOf, SPONSORED_LABEL, type EntryPlan } from './plan'

/*
 * Labels and authors of an import. Both are few (a blog has hundreds of labels, a handful of
 * authors), so their plans stay in memory: collected while the export is read, given ids in the
 * publish step's first slices, before the posts that carry them.
 */

export type LabelPlan = {
  key: string
  /** Each raw spelling and how many posts use it: the most used names the label. */
  variants: Map<string, number>
  livePosts: number
  sponsored: boolean
  /** Set by the publish step (a dry run gives new labels negative stand-ins). */
  id?: number
  slug?: string
}

export type AuthorPlan = { key: string; name: string; id?: number }

/** Labels and authors as the export's posts and pages name them. */
export class PeopleAndLabels {
  readonly labels = new Map<string, LabelPlan>()
  readonly authors = new Map<string, AuthorPlan>()

  add(plan: EntryPlan, authorName: string): void {
    // The last name seen for an author wins.
    this.authors.set(plan.authorKey, { key: plan.authorKey, name: authorName })
    plan.labelKeys.forEach((key, i) => {
      const raw = plan.labelNames[i]!
      let label = this.labels.get(key)
      if (!label) this.labels.set(key, (label = { key, variants: new Map(), livePosts: 0, sponsored: SPONSORED_LABEL.test(key) }))
      label.variants.set(raw, (label.variants.get(raw) ?? 0) + 1)
      if (plan.status === 'published') label.livePosts++
    })
  }

  /** The label ids of a post, in its order, without duplicates or labels deleted in Warta. */
  labelIdsOf(keys: string[]): number[] {
    return [...new Set(keys.map((k) => this.labels.get(k)?.id).filter((id): id is number => id !== undefined))]
  }

  /** The labels' names as the newsroom will see them (for the sponsor's name). */
  labelNamesOf(keys: string[]): string[] {
    return keys.map((k) => displayName(this.labels.get(k)!.variants))
  }

  /**
   * The most used, tidiest spelling first: where two names share a slug ("PT Semen Andalas
   * Raya", "PT.Semen Andalas Raya"), it gets the plain one.
   */
  orderedLabels(): LabelPlan[] {
    const punctuation = (s: string) => s.replace(/[\p{L}\p{N}\s]/gu, '').length
    return [...this.labels.values()].sort(
      (a, b) => b.livePosts - a.livePosts || punctuation(a.key) - punctuation(b.key) || a.key.localeCompare(b.key),
    )
  }
}

/** Picks `base` or `base-2`, `base-3`… for which `taken` says no. */
export async function claimSlug(base: string, taken: (slug: string) => boolean | Promise<boolean>): Promise<string> {
  let slug = base
  for (let i = 2; await taken(slug); i++) slug = `${base}-${i}`
  return slug
}

/**
 * Known authors keep their user; others become deactivated users, who cannot sign in until an
 * admin gives them an email and a first password (users screen). In slices; a dry run only counts.
 */
export async function publishAuthors(ctx: ImportContext, people: PeopleAndLabels): Promise<void> {
  const pending = [...people.authors.values()]
  let fake = -1
  while (pending.length > 0) {
    await ctx.slicer.runOrRead(ctx.dryRun, async (tx, pastBudget) => {
      let done = 0
      while (pending.length > 0 && !(done > 0 && pastBudget())) {
        const author = pending.shift()!
        done++
        const mapping = await getMapping(ctx, 'author', author.key)
        if (mapping && (await ctx.statements.userExists(mapping.entityId))) {
          author.id = mapping.entityId
          ctx.report.authors.unchanged++
          continue
        }
        const name = author.name.replace(/\s+/g, ' ').trim() || 'Redaksi'
        const slug = await claimSlug(slugify(name, 60), async (s) => ctx.dryRunClaims.has(`user:${s}`) || (await ctx.statements.userSlugTaken(s)))
        if (ctx.dryRun || !tx) {
          ctx.dryRunClaims.add(`user:${slug}`)
          author.id = fake--
        } else {
          author.id = (await tx
            .insert(users)
            .values({ name, slug, email: null, role: 'reporter', active: false, passwordHash: null })
            .returning({ id: users.id }))[0]!.id
        }
        await remember(ctx, 'author', author.key, { entityId: author.id, contentHash: hashOf(name) })
        ctx.report.authors.created++
      }
    })
  }
}

/**
 * Gives every label of the export its id: the one it was imported as (followed through merges),
 * else an existing label with the same key, else a new label. A label deleted in Warta since the
 * last import stays deleted: posts come without it. In slices; a dry run only counts.
 */
export async function publishLabels(ctx: ImportContext, people: PeopleAndLabels): Promise<void> {
  const pending = people.orderedLabels()
  let fake = -1
  while (pending.length > 0) {
    await ctx.slicer.runOrRead(ctx.dryRun, async (tx, pastBudget) => {
      // Read in each slice: the newsroom may have added or merged labels in between.
      const existing = await ctx.statements.allLabels()
      // Where two labels share a key (made by hand before the import), the later one answers.
      const byKey = new Map(existing.map((l) => [labelKey(l.name), l.id]))
      const ids = new Set(existing.map((l) => l.id))
      const slugs = new Set(existing.map((l) => l.slug))
      let done = 0
      while (pending.length > 0 && !(done > 0 && pastBudget())) {
        const plan = pending.shift()!
        done++
        const mapping = await getMapping(ctx, 'label', plan.key)
        // Merged since the last import: the mapping follows the surviving label (mergeLabels).
        if (mapping && ids.has(mapping.entityId)) {
          plan.id = mapping.entityId
          ctx.report.labels.unchanged++
          continue
        }
        if (mapping) {
          // Deleted in Warta on purpose: posts are imported without it.
          ctx.report.labels.skipped++
          continue
        }
        const found = byKey.get(plan.key)
        if (found !== undefined) {
          plan.id = found
          ctx.report.labels.unchanged++
        } else {
          const name = displayName(plan.variants)
          const slug = await claimSlug(slugify(name, LABEL_LIMITS.slug), (s) => slugs.has(s) || ctx.dryRunClaims.has(`label:${s}`))
          if (ctx.dryRun || !tx) {
            ctx.dryRunClaims.add(`label:${slug}`)
            plan.id = fake--
          } else {
            plan.id = (await tx.insert(labels).values({ name: name.slice(0, LABEL_LIMITS.name), slug }).returning({ id: labels.id }))[0]!.id
          }
          plan.slug = slug
          slugs.add(slug)
          byKey.set(plan.key, plan.id)
          ctx.report.labels.created++
        }
        await remember(ctx, 'label', plan.key, { entityId: plan.id, contentHash: '' })
      }
    })
  }
}

/** Old label archives, for labels that had a public archive (a label on a live post). In slices. */
export async function redirectOldLabelPaths(ctx: ImportContext, people: PeopleAndLabels): Promise<void> {
  const pending = [...people.labels.values()].filter((plan) => plan.livePosts > 0 && plan.id !== undefined)
  while (pending.length > 0) {
    await ctx.slicer.runOrRead(ctx.dryRun, async (_tx, pastBudget) => {
      let done = 0
      while (pending.length > 0 && !(done > 0 && pastBudget())) {
        const plan = pending.shift()!
        done++
        const slug = plan.id! < 0 ? plan.slug : await ctx.statements.labelSlug(plan.id!)
        const from = bloggerLabelPath(plan.key)
        if (slug && isBloggerSourcePath('label', from)) await redirectOldPath(ctx, from, labelPath(slug))
      }
    })
  }
}

const LABELS_COUNTED_AT_ONCE = 25

/**
 * Every label with its number of public stories, counted a few labels at a time with the event
 * loop handed back in between (at 100,000 stories one count over all labels takes 100–400 ms).
 */
async function countLabels(ctx: ImportContext): Promise<LabelWithPosts[]> {
  const ids = await listLabelIds()
  const out: LabelWithPosts[] = []
  for (let i = 0; i < ids.length; i += LABELS_COUNTED_AT_ONCE) {
    out.push(...(await listLabelsWithPosts(undefined, ids.slice(i, i + LABELS_COUNTED_AT_ONCE))))
    await ctx.pacer.yield()
  }
  return out
}

/**
 * Labels that look like duplicates (typos, abbreviations, glued words…), offered on the labels
 * screen: found from counts read outside the lock, written in one short slice with the audit
 * record, then listed for the report. A dry run lists what it would offer.
 */
export async function refreshMergeSuggestions(
  ctx: ImportContext,
  people: PeopleAndLabels,
  audit: { actorId: number | null; detail: Record<string, unknown> },
): Promise<MergeSuggestion[]> {
  const existing = await countLabels(ctx)
  if (ctx.dryRun) {
    const created = [...people.labels.values()]
      .filter((plan) => plan.id !== undefined && plan.id < 0)
      .map((plan) => ({ id: plan.id!, name: displayName(plan.variants).slice(0, LABEL_LIMITS.name), slug: plan.slug ?? '', posts: plan.livePosts }))
    return previewLabelMergeSuggestions(existing, created)
  }
  const groups = findDuplicateLabels(existing)
  await ctx.pacer.yield()
  await ctx.slicer.run(async (tx) => {
    await applyLabelMergeGroups(tx, groups)
    await recordAudit({ actorId: audit.actorId, action: 'import:blogger', entity: 'import', detail: audit.detail }, tx)
  })
  return listLabelMergeSuggestions()
}
