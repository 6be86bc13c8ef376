import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'
import crypto from 'node:crypto'
import { parseCookieHeader } from '@/lib/http/cookies'
import { getSecret } from '@/lib/secrets'

/*
 * Known devices (docs/decisions/025-known-devices.md; OWASP's "device cookies"). A browser that
 * completed a sign-in to an account gets a signed cookie naming that account. A later sign-in to
 * the same account carrying it is throttled under the device's own key instead of the address's,
 * and its password check goes ahead of strangers' (lib/auth/hash-worker.ts). So someone guessing
 * from the reporter's own address (an office behind one NAT, a mobile carrier's shared address) or
 * from a thousand addresses at once does not keep the reporter out of the newsroom.
 *
 * The cookie grants nothing by itself: the password (and the two-factor code) are still checked,
 * and the device has its own 5 attempts before the doubling waits. It is signed with a key from
 * DATA_DIR/secrets.json and bound to the person's session version, so a password change, "sign
 * out of every device" or an admin's reset forgets every device with the sessions. Nothing is
 * stored on the server.
 */

export const DEVICE_COOKIE = 'warta-device'
/** Sent only with next-auth's own requests: the public pages stay cookie-free for the front cache. */
export const DEVICE_COOKIE_PATH = '/api/auth'
const MAX_AGE_S = 365 * 24 * 60 * 60
const VERSION = 'd1'
// d1.<user id>.<session version>.<nonce: 16 bytes>.<HMAC-SHA-256>, all base64url or digits.
const SHAPE = /^d1\.(\d{1,10})\.(\d{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/

export type KnownDevice = { userId: number; sessionVersion: number; nonce: string }

function mac(userId: number | string, sessionVersion: number | string, nonce: string): Buffer {
  return crypto.createHmac('sha256', getSecret('known-device')).update(`${VERSION}.${userId}.${sessionVersion}.${nonce}`).digest()
}

/** A new cookie value for a person who has just signed in completely on this device. */
export function deviceCookieValue(userId: number, sessionVersion: number): string {
  const nonce = crypto.randomBytes(16).toString('base64url')
  return `${VERSION}.${userId}.${sessionVersion}.${nonce}.${mac(userId, sessionVersion, nonce).toString('base64url')}`
}

/** The device a request's cookie names, if its signature holds; null for none, a stale format or a forgery. */
export function readKnownDevice(headers: Headers | Record<string, string | string[] | undefined>): KnownDevice | null {
  const header = headers instanceof Headers ? (headers.get('cookie') ?? undefined) : headers.cookie
  const value = parseCookieHeader(header)[DEVICE_COOKIE]
  if (!value || value.length > 120) return null
  const m = SHAPE.exec(value)
  if (!m) return null
  const nonce = m[3]!
  // Signed and compared as the text it is, so no other spelling (a leading zero, the signature's
  // spare bits) is accepted.
  const given = Buffer.from(m[4]!)
  const expected = Buffer.from(mac(m[1]!, m[2]!, nonce).toString('base64url'))
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null
  return { userId: Number(m[1]), sessionVersion: Number(m[2]), nonce }
}

/** Whether `device` was issued to this account, at its current session version. */
export function isDeviceOf(device: KnownDevice | null, account: { id: number; sessionVersion: number; active: boolean } | null): device is KnownDevice {
  return device !== null && account !== null && account.active && device.userId === account.id && device.sessionVersion === account.sessionVersion
}

/*
 * next-auth makes the answer to a sign-in itself, so the cookie is added to it by the route
 * (app/api/auth/[...nextauth]/route.ts): a completed sign-in records here, inside the route's
 * scope, whom the device now belongs to.
 */
type Scope = { signedIn?: { userId: number; sessionVersion: number } }
const scope = new AsyncLocalStorage<Scope>()

/** A sign-in completed (password, and the code where one is needed): this device is known to that person from now on. */
export function rememberDevice(userId: number, sessionVersion: number): void {
  const current = scope.getStore()
  if (current) current.signedIn = { userId, sessionVersion }
}

/**
 * Runs next-auth's handler; when a sign-in completed in it and next-auth set the session cookie,
 * adds the device cookie to the same answer, with the session cookie's `Secure` (next-auth decides
 * it from SITE_URL or the request's scheme, ADR 015).
 */
export async function withKnownDevices(handle: () => Promise<Response>): Promise<Response> {
  const store: Scope = {}
  const response = await scope.run(store, handle)
  if (!store.signedIn) return response
  const session = response.headers.getSetCookie().find((c) => /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=[^;]/.test(c))
  if (!session) return response
  const secure = session.startsWith('__Secure-') ? '; Secure' : ''
  const value = deviceCookieValue(store.signedIn.userId, store.signedIn.sessionVersion)
  response.headers.append('Set-Cookie', `${DEVICE_COOKIE}=${value}; Path=${DEVICE_COOKIE_PATH}; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Lax${secure}`)
  return response
}
