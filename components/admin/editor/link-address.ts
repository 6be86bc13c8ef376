/*
 * What the editor's link form accepts as an address. Runs in the browser (no Node imports);
 * the sanitizer checks every href again on save (lib/html/sanitize.ts).
 */

export type LinkAddress = { ok: true; href: string } | { ok: false; reason: 'empty' | 'invalid' }

const MAX_LENGTH = 2000
// A bare host with a dot and an optional path ("padang.go.id/berita"): a writer's shorthand for https.
const BARE_HOST = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*\.[a-z]{2,63}(?::\d{1,5})?(?:[/?#]\S*)?$/i
const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/

/**
 * An http(s) address with a host, a mailto: or tel: address, or a path on this site ("/p/kontak",
 * not "//host"). A bare host gets https://, a bare email mailto:. Anything else (javascript:,
 * data:, spaces) is refused.
 */
export function parseLinkAddress(input: string): LinkAddress {
  const value = input.trim()
  if (!value) return { ok: false, reason: 'empty' }
  if (value.length > MAX_LENGTH || /\s/.test(value)) return { ok: false, reason: 'invalid' }

  if (value.startsWith('/')) {
    if (value.startsWith('//') || value.includes('\\')) return { ok: false, reason: 'invalid' }
    return { ok: true, href: value }
  }
  if (/^mailto:/i.test(value)) return EMAIL.test(value.slice(7).split('?')[0]!) ? { ok: true, href: value } : { ok: false, reason: 'invalid' }
  if (/^tel:\+?[\d\-().]{3,}$/i.test(value)) return { ok: true, href: value }
  if (EMAIL.test(value)) return { ok: true, href: `mailto:${value}` }

  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : BARE_HOST.test(value) ? `https://${value}` : null
  if (!candidate) return { ok: false, reason: 'invalid' }
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || (!url.hostname.includes('.') && url.hostname !== 'localhost')) {
    return { ok: false, reason: 'invalid' }
  }
  return { ok: true, href: candidate }
}
