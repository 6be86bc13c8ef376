/*
 * The URL shapes of a blog imported from Blogger (issue #5), read for the redirect check
 * (./decide.ts, run by server.mjs on every GET). No Node or database imports. What each shape
 * leads to is decided in decide.ts; docs/decisions/004-redirects.md ("Legacy Blogger URLs")
 * lists the rules.
 */
import { paramName } from '@/lib/http/page-query.mjs'
import { bloggerLabelPath, labelKey } from '@/lib/labels/key'
import { monthArchivePath } from '@/lib/urls'

/** A request path that Blogger served, as far as the path alone tells. */
export type BloggerRoute =
  /** A post (`/{yyyy}/{mm}/{name}.html`) or page (`/p/{name}.html`): only the table knows it. */
  | { kind: 'entry' }
  /** `/{yyyy}_{mm}_{dd}_archive.html`: Blogger's archive file, here the month archive. */
  | { kind: 'archive'; location: string }
  /** `/search/label/{L}`; `tablePath` is the label's row in the redirect table. */
  | { kind: 'label'; tablePath: string }
  /** `/feeds/posts/{default|full|summary}/-/{L}`. */
  | { kind: 'label-feed'; tablePath: string }
  /** The blog's post feed in any of its addresses. */
  | { kind: 'site-feed' }
  /** One post's comment feed; `tablePath` is the row the importer writes for it. */
  | { kind: 'comment-feed'; tablePath: string }
  /** A feed Warta has no counterpart for (all comments, pages). */
  | { kind: 'removed-feed' }
  /** `/search`: a search, or Blogger's "Older posts" link on the home page. */
  | { kind: 'search' }
  /** `/` with Blogger's mobile switch (`?m=1`). */
  | { kind: 'home' }
  /** Blogger's sitemap of pages; ours lists everything from /sitemap.xml. */
  | { kind: 'sitemap' }
  /** In Blogger's namespace (`/search/…`, `/feeds/…`) but no shape we answer: 404. */
  | { kind: 'unknown' }

const FEED_VIEW = '(?:default|full|summary)'
const SITE_FEED = new RegExp(`^/feeds/posts/${FEED_VIEW}$`)
const REMOVED_FEED = new RegExp(`^/feeds/(?:comments|pages)/${FEED_VIEW}$`)
// A comment feed, or one comment in it (`…/comments/default/{commentId}`, the link replies carry).
const COMMENT_FEED = new RegExp(`^/feeds/(\\d{1,30})/comments/${FEED_VIEW}(?:/\\d{1,30})?$`)
// Matched on the raw path: the label keeps its own case and escapes until labelKey reads it.
const LABEL_FEED = new RegExp(`^/feeds/posts/${FEED_VIEW}/-/([^/]+)(?:/.*)?$`, 'i')
const LABEL = /^\/search\/label\/(.+?)\/*$/i
const ARCHIVE_FILE = /^\/(\d{4})_(0[1-9]|1[0-2])_\d{2}_archive\.html$/

/**
 * What Blogger served at this path, or null for a path Blogger never had, which is every
 * ordinary Warta URL: those cost a few string comparisons here and nothing else.
 * `canonical` is canonicalPath(pathname); `search` the raw query (`?…` or '').
 */
export function parseBloggerPath(pathname: string, canonical: string, search: string): BloggerRoute | null {
  if (canonical.endsWith('.html')) {
    const archive = ARCHIVE_FILE.exec(canonical)
    if (archive) return { kind: 'archive', location: monthArchivePath(Number(archive[1]), Number(archive[2])) }
    return { kind: 'entry' }
  }
  if (canonical === '/search') return { kind: 'search' }
  if (canonical.startsWith('/search/')) {
    const raw = LABEL.exec(pathname)?.[1]
    const tablePath = raw === undefined ? null : labelTablePath(raw)
    return tablePath ? { kind: 'label', tablePath } : { kind: 'unknown' }
  }
  if (canonical.startsWith('/feeds/')) {
    if (SITE_FEED.test(canonical)) return { kind: 'site-feed' }
    const comments = COMMENT_FEED.exec(canonical)
    if (comments) return { kind: 'comment-feed', tablePath: `/feeds/${comments[1]}/comments/default` }
    if (REMOVED_FEED.test(canonical)) return { kind: 'removed-feed' }
    // Blogger's `/-/A/B` asks for posts with both labels; the first label's feed is the nearest.
    const raw = LABEL_FEED.exec(pathname)?.[1]
    const tablePath = raw === undefined ? null : labelTablePath(raw)
    return tablePath ? { kind: 'label-feed', tablePath } : { kind: 'unknown' }
  }
  if (canonical === '/atom.xml' || canonical === '/rss.xml') return { kind: 'site-feed' }
  if (canonical === '/sitemap-pages.xml') return { kind: 'sitemap' }
  if (canonical === '/' && hasMobileParam(search)) return { kind: 'home' }
  return null
}

/*
 * The only paths an import may write redirect rows from (issue #10, finding 6): the redirect
 * check serves a row for any path it holds, so a row from `/admin/masuk` would send the sign-in
 * page elsewhere. Each shape is one Blogger served and no Warta route has: posts end in `.html`
 * under a year and month, pages in `.html` under `/p/`; a comment feed has Blogger's numeric
 * post id; a label archive sits under `/search/label/`. A name segment may be percent-encoded
 * but never holds a slash, a backslash, `..` alone or control characters.
 */
const SEGMENT = String.raw`[^/\\\s?#\p{Cc}]+`
const NAME = String.raw`(?!\.\.?\.html$)${SEGMENT}`
const POST_SOURCE = new RegExp(String.raw`^/\d{4}/(?:0[1-9]|1[0-2])/${NAME}\.html$`, 'iu')
const PAGE_SOURCE = new RegExp(String.raw`^/p/${NAME}\.html$`, 'iu')
const COMMENT_FEED_SOURCE = /^\/feeds\/\d{1,30}\/comments\/default$/
const LABEL_SOURCE = new RegExp(String.raw`^/search/label/${SEGMENT}$`, 'iu')

export type ImportSourceKind = 'post' | 'page' | 'comment-feed' | 'label'

/**
 * Whether `path` has the shape Blogger gave this kind of address, so that an import may redirect
 * it: `/2023/09/judul.html` (post), `/p/redaksi.html` (page), `/feeds/{post id}/comments/default`,
 * `/search/label/{label}`. Never true for anything under `/admin`, `/api`, `/_next` or `/media`.
 */
export function isBloggerSourcePath(kind: ImportSourceKind, path: string): boolean {
  if (path.length > 500) return false
  switch (kind) {
    case 'post':
      return POST_SOURCE.test(path)
    case 'page':
      return PAGE_SOURCE.test(path)
    case 'comment-feed':
      return COMMENT_FEED_SOURCE.test(path)
    case 'label':
      return LABEL_SOURCE.test(path)
  }
}

/**
 * The redirect-table path of a label segment as Blogger wrote it (`Koto%20Alai`, `koto+alai`,
 * `KOTO%20%20ALAI`): percent-decoded, `+` read as a space (Blogger escapes a real plus as
 * `%2B`), then bloggerLabelPath, the same function the importer writes the rows with. Null for a
 * malformed escape or an empty name.
 */
export function labelTablePath(rawSegment: string): string | null {
  let name: string
  try {
    name = decodeURIComponent(rawSegment.replace(/\+/g, ' '))
  } catch {
    return null
  }
  return labelKey(name) ? bloggerLabelPath(name) : null
}

/*
 * Query parameters Blogger itself put on its HTML pages. They mean nothing to Warta, so a
 * redirect drops them and keeps the rest (utm_*, fbclid…), byte for byte:
 *   m                       mobile (1) or desktop (0) template
 *   showComment, commentPage  link to one comment (its time in ms), comment pagination
 *   max-results, updated-max, updated-min, by-date, start, reverse-paginate
 *                           paging of the home page, label and search results
 *   zx                      cache-buster Blogger adds when the blog is opened from its dashboard
 *   spref                   which share button produced the link (fb, tw, bl…)
 * Compared case-insensitively. Feeds drop every parameter (alt, start-index, orderby,
 * redirect…): Warta's feeds take none.
 */
const BLOGGER_PARAMS: ReadonlySet<string> = new Set([
  'm',
  'showcomment',
  'commentpage',
  'max-results',
  'updated-max',
  'updated-min',
  'by-date',
  'start',
  'reverse-paginate',
  'zx',
  'spref',
])

/**
 * The query (`?…` or '') without Blogger's own parameters, nor those named in `alsoDrop`
 * (lower-case); the others keep their order and escapes. '' when nothing is left.
 */
export function stripBloggerParams(search: string, alsoDrop?: ReadonlySet<string>): string {
  if (search.length <= 1) return ''
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => {
      if (pair === '') return false
      const name = paramName(pair)
      return !BLOGGER_PARAMS.has(name) && !alsoDrop?.has(name)
    })
  return kept.length ? `?${kept.join('&')}` : ''
}

/** The first value of a query parameter, decoded (`+` as a space), or null. */
export function getQueryParam(search: string, name: string): string | null {
  return search.length > 1 ? new URLSearchParams(search).get(name) : null
}

/** Whether the query carries Blogger's mobile switch `m` (cheap: server.mjs asks it for `/`). */
export function hasMobileParam(search: string): boolean {
  return /(?:^\?|&)m(?:=|&|$)/.test(search)
}

/**
 * Whether a feed request asks for JSON (`alt=json`, or `json-in-script`, the JSONP that Blogger
 * widgets on other sites use). Warta's feeds are RSS only; a JSON client cannot read them, so
 * these answer 410 instead of a redirect it would follow into a parse error.
 */
export function isJsonFeedRequest(search: string): boolean {
  const alt = getQueryParam(search, 'alt')
  return alt !== null && alt.toLowerCase().startsWith('json')
}

// Blogger served blogs on ccTLD aliases too (blogspot.co.id for readers in Indonesia) until 2018,
// and those links are still around.
const BLOGSPOT_HOST = /\.blogspot\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})(?::\d+)?$/i

/** Whether a Host header names an old `*.blogspot.com` (or ccTLD) alias of the blog. */
export function isBlogspotHost(host: string | undefined): boolean {
  return host !== undefined && BLOGSPOT_HOST.test(host)
}
