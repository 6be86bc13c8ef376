import 'server-only'
import { TAGS } from '@/lib/cache-tags'

type PageState = { slug: string; title: string; published: boolean }

/**
 * A static page (/p/slug) created, edited, published, unpublished, renamed or deleted: the page
 * at its old and new address, the pages sitemap, and, when what the footer lists changes (a
 * published page's title or address, or whether it is published), every page's chrome.
 */
export function staticPageChangedTags(before: PageState | null, after: PageState | null): string[] {
  const tags = new Set<string>([TAGS.sitemaps])
  for (const p of [before, after]) if (p) tags.add(TAGS.page(p.slug))
  const listed = (p: PageState | null) => (p?.published ? `${p.slug}\n${p.title}` : null)
  if (listed(before) !== listed(after)) tags.add(TAGS.site)
  if (before && after && before.slug !== after.slug) tags.add(TAGS.redirects)
  return [...tags]
}
