/*
 * Where this site may send a browser: only somewhere on this site. Browsers read "\" as "/",
 * drop tabs and newlines, and resolve "." and ".." segments, so "//evil.example",
 * "/\evil.example", "/\t/evil.example" and "/..//evil.example" can all end on another host.
 * Pure and dependency-free: the redirect decision (server.mjs), the sign-in page and next-auth's
 * redirect callback use it.
 */

// Any origin will do: only whether a URL keeps it matters.
const PROBE_ORIGIN = 'http://warta.invalid'
// Characters a browser drops or reinterprets before it looks for a host.
const REINTERPRETED = /[\u0000-\u0020\u007f\\]/g
const CONTROL = /[\u0000-\u001f\u007f]/g

function escapeChar(c: string): string {
  return encodeURIComponent(c)
}

/**
 * The path of `path` as a browser will request it on this site: dot segments resolved, every
 * character a browser would reinterpret percent-escaped, and a single leading slash.
 */
function sameSitePath(path: string): string {
  const escaped = path.replace(REINTERPRETED, escapeChar).replace(/^\/+/, '')
  const resolved = new URL(`/${escaped}`, PROBE_ORIGIN).pathname
  return resolved.replace(/^\/{2,}/, '/')
}

/**
 * A `Location` for a redirect that cannot leave this origin, whatever the path it was built
 * from: "//evil.example" becomes "/evil.example", "/\evil.example" "/%5Cevil.example". The
 * query and fragment are kept as they are (only control characters are escaped): nothing after
 * a "?" can change the host.
 */
export function localLocation(location: string): string {
  const cut = location.search(/[?#]/)
  const path = cut === -1 ? location : location.slice(0, cut)
  const rest = cut === -1 ? '' : location.slice(cut)
  return sameSitePath(path) + rest.replace(CONTROL, escapeChar)
}

/**
 * A path on this site to send someone to after signing in (next-auth's `callbackUrl`), or
 * null. The input is resolved the way a browser would resolve it against the site's address,
 * and accepted only if it stays on that origin and, normalised, lies under `within` (`/admin`
 * accepts `/admin` and `/admin/…`, not `/administrasi`). Backslashes and control characters
 * are refused outright: a browser reads them differently from a server.
 */
export function localTarget(input: unknown, siteUrl: string, within = '/'): string | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 2000) return null
  if (/[\u0000-\u001f\u007f\\]/.test(input)) return null
  let site: URL
  let url: URL
  try {
    site = new URL(siteUrl)
    url = new URL(input, site)
  } catch {
    return null
  }
  if (url.origin !== site.origin) return null
  const path = url.pathname
  if (path.startsWith('//')) return null
  const prefix = within.replace(/\/+$/, '')
  if (prefix && path !== prefix && !path.startsWith(`${prefix}/`)) return null
  return path + url.search + url.hash
}
