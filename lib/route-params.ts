/**
 * Public pages cache their whole output per URL, so parameters are checked before any
 * data is read: junk must not fill the cache (cacheComponents also requires one
 * build-time param per route; PLACEHOLDER is it, and pages return before touching data).
 */
export const PLACEHOLDER = '__build__'

/** "1".."10000" → number; anything else (leading zeros, signs, junk) → null. */
export function parsePageParam(value: string): number | null {
  if (!/^[1-9][0-9]{0,4}$/.test(value)) return null
  const n = Number(value)
  return n <= 10_000 ? n : null
}

/** A URL slug as we write them: lower-case ASCII words joined by single hyphens. */
export function isSlug(value: string): boolean {
  return value.length <= 200 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
}

export function parseYear(value: string): number | null {
  if (!/^(19[9]\d|20\d\d|2100)$/.test(value)) return null
  return Number(value)
}

export function parseMonth(value: string): number | null {
  if (!/^(0[1-9]|1[0-2])$/.test(value)) return null
  return Number(value)
}
