import { encode, type JWT } from 'next-auth/jwt'
import { describe, expect, it } from 'vitest'
import { endAllSessions, setStaffActive, updatePasswordHash, updateStaffRole } from '@/db/queries/users'
import { formatPeerAddress, PEER_ADDRESS_HEADER } from '@/lib/http/client-address'
import { createUser } from '@/tests/factories'
import { getAuthOptions } from './options'
import { hashPassword } from './password'
import { getStaffForRequest } from './session'
import { checkSessionToken } from './session-token'
import { countStatements } from '@/tests/query-plans'

import { getServerSession } from 'next-auth'
const options = getAuthOptions()
const PASSWORD = 'kopi-tubruk-pagi'
const hash = await hashPassword(PASSWORD)
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>
const provider = options.providers.find((p) => p.id === 'credentials') as unknown as { options: { authorize: Authorize } }

/** Signs in through the real provider and callbacks; returns the session token as the cookie holds it. */
async function signIn(email: string): Promise<{ cookie: string; token: JWT }> {
  const user = await provider.options.authorize({ email, password: PASSWORD }, { headers: { [PEER_ADDRESS_HEADER]: formatPeerAddress('192.0.2.1') } })
  expect(user).not.toBeNull()
  const jwt = options.callbacks!.jwt!
  const token = await jwt({ token: { sub: user!.id }, user: user as never, account: null, trigger: 'signIn' })
  const value = await encode({ token, secret: options.secret!, maxAge: options.session!.maxAge })
  return { cookie: `next-auth.session-token=${value}`, token }
}

/**
 * Who the cookie signs in, through next-auth's own session check (the one currentStaff() and
 * authorize() rely on), given the request as a plain object.
 */
async function staffWith(cookie: string): Promise<{ id: number } | null> {
  const [name, ...value] = cookie.split('=')
  const res = { getHeader: () => undefined, setHeader: () => undefined }
  const session = await getServerSession({ headers: { cookie }, cookies: { [name!]: value.join('=') } } as never, res as never, options)
  const user = session?.user as { id?: string; pending?: string } | undefined
  return user?.id && !user.pending ? { id: Number(user.id) } : null
}

describe('sessions', () => {
  it('finding 7: a copied session cookie is refused after its owner signs out', async () => {
    const user = await createUser({ role: 'editor', email: 'keluar@redaksi.example', passwordHash: hash })
    const { cookie, token } = await signIn(user.email!)
    const copy = cookie
    expect((await staffWith(copy))?.id).toBe(user.id)
    await options.events?.signOut?.({ token, session: undefined as never })
    expect(await staffWith(copy)).toBeNull()
    // A fresh sign-in on another device is its own session.
    expect((await staffWith((await signIn(user.email!)).cookie))?.id).toBe(user.id)
  })

  it('checks a session in one statement: the person, an ended sign-in, the two-factor setting', async () => {
    // Every newsroom page and action checks it; on PostgreSQL a statement is a round trip that
    // waits for a busy worker's event loop (three, before).
    const user = await createUser({ role: 'editor', email: 'sekali@redaksi.example', passwordHash: hash })
    const { cookie, token } = await signIn(user.email!)
    let checked: Awaited<ReturnType<typeof checkSessionToken>> = null
    const { count, statements } = await countStatements(async () => {
      checked = await checkSessionToken(token)
    })
    expect(checked).toMatchObject({ user: { id: user.id, active: true, twoFactorEnabled: false }, stage: 'full' })
    expect(count, statements.join('\n')).toBe(1)
    // And who a request signs in, as the newsroom's gate and authorize() ask: the same one read.
    const asked = await countStatements(async () => expect((await getStaffForRequest({ headers: { cookie } }))?.id).toBe(user.id))
    expect(asked.count, asked.statements.join('\n')).toBe(1)
  })

  it('finding 7: a password change ends every session', async () => {
    const user = await createUser({ role: 'reporter', email: 'sandi@redaksi.example', passwordHash: hash })
    const phone = (await signIn(user.email!)).cookie
    const laptop = (await signIn(user.email!)).cookie
    await updatePasswordHash(user.id, hash, user.id)
    expect(await staffWith(phone)).toBeNull()
    expect(await staffWith(laptop)).toBeNull()
  })

  it('finding 7: a role change and a deactivation end every session', async () => {
    const admin = await createUser({ role: 'admin' })
    const demoted = await createUser({ role: 'editor', email: 'turun@redaksi.example', passwordHash: hash })
    const session = (await signIn(demoted.email!)).cookie
    await updateStaffRole(demoted.id, 'reporter', admin.id)
    expect(await staffWith(session)).toBeNull()

    const leaving = await createUser({ role: 'editor', email: 'pergi@redaksi.example', passwordHash: hash })
    const old = (await signIn(leaving.email!)).cookie
    await setStaffActive(leaving.id, false, admin.id)
    await setStaffActive(leaving.id, true, admin.id)
    // Reactivated, but the session from before stays ended.
    expect(await staffWith(old)).toBeNull()
  })

  it('refuses a forged or garbled cookie', async () => {
    expect(await staffWith('next-auth.session-token=bukan-token')).toBeNull()
    const forged = await encode({ token: { sub: '1' }, secret: 'x'.repeat(64), maxAge: 60 })
    expect(await staffWith(`next-auth.session-token=${forged}`)).toBeNull()
  })

  it('signs out everywhere: every device’s session ends, through the check the admin gate uses', async () => {
    const user = await createUser({ role: 'admin', email: 'semua@redaksi.example', passwordHash: hash })
    const phone = (await signIn(user.email!)).cookie
    const laptop = (await signIn(user.email!)).cookie
    expect((await getStaffForRequest({ headers: { cookie: phone } }))?.id).toBe(user.id)
    expect((await getStaffForRequest({ headers: new Headers({ cookie: `lain=1; ${laptop}` }) }))?.id).toBe(user.id)
    expect(await getStaffForRequest({ headers: {} })).toBeNull()
    await endAllSessions(user.id, user.id)
    expect(await getStaffForRequest({ headers: { cookie: phone } })).toBeNull()
    expect(await getStaffForRequest({ headers: { cookie: laptop } })).toBeNull()
  })

  it('without SITE_URL (next-auth trusting the Host header), the gate reads a plain-HTTP session cookie as pages do', async () => {
    // instrumentation.ts sets AUTH_TRUST_HOST when SITE_URL is unset. next-auth then takes the
    // scheme from X-Forwarded-Proto, which Next adds to a page's request but a raw request in
    // server.mjs lacks; read as https, it looked for the __Secure- cookie and found nobody.
    const saved = { url: process.env.NEXTAUTH_URL, trust: process.env.AUTH_TRUST_HOST }
    delete process.env.NEXTAUTH_URL
    process.env.AUTH_TRUST_HOST = '1'
    try {
      const user = await createUser({ role: 'editor', email: 'lan@redaksi.example', passwordHash: hash })
      const { cookie } = await signIn(user.email!)
      expect((await getStaffForRequest({ headers: { cookie, host: '192.168.1.20:3000' } }))?.id).toBe(user.id)
      // Behind a TLS proxy that says so, the cookie a browser keeps is the __Secure- one.
      expect(await getStaffForRequest({ headers: { cookie, host: 'warta.example', 'x-forwarded-proto': 'https' } })).toBeNull()
    } finally {
      if (saved.url === undefined) delete process.env.NEXTAUTH_URL
      else process.env.NEXTAUTH_URL = saved.url
      if (saved.trust === undefined) delete process.env.AUTH_TRUST_HOST
      else process.env.AUTH_TRUST_HOST = saved.trust
    }
  })
})
