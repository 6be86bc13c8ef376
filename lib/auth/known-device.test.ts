import { TOTP } from 'otpauth'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableTwoFactor, storePendingTotpSecret } from '@/db/queries/two-factor'
import { endAllSessions } from '@/db/queries/users'
import { createUser } from '@/tests/factories'
import { headersFrom, PASSWORD, provider, sessionCookieFor } from '@/tests/sign-in'
import { DEVICE_COOKIE, deviceCookieValue, readKnownDevice, withKnownDevices } from './known-device'
import { hashPassword } from './password'
import { encryptTotpSecret, hashRecoveryCode, newRecoveryCodes, newTotpSecret } from './two-factor'

const hash = await hashPassword(PASSWORD)
const deviceCookie = (value: string) => `${DEVICE_COOKIE}=${value}`

/** One password attempt: 'signed-in', 'half' (a code is still needed), 'wrong' or the refusal's code. */
function attempt(email: string, password: string, headers: Record<string, string>): Promise<string> {
  return provider('credentials')({ email, password }, { headers }).then(
    (user) => (user ? (user.stage === 'code' ? 'half' : 'signed-in') : 'wrong'),
    (error: Error) => error.message,
  )
}

/**
 * A sign-in as the route answers it: next-auth's answer (here, the session cookie it sets when a
 * provider returned a person), with the device cookie the route adds. Returns that cookie, if any.
 */
async function signInThroughRoute(run: () => Promise<unknown>, sessionCookie = 'next-auth.session-token=abc; Path=/; HttpOnly; SameSite=Lax'): Promise<string | undefined> {
  const response = await withKnownDevices(async () => {
    const user = await run()
    return new Response(null, { status: 200, headers: user ? { 'set-cookie': sessionCookie } : {} })
  })
  const set = response.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`))
  return set
}

/** Spends the address's 20 attempts and more, as someone behind the same address guessing other accounts. */
async function attackAddress(address: string) {
  for (let i = 0; i < 21; i++) await attempt(`tamu-${i}@luar.example`, 'tebakan', headersFrom(address))
  expect(await attempt('siapa-saja@luar.example', 'tebakan', headersFrom(address))).toMatch(/^throttled:/)
}

afterEach(() => {
  vi.useRealTimers()
})

describe('known devices', () => {
  it('reads back only the cookie it signed', () => {
    const value = deviceCookieValue(42, 3)
    expect(readKnownDevice({ cookie: `a=b; ${deviceCookie(value)}` })).toMatchObject({ userId: 42, sessionVersion: 3 })
    expect(readKnownDevice(new Headers({ cookie: deviceCookie(value) }))).toMatchObject({ userId: 42 })
    const [v, , sv, nonce, mac] = value.split('.')
    // Another account, another version, another nonce, a changed signature: nothing.
    expect(readKnownDevice({ cookie: deviceCookie([v, 43, sv, nonce, mac].join('.')) })).toBeNull()
    expect(readKnownDevice({ cookie: deviceCookie([v, 42, 4, nonce, mac].join('.')) })).toBeNull()
    expect(readKnownDevice({ cookie: deviceCookie([v, '042', sv, nonce, mac].join('.')) })).toBeNull()
    expect(readKnownDevice({ cookie: deviceCookie([v, 42, sv, 'A'.repeat(22), mac].join('.')) })).toBeNull()
    const flip = (text: string, at: number) => `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`
    expect(readKnownDevice({ cookie: deviceCookie([v, 42, sv, nonce, flip(mac!, 20)].join('.')) })).toBeNull()
    // The last character holds two spare bits: another spelling of the same bytes is refused too.
    expect(readKnownDevice({ cookie: deviceCookie([v, 42, sv, nonce, flip(mac!, 42)].join('.')) })).toBeNull()
    expect(readKnownDevice({ cookie: deviceCookie('d1.'.repeat(10_000)) })).toBeNull()
    expect(readKnownDevice({})).toBeNull()
  })

  it('a completed sign-in marks the browser, on the answer that sets the session, for next-auth’s paths only', { timeout: 60_000 }, async () => {
    const user = await createUser({ role: 'reporter', email: 'tandai@redaksi.example', passwordHash: hash })
    const set = await signInThroughRoute(() => provider('credentials')({ email: 'tandai@redaksi.example', password: PASSWORD }, { headers: headersFrom('192.0.2.30') }))
    expect(set).toMatch(new RegExp(`^${DEVICE_COOKIE}=d1\\.${user.id}\\.1\\.`))
    expect(set).toContain('; Path=/api/auth;')
    expect(set).toContain('; HttpOnly; SameSite=Lax')
    expect(set).not.toContain('Secure')
    // Over https next-auth names its cookie __Secure-; the device cookie is Secure with it.
    const secure = await signInThroughRoute(
      () => provider('credentials')({ email: 'tandai@redaksi.example', password: PASSWORD }, { headers: headersFrom('192.0.2.30') }),
      '__Secure-next-auth.session-token=abc; Path=/; Secure; HttpOnly',
    )
    expect(secure).toMatch(/; Secure$/)
    // A wrong password marks nothing.
    expect(await signInThroughRoute(() => provider('credentials')({ email: 'tandai@redaksi.example', password: 'salah' }, { headers: headersFrom('192.0.2.30') }))).toBeUndefined()
  })

  it('finding: the owner’s own browser signs in at an address under attack; another browser there, or another account’s device, does not', { timeout: 60_000 }, async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-06T01:00:00Z') })
    const owner = await createUser({ role: 'editor', email: 'sekantor@redaksi.example', passwordHash: hash })
    const other = await createUser({ role: 'reporter', email: 'rekan@redaksi.example', passwordHash: hash })
    const set = await signInThroughRoute(() => provider('credentials')({ email: owner.email!, password: PASSWORD }, { headers: headersFrom('203.0.113.80') }))
    const cookie = set!.split(';')[0]!
    await attackAddress('203.0.113.80')

    expect(await attempt(owner.email!, PASSWORD, headersFrom('203.0.113.80'))).toMatch(/^throttled:/)
    expect(await attempt(owner.email!, PASSWORD, headersFrom('203.0.113.80', cookie))).toBe('signed-in')
    // The device is the owner's, not a pass for the address: the colleague is refused with it.
    expect(await attempt(other.email!, PASSWORD, headersFrom('203.0.113.80', cookie))).toMatch(/^throttled:/)
    // A forged device cookie is no device.
    expect(await attempt(owner.email!, PASSWORD, headersFrom('203.0.113.80', deviceCookie(cookie.split('=')[1]!.replace(/.$/, '_'))))).toMatch(/^throttled:/)

    // "Sign out of every device" (and a password change, a role change…) forgets every device.
    await endAllSessions(owner.id, owner.id)
    expect(await attempt(owner.email!, PASSWORD, headersFrom('203.0.113.80', cookie))).toMatch(/^throttled:/)
  })

  it('a known device has 5 attempts of its own, then waits; wherever it goes, and without touching its address', { timeout: 60_000 }, async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-06T02:00:00Z') })
    const owner = await createUser({ role: 'reporter', email: 'dicuri@redaksi.example', passwordHash: hash })
    const cookie = deviceCookie(deviceCookieValue(owner.id, owner.sessionVersion))
    const outcomes: string[] = []
    for (let i = 0; i < 7; i++) outcomes.push(await attempt(owner.email!, `tebakan-${i}`, headersFrom(`192.0.2.${100 + i}`, cookie)))
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('wrong'))
    expect(outcomes.slice(5)).toEqual(Array(2).fill(expect.stringMatching(/^throttled:\d+$/)))
    expect(await attempt(owner.email!, PASSWORD, headersFrom('192.0.2.120', cookie))).toMatch(/^throttled:/)
    // Without the cookie the owner is judged by address as before, and those addresses counted nothing.
    expect(await attempt(owner.email!, PASSWORD, headersFrom('192.0.2.100'))).toBe('signed-in')
    // Once the wait is over, the right password clears the device's count.
    vi.setSystemTime(Date.now() + 60_000)
    expect(await attempt(owner.email!, PASSWORD, headersFrom('192.0.2.120', cookie))).toBe('signed-in')
    for (let i = 0; i < 4; i++) expect(await attempt(owner.email!, 'salah', headersFrom('192.0.2.120', cookie))).toBe('wrong')
  })

  it('with two-factor: the code is taken from a known device at an address under attack, and only then is the device marked', { timeout: 60_000 }, async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    const owner = await createUser({ role: 'admin', email: 'dualangkah@redaksi.example', passwordHash: hash })
    const secret = newTotpSecret()
    await storePendingTotpSecret(owner.id, encryptTotpSecret(owner.id, secret))
    await enableTwoFactor(owner.id, Math.floor(Date.now() / 30_000) - 2, newRecoveryCodes().map(hashRecoveryCode), owner.id)
    const cookie = deviceCookie(deviceCookieValue(owner.id, owner.sessionVersion))
    await attackAddress('198.51.100.90')

    let half: Record<string, unknown> | null = null
    const afterPassword = await signInThroughRoute(async () => {
      half = await provider('credentials')({ email: owner.email!, password: PASSWORD }, { headers: headersFrom('198.51.100.90', cookie) })
      return half
    })
    expect(half).toMatchObject({ stage: 'code' })
    expect(afterPassword, 'half a sign-in marks no device').toBeUndefined()
    const pending = (await sessionCookieFor(half!)).cookie
    const code = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() })

    // Without the device cookie, the attacked address refuses the code too.
    await expect(provider('totp')({ code }, { headers: headersFrom('198.51.100.90', pending) })).rejects.toThrow(/^throttled:/)
    const set = await signInThroughRoute(() => provider('totp')({ code }, { headers: headersFrom('198.51.100.90', pending, cookie) }))
    expect(set).toMatch(new RegExp(`^${DEVICE_COOKIE}=d1\\.${owner.id}\\.`))
  })
})
