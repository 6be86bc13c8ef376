/**
 * For route handlers that write: SameSite cookies already stop most cross-site posts; this also
 * refuses a same-site one from another origin (a sibling subdomain).
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  // Non-browser clients send no Origin; they also carry no ambient cookies to abuse.
  if (origin === null) return true
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
