import 'server-only'
import type { IncomingHttpHeaders } from 'node:http'
import { getServerSession, type Session } from 'next-auth'
import { getStaffById, type Staff } from '@/db/queries/users'
import { getAuthOptions, sessionIdCheckedWith, staffCheckedWith } from './options'
import { parseCookieHeader } from '@/lib/http/cookies'
import type { SessionStage } from './session-token'

/*
 * Who is signed in, for pages and actions (currentStaff) and for code outside them
 * (getStaffForRequest). Both go through next-auth's session check, whose callbacks
 * (lib/auth/options.ts) apply checkSessionToken() (lib/auth/session-token.ts).
 */

/** The session as next-auth hands it out: a user only when the token passed checkSessionToken. */
export type WartaSession = Session & { user?: { id: string; pending?: Exclude<SessionStage, 'full'> } }

type RequestLike = {
  headers: Headers | IncomingHttpHeaders
  /** Parsed cookies, when the caller has them; otherwise read from the Cookie header. */
  cookies?: Record<string, string>
}

// next-auth's session check writes a renewed cookie to the response; callers here only read.
const NO_RESPONSE = { getHeader: () => undefined, setHeader: () => undefined }

async function sessionForRequest(req: RequestLike): Promise<WartaSession | null> {
  const given = req.headers instanceof Headers ? Object.fromEntries(req.headers) : req.headers
  // Without SITE_URL next-auth trusts the Host header and takes the scheme from
  // X-Forwarded-Proto, reading "https" when it is absent, and so the __Secure- cookie name. Next
  // adds the header to every request it handles (from the socket: server.mjs listens on plain
  // HTTP); a raw request seen before Next (the gate) gets the same, so both read one cookie.
  const headers = given['x-forwarded-proto'] ? given : { ...given, 'x-forwarded-proto': 'http' }
  const cookieHeader = Array.isArray(headers.cookie) ? headers.cookie.join('; ') : headers.cookie
  const cookies = req.cookies ?? parseCookieHeader(cookieHeader)
  return getServerSession({ headers, cookies } as never, NO_RESPONSE as never, getAuthOptions()) as Promise<WartaSession | null>
}

function signedInId(session: WartaSession | null): number | null {
  const user = session?.user
  if (!user || user.pending) return null
  const id = Number(user.id)
  return Number.isInteger(id) && id > 0 ? id : null
}

/**
 * The signed-in staff member for a request given as its headers (and cookies, if parsed), or
 * null: signed out, session ended (sign-out, sign-out everywhere, password or role change,
 * deactivation), or two-factor sign-in not finished. The same check as authorize(), for code
 * that runs outside a page or action (server.mjs's gate before any admin markup).
 */
export async function getStaffForRequest(req: RequestLike): Promise<Staff | null> {
  return staffOf(await sessionForRequest(req))
}

/** The staff member a full session signs in, or null. */
async function staffOf(session: WartaSession | null): Promise<Staff | null> {
  const id = signedInId(session)
  return id === null ? null : activeStaffOf(session!, id)
}

/** The person a session names, as its check read them (else read again); null once deactivated. */
async function activeStaffOf(session: WartaSession, id: number): Promise<Staff | null> {
  const staff = staffCheckedWith(session) ?? (await getStaffById(id))
  return staff?.active ? staff : null
}

/**
 * Who is signed in, for pages, layouts and actions (authorize() asks this). Reads the users
 * row on every call (the session check does), so a role change or deactivation applies on the
 * next request, whatever the cookie says.
 */
export async function currentStaff(): Promise<Staff | null> {
  return staffOf((await getServerSession(getAuthOptions())) as WartaSession | null)
}

/** For the sign-in page: a session, finished or not, and its stage. */
export async function currentSignIn(): Promise<{ staff: Staff; stage: SessionStage } | null> {
  const session = (await getServerSession(getAuthOptions())) as WartaSession | null
  const id = Number(session?.user?.id)
  if (!session?.user || !Number.isInteger(id) || id <= 0) return null
  const staff = await activeStaffOf(session, id)
  return staff ? { staff, stage: session.user.pending ?? 'full' } : null
}

/** The id of this request's own full sign-in, for the profile's list of open sessions ("this device"); null when signed out. */
export async function currentSessionId(): Promise<string | null> {
  const session = (await getServerSession(getAuthOptions())) as WartaSession | null
  return signedInId(session) === null ? null : (sessionIdCheckedWith(session) ?? null)
}
