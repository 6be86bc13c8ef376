import 'server-only'
import { isAmongNewest, listNeighbourIds, listRelatedFollowerIds } from '@/db/queries/articles'
import { FEED_SIZE } from '@/db/queries/feeds'
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

/** Everything that puts a story on a list, or places it on one, as one comparable key. */
function listingKey(a: ArticleFootprint): string {
  return [a.authorId, a.labelIds.join(','), a.publishedAt.getTime(), a.isSponsored].join('|')
}

const addressOf = (a: ArticleFootprint) => TAGS.articlePath(a.pathMonth, a.slug)

/**
 * The longest site-wide list of newest stories: the site feed (the homepage shows fewer). A story
 * further down the order is on none of them.
 */
const LATEST_LIST_SIZE = FEED_SIZE

/** The tags of the lists and addresses a public story is on (not the pages that merely show it). */
async function listingTags(a: ArticleFootprint): Promise<string[]> {
  const { year, month } = jakartaParts(a.publishedAt)
  return [
    ...((await isAmongNewest(a.id, a.publishedAt, LATEST_LIST_SIZE)) ? [TAGS.latest] : []),
    addressOf(a),
    TAGS.authorList(a.authorId),
    ...a.labelIds.map(TAGS.labelList),
    // A label made while the story was written may have answered 404 at its address until now.
    ...(await listLabelsByIds(a.labelIds)).map((l) => TAGS.labelSlug(l.slug)),
    TAGS.month(year, month),
    TAGS.year(year),
    TAGS.day(toIsoDay(a.publishedAt)),
    // Its previous/next neighbours' pages link to it, and up to RELATED_WINDOW later stories per
    // label may list it as related: found from where it stands, so this reads the database. Their
    // pages only, not their cards elsewhere.
    ...(await listNeighbourIds(a.id, a.publishedAt)).map(TAGS.articlePage),
    ...(await listRelatedFollowerIds(a.id, a.labelIds, a.publishedAt)).map(TAGS.articlePage),
  ]
}

/**
 * Every tag to expire after a story changed, given where it showed before and shows after (null:
 * not public). An edit that keeps a live story on the same lists (a new headline, body, image,
 * even a new address) reaches only the pages showing it (its page, its cards, its feed items, the
 * neighbours' links), the sitemaps, and its old and new address; a publish, unpublish,
 * retraction, republish, re-date, re-label or new author also reaches every list it leaves or
 * joins and its neighbours' and followers' pages. Call after the write: neighbours are read from
 * the database.
 */
export async function articleChangeTags(before: ArticleFootprint | null, after: ArticleFootprint | null): Promise<string[]> {
  if (!before && !after) return []
  const tags = new Set<string>()
  for (const a of [before, after]) if (a) tags.add(TAGS.article(a.id))
  // The sitemaps carry its lastmod, and the news sitemap its headline.
  tags.add(TAGS.sitemaps)
  const moved = before && (!after || addressOf(before) !== addressOf(after))
  if (moved) {
    // The old address now redirects, or answers 410 with a notice (retraction, deletion); the
    // new one may have a 404 cached.
    tags.add(TAGS.redirects)
    tags.add(addressOf(before))
    if (after) tags.add(addressOf(after))
  }
  // Same lists, same place on them: the pages showing it carry its own tag.
  if (before && after && listingKey(before) === listingKey(after)) return [...tags]
  for (const a of [before, after]) if (a) for (const tag of (await listingTags(a))) tags.add(tag)
  return [...tags]
}

/** The tags of every page showing one of these stories (a media alt text change, an author's byline). */
export function articlesShownTags(ids: readonly number[]): string[] {
  return ids.map(TAGS.article)
}
