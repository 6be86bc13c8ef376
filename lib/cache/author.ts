import 'server-only'
import { TAGS } from '@/lib/cache-tags'

/**
 * An author's public profile changed (name, bio; and the address when `slugs` says it moved): the
 * author page and feed, every byline (article pages, feed items), the authors
 * sitemap, and the old and new addresses.
 */
export function authorChangedTags(id: number, slugs?: { before: string; after: string }): string[] {
  const tags = [TAGS.author(id), TAGS.sitemaps]
  if (slugs && slugs.before !== slugs.after) tags.push(TAGS.authorSlug(slugs.before), TAGS.authorSlug(slugs.after), TAGS.redirects)
  return tags
}
