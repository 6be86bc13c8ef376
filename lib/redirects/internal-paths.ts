/*
 * next.config.ts rewrites every public listing address onto a params route (a cached page cannot
 * read the query string, ADR 002). Those routes are addresses too: asked for by name, each would
 * serve its page a second time under another URL. The route check (./decide.ts) answers them
 * with one 301 to the public address, as WordPress's canonical redirect does for `?p=123`.
 * No Node or database imports: server.mjs runs this before Next sees the request.
 */
import { parseIsoDay } from '@/lib/dates'
import { isSlug, parseMonth, parsePageParam, parseYear } from '@/lib/route-params'
import {
  authorPath,
  HOME_ROUTE_PATH,
  indexPath,
  labelPath,
  monthArchivePath,
  SEARCH_ROUTE_PATH,
  searchPath,
  TODAY_INDEX_DATE,
  WHOLE_YEAR_MONTH,
  yearArchivePath,
} from '@/lib/urls'
import { stripBloggerParams } from './blogger'

const PAGE: ReadonlySet<string> = new Set(['page'])
const DATE: ReadonlySet<string> = new Set(['tanggal'])

/**
 * The public address (path and query) of an internal route address, or null when `canonical` is
 * not one, or carries a parameter no page takes (the page itself answers 404 for those). The
 * query is kept, minus the parameter the path now carries and Blogger's own.
 */
export function publicAddressOf(canonical: string, search: string): string | null {
  if (canonical === HOME_ROUTE_PATH) return withQuery('/', search)
  if (canonical === SEARCH_ROUTE_PATH) return withQuery(searchPath(), search)
  const parts = canonical.split('/')
  switch (parts[1]) {
    case 'label':
    case 'penulis': {
      if (parts.length !== 5 || parts[3] !== 'hal' || !isSlug(parts[2]!)) return null
      const page = parsePageParam(parts[4]!)
      if (page === null) return null
      return withQuery(parts[1] === 'label' ? labelPath(parts[2]!, page) : authorPath(parts[2]!, page), search, PAGE)
    }
    case 'arsip': {
      if (parts.length !== 6 || parts[4] !== 'hal') return null
      const year = parseYear(parts[2]!)
      const page = parsePageParam(parts[5]!)
      if (year === null || page === null) return null
      if (parts[3] === WHOLE_YEAR_MONTH) return withQuery(yearArchivePath(year, page), search, PAGE)
      const month = parseMonth(parts[3]!)
      return month === null ? null : withQuery(monthArchivePath(year, month, page), search, PAGE)
    }
    case 'indeks': {
      if (parts.length !== 3) return null
      if (parts[2] === TODAY_INDEX_DATE) return withQuery(indexPath(), search, DATE)
      return parseIsoDay(parts[2]!) ? withQuery(indexPath(parts[2]), search, DATE) : null
    }
    default:
      return null
  }
}

/** `path` (which may carry a query of its own) followed by the rest of `search`. */
function withQuery(path: string, search: string, drop?: ReadonlySet<string>): string {
  const rest = stripBloggerParams(search, drop)
  if (!rest) return path
  return path.includes('?') ? `${path}&${rest.slice(1)}` : `${path}${rest}`
}
