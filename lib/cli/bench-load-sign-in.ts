/**
 * The sign-ins of `npm run bench:load`: strangers guessing passwords, and a reporter who signs in
 * again and again from a browser that has signed in before (a known device, ADR 025), each through
 * next-auth's own endpoint as the sign-in form posts it.
 */
import type { Recorder } from './bench-recorder'

type Account = { email: string; password: string }

/**
 * One sign-in as the form posts it: the CSRF token and its cookie first, then the credentials with
 * `cookie` beside them. Returns whether it signed in, the time from the credentials' request to
 * the answer, and the cookies the answer set.
 */
async function signIn(base: string, who: Account, headers: Record<string, string>, cookie = ''): Promise<{ ok: boolean; status: number; ms: number; setCookies: string[] }> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`, { headers })
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
  const body = new URLSearchParams({ csrfToken, email: who.email, password: who.password, json: 'true' })
  const started = performance.now()
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { ...headers, cookie: [csrfCookie, cookie].filter(Boolean).join('; ') },
  })
  // A refusal is an answer too: next-auth sends the form back to the sign-in page with `error`.
  const answer = res.status === 200 ? ((await res.json()) as { url?: string }) : (await res.arrayBuffer(), {})
  const ms = performance.now() - started
  const setCookies = res.headers.getSetCookie()
  const ok = res.status === 200 && typeof answer.url === 'string' && !answer.url.includes('error=') && setCookies.some((c) => /next-auth\.session-token=[^;]/.test(c))
  return { ok, status: res.status, ms, setCookies }
}

/** Signs `who` in once, before the load, and returns the known-device cookie the answer set ('' when none was). */
export async function knownDeviceCookie(base: string, who: Account): Promise<string> {
  const first = await signIn(base, who, {})
  if (!first.ok) throw new Error(`${who.email} could not sign in before the load`)
  return first.setCookies.find((c) => c.startsWith('warta-device='))?.split(';')[0] ?? ''
}

/**
 * Failed sign-ins at `perSecond`, to each server in turn, from `addresses` client addresses (more
 * than one: each its own X-Forwarded-For, which the servers believe from loopback, as a botnet
 * whose every address has its twenty attempts).
 */
export async function failedSignIns(bases: string[], until: number, perSecond: number, addresses: number, recorder: Recorder) {
  let n = 0
  const tick = async () => {
    n += 1
    const base = bases[n % bases.length]!
    const slot = n % addresses
    const headers: Record<string, string> = addresses > 1 ? { 'x-forwarded-for': `198.18.${slot >> 8}.${slot & 255}` } : {}
    try {
      // Refused (the form sent back with an error) is the expected answer; a server error is not.
      const { status, ms } = await signIn(base, { email: `penyusup-${n % 7}@contoh.example`, password: 'salah-sekali' }, headers)
      recorder.record(ms, status < 500)
    } catch {
      recorder.record(0, false)
    }
  }
  const pending: Promise<void>[] = []
  while (Date.now() < until) {
    pending.push(tick())
    await new Promise((r) => setTimeout(r, 1000 / perSecond))
  }
  await Promise.all(pending)
}

/**
 * The reporter signs in every `everyMs` from their known browser (`deviceCookie`), at the address
 * the failed sign-ins come from, to each server in turn: a sign-in refused, or not answered, is an
 * error. Recorded from the credentials' request to the answer.
 */
export async function knownDeviceSignIns(bases: string[], until: number, everyMs: number, who: Account, deviceCookie: string, recorder: Recorder) {
  for (let n = 0; Date.now() < until; n++) {
    const next = Date.now() + everyMs
    try {
      const { ok, ms } = await signIn(bases[n % bases.length]!, who, {}, deviceCookie)
      recorder.record(ms, ok)
    } catch {
      recorder.record(0, false)
    }
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())))
  }
}
