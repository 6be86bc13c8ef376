import { publicPolicy } from './csp'

/*
 * Response headers that do not depend on the request (docs/decisions/011-content-security-policy.md).
 * next.config.ts sends them, so they are fixed at build time; what depends on run-time settings
 * (HSTS, from SITE_URL) or on the request (the newsroom's nonce) is set by
 * lib/security/request-guard.ts in server.mjs. Relative imports only: next.config.ts imports this.
 */

type Header = { key: string; value: string }

/** Powerful browser features no page of the site uses, for the page and anything it frames. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'browsing-topics=()',
].join(', ')

/** On every response, pages, files and route handlers alike. */
export const BASELINE_HEADERS: Header[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
]

/** On everything outside /admin (the newsroom's policy carries a per-request nonce). */
export const PUBLIC_CSP_HEADERS: Header[] = [{ key: 'Content-Security-Policy', value: publicPolicy() }]

/**
 * A year, this host only: a newsroom's other subdomains (mail, an old Blogger alias) may not
 * speak https, and `preload` cannot be undone quickly.
 */
const HSTS = 'max-age=31536000'

/** Strict-Transport-Security for a site served over https (SITE_URL), else null. */
export function hstsFor(siteUrl: string | null): string | null {
  // Without SITE_URL the public address is unknown: no promise about https (ADR 015).
  return siteUrl && /^https:\/\//i.test(siteUrl) ? HSTS : null
}
