/**
 * Cache tags for public pages. A page tags itself with everything it shows; a write
 * revalidates the tags of every page the record appears on (db/queries/*, revalidate helpers).
 */
export const TAGS = {
  /** Site chrome: name, tagline, navigation; every public page carries it. */
  site: 'site',
  /** Lists of latest articles: home, month/year archives, daily index, feeds. */
  latest: 'articles:latest',
  article: (id: number) => `article:${id}`,
  label: (id: number) => `label:${id}`,
  author: (id: number) => `author:${id}`,
  page: (slug: string) => `page:${slug}`,
  /**
   * Sitemaps' lists and lastmod dates. Revalidate it with any change to a public article's URL,
   * status or update time (tagsForArticleChange does).
   */
  sitemaps: 'sitemaps',
  /**
   * Moved and removed URLs. The server's redirect check does not read cache tags: /api/revalidate tells it to
   * re-check the redirect table when this tag is sent (lib/redirects/table.ts).
   */
  redirects: 'redirects',
} as const

/**
 * Every tag to revalidate after an article is created, edited, published, unpublished,
 * retracted, re-slugged or deleted: each page and feed it appears on, before and after.
 */
export function tagsForArticleChange(
  before: { id: number; authorId: number; labelIds: number[] } | null,
  after: { id: number; authorId: number; labelIds: number[] } | null,
  opts: { urlChanged?: boolean } = {},
): string[] {
  const tags = new Set<string>([TAGS.latest, TAGS.sitemaps])
  for (const a of [before, after]) {
    if (!a) continue
    tags.add(TAGS.article(a.id))
    tags.add(TAGS.author(a.authorId))
    for (const id of a.labelIds) tags.add(TAGS.label(id))
  }
  if (opts.urlChanged) tags.add(TAGS.redirects)
  return [...tags]
}
