/*
 * Path rules shared by the redirect check (server.mjs), the redirect table and the pages. No
 * Node or database imports.
 */

/**
 * Internal prefix of the page that shows the public notice of a retracted or deleted article.
 * server.mjs rewrites the old URL onto `/ditarik/{old path}` with status 410; the prefix is
 * never linked to.
 */
export const GONE_PREFIX = '/ditarik'

/** The longest path the redirect table stores or the server looks up. */
export const MAX_REDIRECT_PATH = 1000

/**
 * The canonical form of a request path: no trailing slash (except the root) and lower case.
 * Every public URL scheme of Warta (slugs, labels, archives, feeds) is lower-case ASCII, so
 * `/Label/Politik/` and `/label/politik` name the same page; the server answers the first with a
 * single 301 to the second. Percent-escapes are lower-cased too, which keeps their meaning.
 */
export function canonicalPath(pathname: string): string {
  let path = pathname.toLowerCase()
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1)
  return path || '/'
}

/**
 * Normalises a path for the redirect table: an absolute path (a full URL is reduced to its
 * path), without query or fragment, in canonical form. Returns null for anything that is not a
 * usable path (empty, relative, too long, control characters, `//host` forms).
 */
export function normalizeRedirectPath(input: string): string | null {
  let path = input.trim()
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname
    } catch {
      return null
    }
  }
  path = path.split(/[?#]/, 1)[0] ?? ''
  if (!path.startsWith('/') || path.startsWith('//')) return null
  if (/[\p{Cc}\s\\]/u.test(path)) return null
  const canonical = canonicalPath(path)
  return canonical.length <= MAX_REDIRECT_PATH ? canonical : null
}

/** "/2021/08/judul-berita" → { pathMonth: "2021/08", slug: "judul-berita" }, else null. */
export function parseArticlePath(path: string): { pathMonth: string; slug: string } | null {
  const m = /^\/(\d{4})\/(0[1-9]|1[0-2])\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(path)
  if (!m) return null
  return { pathMonth: `${m[1]}/${m[2]}`, slug: m[3]! }
}
