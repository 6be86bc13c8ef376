/**
 * A request's Cookie header as name → value (the first of repeated names wins, as browsers
 * send the most specific cookie first). For code that runs before Next has parsed the request.
 */
export function parseCookieHeader(header: string | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!header) return out
  // Values are percent-decoded as Next's own request cookies are: next-auth compares them so.
  for (const part of (Array.isArray(header) ? header.join(';') : header).split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    const name = part.slice(0, eq).trim()
    if (!name || name in out) continue
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1)
    try {
      out[name] = decodeURIComponent(value)
    } catch {
      out[name] = value
    }
  }
  return out
}
