/*
 * Images that an import keeps on Blogger's CDN (blogger.googleusercontent.com, N.bp.blogspot.com,
 * lhN.googleusercontent.com). Their URLs carry the size they are served at, as a path segment
 * ("/s1600/", "/w640-h400/", "/s72-c/") or a suffix ("=w400-h266", "=s72-c"), and the CDN serves
 * any other size when asked. No Node imports: the next/image loader uses this in the browser.
 */

const HOSTS = /(^|\.)(?:bp\.blogspot\.com|googleusercontent\.com)$/i
const TOKEN = '(?:[a-z]{1,2}\\d*)'
const SIZE_SEGMENT = new RegExp(`/(${TOKEN}(?:-${TOKEN})*)/([^/]+)$`)
const SIZE_SUFFIX = new RegExp(`=(${TOKEN}(?:-${TOKEN})*)$`)
const HAS_SIZE = /(?:^|-)(?:[swh]\d+|d)(?:-|$)/

export function isBloggerCdnUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return (u.protocol === 'https:' || u.protocol === 'http:') && HOSTS.test(u.hostname)
  } catch {
    return false
  }
}

/**
 * The same Blogger CDN image at another size: "s0" is the original upload, "w640" 640 pixels
 * wide. Any other URL comes back unchanged.
 */
export function bloggerImageAtSize(url: string, size: string): string {
  if (!isBloggerCdnUrl(url)) return url
  const u = new URL(url)
  const segment = SIZE_SEGMENT.exec(u.pathname)
  if (segment && HAS_SIZE.test(segment[1]!)) {
    u.pathname = u.pathname.slice(0, segment.index) + `/${size}/${segment[2]}`
    return u.toString()
  }
  const suffix = SIZE_SUFFIX.exec(u.pathname)
  if (suffix && HAS_SIZE.test(suffix[1]!)) {
    u.pathname = u.pathname.slice(0, suffix.index) + `=${size}`
    return u.toString()
  }
  return url
}
