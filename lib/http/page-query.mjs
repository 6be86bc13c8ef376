/**
 * The query string a public page is rendered with, and the one the front cache keys it by
 * (docs/decisions/024-page-query.md).
 *
 * Next keeps a public page whole and answers every later request for it from that copy, whatever
 * their query strings (its page cache is keyed by the route). The copy holds, in its inlined RSC
 * payload, the URL of the request that rendered it, query string included. So the first reader's
 * Facebook click id, an ad's click id or a 16 KB parameter an attacker chose went to every reader
 * after them, until the page changed. server.mjs therefore hands Next a public page request with
 * only the parameters public pages read, and the front cache keys pages without the parameters
 * analytics and ad platforms add to links.
 *
 * Plain JavaScript: server.mjs and the cluster primary import it without a TypeScript loader.
 */

// An escape that is not of an ASCII character (or not an escape at all).
const NOT_ASCII_ESCAPE = /%(?![0-7][0-9a-fA-F])/

/**
 * One part of a raw query decoded as Next and URLSearchParams decode it (`+` as a space), when it
 * is ASCII once decoded; else null. Every name and value the rules below look for is ASCII, and
 * nothing here throws (an exception per pair of a 16 KB query would cost milliseconds).
 * @param {string} raw
 */
function asciiDecoded(raw) {
  const spaced = raw.replace(/\+/g, ' ')
  if (!spaced.includes('%')) return spaced
  return NOT_ASCII_ESCAPE.test(spaced) ? null : decodeURIComponent(spaced)
}

/**
 * A parameter's name from one `name=value` pair of a raw query, decoded and lower-cased; where it
 * is not ASCII once decoded (so none of the names anything here looks for), the raw name lower-cased.
 * @param {string} pair
 */
export function paramName(pair) {
  const eq = pair.indexOf('=')
  const raw = eq === -1 ? pair : pair.slice(0, eq)
  return (asciiDecoded(raw) ?? raw).toLowerCase()
}

/*
 * Parameters that analytics, ad and mail platforms add to links to a site, each click its own value
 * for most: `utm_*` (campaign tags), fbclid (Facebook), gclid / gclsrc / dclid / gbraid / wbraid
 * (Google Ads), srsltid (Google Search), msclkid (Microsoft), yclid (Yandex), twclid (X), ttclid
 * (TikTok), li_fat_id (LinkedIn), igshid / igsh (Instagram), mc_cid / mc_eid (Mailchimp), _ga / _gl
 * (Google Analytics across domains), _hsenc / _hsmi (HubSpot), mkt_tok (Marketo). No page and no
 * redirect of Warta reads them; a redirect keeps them as they came (lib/redirects/blogger.ts).
 */
const TRACKING = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'srsltid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'igsh',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
])

/** @param {string} name a name as paramName gives it */
export function isTrackingParam(name) {
  return name.startsWith('utm_') || TRACKING.has(name)
}

/**
 * The raw pairs of a query (`?…` or ''), empty ones left out.
 * @param {string} search
 */
function pairsOf(search) {
  return search.length <= 1 ? [] : search.slice(1).split('&').filter((pair) => pair !== '')
}

/**
 * A URL (path and query, as in `req.url`) without tracking parameters; the others keep their order
 * and escapes. The same string when there is none to drop.
 * @param {string} url
 */
export function withoutTrackingParams(url) {
  const at = url.indexOf('?')
  if (at === -1) return url
  const pairs = pairsOf(url.slice(at))
  const kept = pairs.filter((pair) => !isTrackingParam(paramName(pair)))
  if (kept.length === pairs.length) return url
  return kept.length ? `${url.slice(0, at)}?${kept.join('&')}` : url.slice(0, at)
}

// The search page's public address and the route it is rewritten onto (lib/urls.ts: searchPath,
// SEARCH_ROUTE_PATH; page-query.test.ts keeps them in step). It is the one page that reads `q`.
export const SEARCH_PATHS = new Set(['/cari', '/cari/hasil'])

// What the rewrites in next.config.ts take, in their own patterns: `page` for listings and
// search, `tanggal` for the daily index. A value of another shape reaches no page there either.
const PAGE = /^[0-9]{1,6}$/
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/
// Next's own parameter on a client navigation's request: a short hash of its headers, which Next
// checks, answering any other value with a 307 to the right one (so dropping it would loop). With
// none of the router's headers the hash is empty: `?_rsc`.
const RSC = /^[\w-]{0,32}$/

/**
 * Whether a path is the newsroom's, whose pages read their own parameters (filters, a sign-in's
 * return address, the setup link's token): those requests keep their query whole.
 * @param {string} pathname
 */
export function isNewsroomPath(pathname) {
  return pathname === '/admin' || pathname.startsWith('/admin/')
}

/**
 * The query (`?…` or '') that Next renders the public page at `pathname` with: `page` and `tanggal`
 * when their values have the shape the rewrites take, `q` on the search page (rendered for each
 * request, never kept), and Next's `_rsc`; every other parameter is dropped. Names are compared as
 * Next reads them (decoded, case kept). What is kept keeps its order and escapes. Newsroom paths
 * keep their query whole.
 * @param {string} pathname @param {string} search the raw query with its `?`, or ''
 */
export function pageSearch(pathname, search) {
  if (search.length <= 1) return ''
  if (isNewsroomPath(pathname)) return search
  const searchPage = SEARCH_PATHS.has(pathname)
  const kept = pairsOf(search).filter((pair) => {
    const eq = pair.indexOf('=')
    const name = asciiDecoded(eq === -1 ? pair : pair.slice(0, eq))
    if (name === 'q') return searchPage
    const shape = name === 'page' ? PAGE : name === 'tanggal' ? DAY : name === '_rsc' ? RSC : null
    return shape !== null && shape.test(eq === -1 ? '' : (asciiDecoded(pair.slice(eq + 1)) ?? '\0'))
  })
  return kept.length ? `?${kept.join('&')}` : ''
}
