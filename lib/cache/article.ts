import 'server-only'
import { listNeighbourIds, listRelatedFollowerIds } from '@/db/queries/articles'
import { listLabelsByIds } from '@/db/queries/labels'
import { TAGS } from '@/lib/cache-tags'
import { jakartaParts, toIsoDay } from '@/lib/dates'

/**
 * Where a story shows publicly: what decides which pages carry it. Null when it is not public
 * (a draft, scheduled, unpublished, retracted or deleted story shows nowhere).
 */
export type ArticleFootprint = {
  id: number
  authorId: number
  /** In display order: the first is the section printed on cards. */
  labelIds: number[]
  pathMonth: string
  slug: string
  publishedAt: Date
  /** Advertorials stay out of the news sitemap. */
  isSponsored: boolean
}

/** Everything that puts a story on a list or gives it an address, as one comparable key. */
function listingKey(a: ArticleFootprint): string {
  return [a.authorId, a.labelIds.join(','), a.pathMonth, a.slug, a.publishedAt.getTime(), a.isSponsored].join('|')
}

/** The tags of the lists and addresses a public story is on (not the pages that merely show it). */
function listingTags(a: ArticleFootprint): string[] {
  const { year, month } = jakartaParts(a.publishedAt)
  return [
    TAGS.latest,
    TAGS.articlePath(a.pathMonth, a.slug),
    TAGS.authorList(a.authorId),
    ...a.labelIds.map(TAGS.labelList),
    // A label made while the story was written may have answered 404 at its address until now.
    ...listLabelsByIds(a.labelIds).map((l) => TAGS.labelSlug(l.slug)),
    TAGS.month(year, month),
    TAGS.year(year),
    TAGS.day(toIsoDay(a.publishedAt)),
    // Its previous/next neighbours link to it, and up to RELATED_WINDOW later stories per label
    // may list it as related: found from where it stands, so this reads the database.
    ...listNeighbourIds(a.id, a.publishedAt).map(TAGS.article),
    ...listRelatedFollowerIds(a.id, a.labelIds, a.publishedAt).map(TAGS.article),
  ]
}

/**
 * Every tag to expire after a story changed, given where it showed before and shows after (null:
 * not public). An edit that keeps a live story on the same lists reaches only the pages showing
 * it (its page, its cards, its feed items, the neighbours' links) and its sitemap's lastmod; a
 * publish, unpublish, retraction, republish, re-date, re-label, new author or new address also
 * reaches every list it leaves or joins, its neighbours' and followers' pages, and a 404 cached
 * at its new address. Call after the write: neighbours are read from the database.
 */
export function articleChangeTags(before: ArticleFootprint | null, after: ArticleFootprint | null): string[] {
  if (!before && !after) return []
  const tags = new Set<string>([TAGS.search])
  for (const a of [before, after]) if (a) tags.add(TAGS.article(a.id))
  // The sitemaps carry its lastmod, and the news sitemap its headline.
  tags.add(TAGS.sitemaps)
  if (before && after && listingKey(before) === listingKey(after)) return [...tags]
  for (const a of [before, after]) if (a) for (const tag of listingTags(a)) tags.add(tag)
  // The old address now redirects, or answers 410 with a notice (retraction, deletion).
  if (before && (!after || before.pathMonth !== after.pathMonth || before.slug !== after.slug)) tags.add(TAGS.redirects)
  return [...tags]
}

/** The tags of every page showing one of these stories (a media alt text change, an author's byline). */
export function articlesShownTags(ids: readonly number[]): string[] {
  return ids.map(TAGS.article)
}
