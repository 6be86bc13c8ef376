import { getServerSession } from 'next-auth'
import { encode, type JWT } from 'next-auth/jwt'
import { describe, expect, it } from 'vitest'
import { getDb, write } from '@/db'
import { endOwnSession, listOpenSessions, SESSION_MAX_AGE_MS, SESSION_SEEN_EVERY_MS } from '@/db/queries/sessions'
import { endAllSessions } from '@/db/queries/users'
import { auditLog, userSessions } from '@/db/tables'
import { formatPeerAddress, PEER_ADDRESS_HEADER } from '@/lib/http/client-address'
import { createUser } from '@/tests/factories'
import { countStatements } from '@/tests/query-plans'
import { eq } from 'drizzle-orm'
import { deviceLabel } from './devices'
import { getAuthOptions } from './options'
import { hashPassword } from './password'
import { checkSessionToken } from './session-token'

const options = getAuthOptions()
const PASSWORD = 'teh-manis-sore'
const hash = await hashPassword(PASSWORD)
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>
const provider = options.providers.find((p) => p.id === 'credentials') as unknown as { options: { authorize: Authorize } }

const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
const WINDOWS_EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'

/** Signs in through the real provider and callbacks, from a browser at an address; returns the token and its cookie. */
async function signIn(email: string, userAgent: string, address: string): Promise<{ cookie: string; token: JWT }> {
  const headers = { [PEER_ADDRESS_HEADER]: formatPeerAddress(address), 'user-agent': userAgent }
  const user = await provider.options.authorize({ email, password: PASSWORD }, { headers })
  expect(user).not.toBeNull()
  const token = await options.callbacks!.jwt!({ token: { sub: user!.id }, user: user as never, account: null, trigger: 'signIn' })
  const value = await encode({ token, secret: options.secret!, maxAge: options.session!.maxAge })
  return { cookie: `next-auth.session-token=${value}`, token }
}

async function signsIn(cookie: string): Promise<boolean> {
  const [name, ...value] = cookie.split('=')
  const res = { getHeader: () => undefined, setHeader: () => undefined }
  const session = await getServerSession({ headers: { cookie }, cookies: { [name!]: value.join('=') } } as never, res as never, options)
  return Boolean((session?.user as { id?: string } | undefined)?.id)
}

describe('device names', () => {
  it('names the browser and the system from a User-Agent', () => {
    expect(deviceLabel(ANDROID_CHROME)).toBe('Chrome di Android')
    expect(deviceLabel(WINDOWS_EDGE)).toBe('Edge di Windows')
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari di iPhone')
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36')).toBe('Samsung Internet di Android')
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox di Linux')
    expect(deviceLabel('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15')).toBe('Safari di macOS')
    expect(deviceLabel('curl/8.5.0')).toBe('')
    expect(deviceLabel(undefined)).toBe('')
  })

  it('reads only the start of a huge header', () => {
    // Plain substring checks over at most 512 characters: a megabyte of header costs what 512 do.
    const huge = `${'(Linux; '.repeat(200_000)}Android Chrome/131`
    const started = performance.now()
    for (let i = 0; i < 100; i++) expect(deviceLabel(huge)).toBe('Linux')
    expect(performance.now() - started).toBeLessThan(100)
    expect(deviceLabel(`${'x'.repeat(600)}Android`)).toBe('')
  })
})

describe('the list of open sessions', () => {
  it('lists each sign-in with its device and address; ending one signs that device out and no other', async () => {
    const user = await createUser({ role: 'reporter', email: 'dua.perangkat@redaksi.example', passwordHash: hash })
    const phone = await signIn(user.email!, ANDROID_CHROME, '203.0.113.7')
    const laptop = await signIn(user.email!, WINDOWS_EDGE, '198.51.100.20')
    const listed = await listOpenSessions(user.id)
    expect(listed.map((s) => [s.sessionId, s.device, s.address]).sort()).toEqual(
      [[phone.token.sid, 'Chrome di Android', '203.0.113.7'], [laptop.token.sid, 'Edge di Windows', '198.51.100.20']].sort(),
    )

    // Someone else cannot end it, whatever id they send.
    const stranger = await createUser({ role: 'admin' })
    expect(await endOwnSession(stranger.id, phone.token.sid as string)).toBe(false)
    expect(await signsIn(phone.cookie)).toBe(true)

    expect(await endOwnSession(user.id, phone.token.sid as string)).toBe(true)
    expect(await signsIn(phone.cookie)).toBe(false)
    expect(await signsIn(laptop.cookie)).toBe(true)
    expect((await listOpenSessions(user.id)).map((s) => s.sessionId)).toEqual([laptop.token.sid])
    // Ended once: a second try finds nothing.
    expect(await endOwnSession(user.id, phone.token.sid as string)).toBe(false)
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.action, 'user:end-session'))
    expect(audit.filter((row) => row.entityId === user.id)).toHaveLength(1)
  })

  it('signing out, or out of every device, takes sessions off the list; the next sign-in sweeps the dead rows', async () => {
    const user = await createUser({ role: 'editor', email: 'keluar.daftar@redaksi.example', passwordHash: hash })
    const first = await signIn(user.email!, ANDROID_CHROME, '203.0.113.8')
    const second = await signIn(user.email!, WINDOWS_EDGE, '203.0.113.9')
    await options.events?.signOut?.({ token: first.token, session: undefined as never })
    expect((await listOpenSessions(user.id)).map((s) => s.sessionId)).toEqual([second.token.sid])

    await endAllSessions(user.id, user.id)
    expect(await listOpenSessions(user.id)).toEqual([])
    // Someone else's session, unused for longer than a session lives.
    const away = await createUser({ role: 'reporter' })
    const longAgo = Date.now() - SESSION_MAX_AGE_MS - 60_000
    await write((tx) => tx.insert(userSessions).values({ sessionId: 'lama-sekali', userId: away.id, sessionVersion: 1, createdAt: longAgo, lastSeenAt: longAgo }))
    const third = await signIn(user.email!, ANDROID_CHROME, '203.0.113.10')
    const rows = await getDb().select({ id: userSessions.sessionId }).from(userSessions).where(eq(userSessions.userId, user.id))
    expect(rows.map((r) => r.id)).toEqual([third.token.sid])
    expect(await getDb().select().from(userSessions).where(eq(userSessions.userId, away.id))).toEqual([])
  })

  it('lists a session made before the list existed from its first check, and writes its use at most hourly', async () => {
    const user = await createUser({ role: 'reporter', email: 'sesi.lama@redaksi.example', passwordHash: hash })
    const { token } = await signIn(user.email!, ANDROID_CHROME, '203.0.113.11')
    await write((tx) => tx.delete(userSessions).where(eq(userSessions.userId, user.id)))
    const at = token.at as number

    // The first check writes it, with the token's own sign-in time.
    const first = await countStatements(async () => expect(await checkSessionToken(token, at + 60_000)).not.toBeNull())
    expect(first.count).toBeGreaterThan(1)
    let [row] = await listOpenSessions(user.id, at + 60_000)
    expect(row).toMatchObject({ sessionId: token.sid, device: '', signedInAt: new Date(at), lastSeenAt: new Date(at + 60_000) })

    // Within the hour a check is its one read; past it, the use is written again.
    const soon = await countStatements(async () => expect(await checkSessionToken(token, at + 30 * 60_000)).not.toBeNull())
    expect(soon.count, soon.statements.join('\n')).toBe(1)
    const later = at + 60_000 + SESSION_SEEN_EVERY_MS
    expect(await checkSessionToken(token, later)).not.toBeNull()
    ;[row] = await listOpenSessions(user.id, later)
    expect(row!.lastSeenAt).toEqual(new Date(later))

    // Unused for longer than a session lives: no longer listed.
    expect(await listOpenSessions(user.id, later + SESSION_MAX_AGE_MS)).toEqual([])
  })

  it('lists nothing for a half-done two-factor sign-in', async () => {
    // A session at the code step is not a sign-in yet: nothing is listed for it.
    const user = await createUser({ role: 'reporter', email: 'setengah@redaksi.example', passwordHash: hash })
    const pending = await options.callbacks!.jwt!({ token: {}, user: { id: String(user.id), sv: 1, stage: 'code' } as never, account: null, trigger: 'signIn' })
    expect(pending.stage).toBe('code')
    expect(await listOpenSessions(user.id)).toEqual([])
    await checkSessionToken(pending)
    expect(await getDb().select().from(userSessions).where(eq(userSessions.userId, user.id))).toEqual([])
  })
})
