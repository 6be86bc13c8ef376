/** Builders for every public URL, so that no page spells a path by hand. */

export function articlePath(a: { slug: string; pathMonth: string | null }): string {
  // A draft has no URL month yet; its preview lives in the newsroom.
  return a.pathMonth ? `/${a.pathMonth}/${a.slug}` : `/${a.slug}`
}

export function labelPath(slug: string, page = 1): string {
  return page > 1 ? `/label/${slug}?page=${page}` : `/label/${slug}`
}

export function authorPath(slug: string, page = 1): string {
  return page > 1 ? `/penulis/${slug}?page=${page}` : `/penulis/${slug}`
}

export function monthArchivePath(year: number, month: number, page = 1): string {
  const base = `/${year}/${String(month).padStart(2, '0')}`
  return page > 1 ? `${base}?page=${page}` : base
}

export function yearArchivePath(year: number, page = 1): string {
  return page > 1 ? `/${year}?page=${page}` : `/${year}`
}

export function indexPath(isoDay?: string): string {
  return isoDay ? `/indeks?tanggal=${isoDay}` : '/indeks'
}

export function searchPath(q?: string): string {
  return q ? `/cari?q=${encodeURIComponent(q)}` : '/cari'
}

/** Where next.config.ts rewrites /cari: the one value of the search route's [mode] that is a page. */
export const SEARCH_ROUTE_PATH = '/cari/hasil'

/** The one value of the home route's [edition] that is a page; next.config.ts rewrites / there. */
export const HOME_EDITION = 'terbaru'
export const HOME_ROUTE_PATH = `/beranda/${HOME_EDITION}`

/** The daily index's [date] for today, where next.config.ts rewrites /indeks without a date. */
export const TODAY_INDEX_DATE = 'hari-ini'

/** An archive route's [month] for a whole year, where next.config.ts rewrites /YYYY. */
export const WHOLE_YEAR_MONTH = 'semua'

export function pagePath(slug: string): string {
  return `/p/${slug}`
}

/**
 * The static pages every newsroom keeps (Dewan Pers expects the masthead and the guideline
 * page): a new install creates them as drafts (db/starter-pages.ts), the footer links those that
 * are published, the contact page carries the reader form and the masthead the structured data.
 */
export const STANDARD_PAGES = { masthead: 'redaksi', guidelines: 'pedoman-media-siber', contact: 'kontak' } as const

/** RSS 2.0 feeds: the whole site, one label, one author. */
export const SITE_FEED_PATH = '/feed.xml'

export function labelFeedPath(slug: string): string {
  return `/label/${slug}/feed.xml`
}

export function authorFeedPath(slug: string): string {
  return `/penulis/${slug}/feed.xml`
}

/** The sitemap index; it lists the files under /sitemaps/ (app/sitemaps/[file]/route.ts). */
export const SITEMAP_INDEX_PATH = '/sitemap.xml'

export function sitemapPath(file: string): string {
  return `/sitemaps/${file}`
}

export function mediaPath(storageKey: string, width: number): string {
  return `/media/${storageKey}-${width}.webp`
}

/** Absolute URL on `siteUrl`, for feeds, sitemaps and robots.txt. An absolute `path` is returned as it is. */
export function absoluteUrl(siteUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path
  return `${siteUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`
}

/**
 * A URL printed in a cached page (canonical, structured data, share links): absolute on SITE_URL,
 * or root-relative when SITE_URL is unset, so the browser or crawler resolves it against the
 * address it opened. Cached pages cannot read the request (docs/decisions/015-site-origin.md).
 */
export function pageUrl(siteUrl: string | null, path: string): string {
  if (siteUrl) return absoluteUrl(siteUrl, path)
  return /^https?:\/\//i.test(path) || path.startsWith('/') ? path : `/${path}`
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i

/**
 * The site's address for a response made per request (feeds, sitemaps, robots.txt): SITE_URL
 * when set, else the scheme and host this request came in on (Next fills in the x-forwarded-*
 * headers when no proxy did). A malformed Host falls back to localhost, never into a link.
 */
export function requestSiteUrl(siteUrl: string | null, headers: Headers, port: number): string {
  if (siteUrl) return siteUrl
  const host = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '').split(',')[0]!.trim()
  const proto = (headers.get('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase()
  if (host.length > 300 || !HOST.test(host)) return `http://localhost:${port}`
  return `${proto === 'https' ? 'https' : 'http'}://${host.toLowerCase()}`
}

/**
 * Slug from any title: lower-case ASCII letters, digits and single hyphens,
 * diacritics folded ("Pemilu Kepala Daerah: Siapa?" → "pemilu-kepala-daerah-siapa").
 */
export function slugify(input: string, maxLength = 80): string {
  const slug = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' dan ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= maxLength) return slug || 'tanpa-judul'
  const cut = slug.slice(0, maxLength)
  const lastHyphen = cut.lastIndexOf('-')
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '')
}
