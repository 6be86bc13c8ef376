import 'server-only'
import { getSiteSettings } from '@/db/queries/settings'
import { TAGS } from '@/lib/cache-tags'

type LabelRef = { id: number; slug: string }

/** The navigation prints featured labels' names on every page. */
async function navigationTags(labelIds: readonly number[]): Promise<string[]> {
  const featured = new Set((await getSiteSettings()).featuredLabelIds)
  return labelIds.some((id) => featured.has(id)) ? [TAGS.site] : []
}

/** A new label: a 404 cached at its address, and the labels sitemap. */
export function labelCreatedTags(label: LabelRef): string[] {
  return [TAGS.labelSlug(label.slug), TAGS.sitemaps]
}

/**
 * A label renamed, re-described or re-slugged: every page printing it (its archive and feed,
 * kickers on cards, article pages listing it, the navigation when featured), its old and new
 * addresses, the labels sitemap.
 */
export async function labelChangedTags(before: LabelRef, after: LabelRef): Promise<string[]> {
  const tags = [TAGS.label(after.id), TAGS.labelSlug(before.slug), TAGS.labelSlug(after.slug), TAGS.sitemaps, ...(await navigationTags([after.id]))]
  if (before.slug !== after.slug) tags.push(TAGS.redirects)
  return tags
}

/**
 * Labels merged into a target (or deleted: target null). Every page that printed a source (now
 * printing the target or nothing), the target's lists (they gain the sources' stories) and its
 * stories' pages (their related lists gain candidates), the sources' addresses, the navigation
 * when a source was featured. Pages printing only the target's name do not change.
 */
export async function labelsMergedTags(sources: readonly LabelRef[], target: LabelRef | null): Promise<string[]> {
  const sourceIds = sources.map((s) => s.id)
  return [
    ...sourceIds.flatMap((id) => [TAGS.label(id), TAGS.labelList(id)]),
    ...(target ? [TAGS.labelList(target.id), TAGS.labelRelated(target.id)] : []),
    ...sources.map((s) => TAGS.labelSlug(s.slug)),
    TAGS.sitemaps,
    TAGS.redirects,
    // A featured source is replaced by the target (or dropped) in the navigation.
    ...(await navigationTags(sourceIds)),
  ]
}
