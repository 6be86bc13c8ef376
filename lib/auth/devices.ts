import 'server-only'
import { getClientAddress, header, type HeaderSource } from '@/lib/http/client-address'
import { t } from '@/lib/i18n/id'
import type { SessionClient } from '@/db/queries/sessions'

/*
 * What the profile page's list of open sessions says about each (docs/decisions/028-signed-in-devices.md):
 * the browser and system named from the User-Agent at sign-in, and the client's address. Only
 * the short name is kept, not the header itself.
 */

/** A User-Agent longer than this is read only this far: the names are near its start. */
const READ_CHARS = 512

// First match wins: Edge, Opera and Samsung's browser also say "Chrome", Chrome also says "Safari".
const BROWSERS: ReadonlyArray<readonly [string, string]> = [
  ['Edg', 'Edge'],
  ['OPR/', 'Opera'],
  ['SamsungBrowser/', 'Samsung Internet'],
  ['Firefox/', 'Firefox'],
  ['FxiOS/', 'Firefox'],
  ['CriOS/', 'Chrome'],
  ['Chrome/', 'Chrome'],
  ['Safari/', 'Safari'],
]
// iPhones and iPads also say "Mac OS X", Android also says "Linux", ChromeOS says "X11".
const SYSTEMS: ReadonlyArray<readonly [string, string]> = [
  ['Android', 'Android'],
  ['iPhone', 'iPhone'],
  ['iPad', 'iPad'],
  ['Windows', 'Windows'],
  ['CrOS', 'ChromeOS'],
  ['Macintosh', 'macOS'],
  ['Linux', 'Linux'],
]

function firstNamed(text: string, names: ReadonlyArray<readonly [string, string]>): string | null {
  for (const [mark, name] of names) if (text.includes(mark)) return name
  return null
}

/** "Chrome di Android", "Safari di iPhone", "Firefox", or '' when neither is recognised. Plain substring checks: linear in the header's length. */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? '').slice(0, READ_CHARS)
  const browser = firstNamed(ua, BROWSERS)
  const system = firstNamed(ua, SYSTEMS)
  if (browser && system) return t.admin.profile.deviceOn(browser, system)
  return browser ?? system ?? ''
}

/** The device and address a sign-in's request came from, as the list of open sessions shows them. */
export function sessionClientOf(headers: HeaderSource): SessionClient {
  const address = getClientAddress(headers)
  return { device: deviceLabel(header(headers, 'user-agent')), address: address === 'unknown' ? '' : address }
}
