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
} as const
