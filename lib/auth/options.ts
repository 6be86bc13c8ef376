import 'server-only'
import type { NextAuthOptions, User } from 'next-auth'
import { getToken, type JWT } from 'next-auth/jwt'
import CredentialsProvider from 'next-auth/providers/credentials'
import { recordSessionStart, revokeSession, SESSION_MAX_AGE_MS } from '@/db/queries/sessions'
import type { Staff } from '@/db/queries/users'
import { getEnv } from '@/lib/env'
import { localTarget } from '@/lib/http/location'
import { getSecret } from '@/lib/secrets'
import { parseCookieHeader } from '@/lib/http/cookies'
import { type CheckedSession, checkSessionToken, newSessionClaims, type SignedInUser } from './session-token'
import { sessionClientOf } from './devices'
import { checkPassword, checkSecondFactor } from './sign-in'

const MAX_AGE_S = SESSION_MAX_AGE_MS / 1000
const ADMIN_HOME = '/admin'

let options: NextAuthOptions | undefined

// The check made in the jwt callback, handed to the session callback of the same request.
const checked = new WeakMap<JWT, CheckedSession>()
// And the person it read, handed with the session the callback returns to its caller
// (getServerSession returns that object): currentStaff() then needs no second read of the row.
const checkedStaff = new WeakMap<object, Staff>()
// And which sign-in it is, for the profile's list of open sessions ("this device").
const checkedSessionId = new WeakMap<object, string>()

/**
 * The signed-in person as this request's session check read them, for a session that
 * getServerSession() returned; undefined when there is none to hand on (then read the row).
 */
export function staffCheckedWith(session: object | null | undefined): Staff | undefined {
  return session ? checkedStaff.get(session) : undefined
}

/** The id (`sid`) of the sign-in behind a session that getServerSession() returned, when its check ran in this request. */
export function sessionIdCheckedWith(session: object | null | undefined): string | undefined {
  return session ? checkedSessionId.get(session) : undefined
}

/**
 * next-auth, configured once per process: email + password (then a two-factor code where set
 * up) against the users table; a JWT session whose claims are checked against the users row on
 * every read (lib/auth/session-token.ts); the secret from NEXTAUTH_SECRET or generated once into
 * DATA_DIR.
 */
export function getAuthOptions(): NextAuthOptions {
  if (options) return options
  const env = getEnv()
  options = {
    secret: env.authSecret ?? getSecret('nextauth'),
    session: { strategy: 'jwt', maxAge: MAX_AGE_S },
    // Without SITE_URL, next-auth decides from the request's scheme (ADR 015).
    ...(env.siteUrl ? { useSecureCookies: env.siteUrl.startsWith('https://') } : {}),
    pages: { signIn: '/admin/masuk', error: '/admin/masuk' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        // Every wrong combination is null; a throttled attempt throws (its code reaches the form).
        authorize: async (raw, req) => {
          const headers = req?.headers ?? {}
          const user = await checkPassword(raw, headers)
          if (!user) return null
          return { id: String(user.id), sv: user.sessionVersion, stage: user.twoFactor ? 'code' : 'full', client: sessionClientOf(headers) } satisfies SignedInUser as User
        },
      }),
      // The second step: the half-done session in the cookie plus a code make a full session.
      CredentialsProvider({
        id: 'totp',
        name: 'Kode',
        credentials: { code: { label: 'Kode', type: 'text' } },
        authorize: async (raw, req) => {
          const headers = req?.headers ?? {}
          const token = await getToken({
            req: { headers, cookies: parseCookieHeader(headers.cookie) } as never,
            secret: options!.secret,
            secureCookie: options!.useSecureCookies,
          })
          const pending = await checkSessionToken(token)
          if (pending?.stage !== 'code') return null
          const user = await checkSecondFactor(raw, headers, pending.user)
          if (!user) return null
          // The half-done session is over; the new one gets its own id.
          await revokeSession(pending.claims.sid)
          return { id: String(user.id), sv: user.sessionVersion, stage: 'full', client: sessionClientOf(headers) } satisfies SignedInUser as User
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // A sign-in: a new session with claims of its own, whatever the old cookie held; a full
        // one is listed on the profile page from now on.
        if (user) {
          const signedIn = user as unknown as SignedInUser
          const claims = newSessionClaims(signedIn)
          if (claims.stage === 'full') {
            await recordSessionStart({ sessionId: claims.sid, userId: Number(claims.sub), sessionVersion: claims.sv }, signedIn.client ?? { device: '', address: '' }, claims.at)
          }
          return claims as unknown as JWT
        }
        const result = await checkSessionToken(token)
        // An ended session is emptied, so renewing its cookie cannot outlive the revocation.
        if (!result) return {} as JWT
        checked.set(token, result)
        return token
      },
      async session({ session, token }) {
        const result = checked.get(token) ?? (await checkSessionToken(token))
        if (!result) return { expires: session.expires } as typeof session
        const user = { id: String(result.user.id), ...(result.stage === 'full' ? {} : { pending: result.stage }) }
        const checkedSession = { expires: session.expires, user } as typeof session
        const { id, name, email, role, active } = result.user
        checkedStaff.set(checkedSession, { id, name, email, role, active })
        checkedSessionId.set(checkedSession, result.claims.sid)
        return checkedSession
      },
      // next-auth's default accepts any URL that starts with "/", and "/admin/..//evil.example/"
      // does, so a sign-in could end on another site (issue #10, finding 2). Normalise first,
      // then insist on this origin.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${localTarget(url, baseUrl) ?? ADMIN_HOME}`
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as JWT | null)?.sid
        // Refused past the token's own expiry (a renewal of an ended session is emptied anyway).
        if (typeof sid === 'string') await revokeSession(sid)
      },
    },
  }
  return options
}
