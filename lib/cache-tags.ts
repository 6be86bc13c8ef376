/**
 * Cache tags for public pages (ADR 007). A page tags itself with every record it shows
 * (lib/cache/page-tags.ts says which, per page type); a change expires the tags of every page the
 * record appears on, and nothing else, through one module per record type (lib/cache/*.ts).
 *
 * Two kinds of tag:
 * - a record's own tag (`article:12`, `label:3`, `author:5`): every page that prints something of
 *   that record (a card's headline, a byline, a label's name) carries it;
 * - a list's tag (`label-list:3`, `month:2024-05`, `articles:latest`): every page of that list
 *   carries it, so a story joining or leaving the list reaches all its pages (page N included).
 * Pages that answer 404 carry the tag of the address they were asked for (`path:…`,
 * `label-slug:…`), so the record's arrival turns the 404 into the page.
 */
export const TAGS = {
  /** Site chrome: name, tagline, logo, navigation, footer. Every public page carries it. */
  site: 'site',
  /** Site-wide lists of the newest stories: homepage, site feed, news sitemap, today's index. */
  latest: 'articles:latest',
  /** One story as shown anywhere: its page, its cards, its feed items, neighbours' links to it. */
  article: (id: number) => `article:${id}`,
  /**
   * A story's own page only (not its cards elsewhere): what a change to its neighbours or its
   * related stories reaches.
   */
  articlePage: (id: number) => `article-page:${id}`,
  /** A story's address, carried by the page at that address whether it answered 200 or 404. */
  articlePath: (pathMonth: string, slug: string) => `path:${pathMonth}/${slug}`,
  /** A label as shown anywhere (name, slug, description): its archive, kickers, article pages. */
  label: (id: number) => `label:${id}`,
  /** The stories of a label: every page of its archive, its feed, its homepage block. */
  labelList: (id: number) => `label-list:${id}`,
  /**
   * The stories a label's own stories draw related stories from: carried by the article pages of
   * the label's stories, expired when the label gains stories by a merge.
   */
  labelRelated: (id: number) => `label-related:${id}`,
  /** A label address, carried by its archive and feed (also when they answer 404). */
  labelSlug: (slug: string) => `label-slug:${slug}`,
  /** An author as shown anywhere (name, bio, slug): author page, feed, bylines. */
  author: (id: number) => `author:${id}`,
  /** The stories of an author: every page of the author page, the author feed. */
  authorList: (id: number) => `author-list:${id}`,
  authorSlug: (slug: string) => `author-slug:${slug}`,
  /** Every page of a month archive (`/2024/05`) and of its year (`/2024`); WIB months. */
  month: (year: number, month: number) => `month:${year}-${String(month).padStart(2, '0')}`,
  year: (year: number) => `year:${year}`,
  /** The daily index of one WIB day (`/indeks?tanggal=2024-05-01`). */
  day: (isoDay: string) => `day:${isoDay}`,
  page: (slug: string) => `page:${slug}`,
  /**
   * The sitemap index and the small sitemaps (labels, authors, pages, news). Article sitemaps are
   * streamed from the database per request, with an ETag, and need no tag.
   */
  sitemaps: 'sitemaps',
  /**
   * Moved and removed URLs: the 410 notices. The redirect check itself reads the redirect table's
   * version (lib/redirects/table.ts), not tags.
   */
  redirects: 'redirects',
} as const
