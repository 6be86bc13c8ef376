import { TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { listAuditFor } from '@/db/queries/audit'
import { enableTwoFactor, getTwoFactorState, removeTwoFactor, setTwoFactorRequiredForStaff, storePendingTotpSecret } from '@/db/queries/two-factor'
import { createUser } from '@/tests/factories'
import { headersFrom, PASSWORD, provider, sessionCookieFor as cookieFor } from '@/tests/sign-in'
import { hashPassword } from './password'
import { checkSessionToken } from './session-token'
import { decryptTotpSecret, encryptTotpSecret, hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret } from './two-factor'

const hash = await hashPassword(PASSWORD)
const codeAt = (secret: string, ms: number) => new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms })

/** A user with two-factor on; returns its secret and recovery codes. */
async function withTwoFactor(userId: number) {
  const secret = newTotpSecret()
  await storePendingTotpSecret(userId, encryptTotpSecret(userId, secret))
  const codes = newRecoveryCodes()
  // As if enrolled with the code of the step before last: fresh codes stay usable.
  await enableTwoFactor(userId, Math.floor(Date.now() / 30_000) - 2, codes.map(hashRecoveryCode), userId)
  return { secret, codes }
}

describe('two-factor sign-in', () => {
  it('keeps the secret encrypted at rest, bound to its account', () => {
    const secret = newTotpSecret()
    const stored = encryptTotpSecret(7, secret)
    expect(stored).not.toContain(secret)
    expect(decryptTotpSecret(7, stored)).toBe(secret)
    expect(() => decryptTotpSecret(8, stored)).toThrow()
  })

  it('accepts the current code and one step of drift either way', () => {
    const secret = newTotpSecret()
    const now = Date.now()
    expect(matchTotp(secret, codeAt(secret, now), now)).toBe(Math.floor(now / 30_000))
    expect(matchTotp(secret, codeAt(secret, now - 30_000), now)).toBe(Math.floor(now / 30_000) - 1)
    expect(matchTotp(secret, codeAt(secret, now - 120_000), now)).toBeNull()
    expect(matchTotp(secret, 'abcdef', now)).toBeNull()
  })

  it('after the password, asks for a code; a code from the app finishes the sign-in, once', { timeout: 60_000 }, async () => {
    const user = await createUser({ role: 'editor', email: 'dua@redaksi.example', passwordHash: hash })
    const { secret } = await withTwoFactor(user.id)
    const half = await provider('credentials')({ email: 'dua@redaksi.example', password: PASSWORD }, { headers: headersFrom('192.0.2.10') })
    expect(half).toMatchObject({ id: String(user.id), stage: 'code' })
    const pending = await cookieFor(half!)
    expect((await checkSessionToken(pending.token))?.stage).toBe('code')

    expect(await provider('totp')({ code: '000000' }, { headers: headersFrom('192.0.2.10', pending.cookie) })).toBeNull()
    const code = codeAt(secret, Date.now())
    const full = await provider('totp')({ code }, { headers: headersFrom('192.0.2.10', pending.cookie) })
    expect(full).toMatchObject({ id: String(user.id), stage: 'full' })
    expect((await checkSessionToken((await cookieFor(full!)).token))?.stage).toBe('full')
    // The half-done session is spent, and the code cannot be replayed on another.
    expect(await checkSessionToken(pending.token)).toBeNull()
    const again = await cookieFor((await provider('credentials')({ email: 'dua@redaksi.example', password: PASSWORD }, { headers: headersFrom('192.0.2.10') }))!)
    expect(await provider('totp')({ code }, { headers: headersFrom('192.0.2.10', again.cookie) })).toBeNull()
    // Without a half-done session, a code signs nobody in.
    expect(await provider('totp')({ code: codeAt(secret, Date.now() + 30_000) }, { headers: headersFrom('192.0.2.10') })).toBeNull()
  })

  it('takes each recovery code once, and throttles wrong codes like wrong passwords', { timeout: 60_000 }, async () => {
    const user = await createUser({ role: 'admin', email: 'pulih@redaksi.example', passwordHash: hash })
    const { codes } = await withTwoFactor(user.id)
    const signInHalf = async (address: string) =>
      (await cookieFor((await provider('credentials')({ email: 'pulih@redaksi.example', password: PASSWORD }, { headers: headersFrom(address) }))!)).cookie
    const first = await signInHalf('192.0.2.20')
    expect(await provider('totp')({ code: codes[0]!.toUpperCase() }, { headers: headersFrom('192.0.2.20', first) })).toMatchObject({ stage: 'full' })
    const second = await signInHalf('192.0.2.20')
    expect(await provider('totp')({ code: codes[0]! }, { headers: headersFrom('192.0.2.20', second) })).toBeNull()

    const attacker = await signInHalf('198.51.100.20')
    const outcomes: string[] = []
    for (let i = 0; i < 8; i++) {
      outcomes.push(
        await provider('totp')({ code: String(100000 + i) }, { headers: headersFrom('198.51.100.20', attacker) }).then(
          (r) => (r ? 'ok' : 'wrong'),
          (e: Error) => e.message.replace(/\d+$/, ''),
        ),
      )
    }
    // Under the same account-and-address key as passwords (the right password cleared it).
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'throttled:', 'throttled:', 'throttled:'])
  })

  it('sends editors and admins without it to set it up, once an admin requires it; an admin reset ends their sessions', { timeout: 60_000 }, async () => {
    const admin = await createUser({ role: 'admin' })
    const editor = await createUser({ role: 'editor', email: 'wajib@redaksi.example', passwordHash: hash })
    const reporter = await createUser({ role: 'reporter', email: 'bebas@redaksi.example', passwordHash: hash })
    const signInFull = async (email: string) =>
      (await cookieFor((await provider('credentials')({ email, password: PASSWORD }, { headers: headersFrom('192.0.2.30') }))!)).token
    const editorToken = await signInFull('wajib@redaksi.example')
    const reporterToken = await signInFull('bebas@redaksi.example')
    await setTwoFactorRequiredForStaff(true, admin.id)
    expect((await checkSessionToken(editorToken))?.stage).toBe('enrol')
    expect((await checkSessionToken(reporterToken))?.stage).toBe('full')
    await withTwoFactor(editor.id)
    expect((await checkSessionToken(editorToken))?.stage).toBe('full')

    await removeTwoFactor(editor.id, admin.id)
    expect(await getTwoFactorState(editor.id)).toEqual({ secret: null, enabledAt: null, lastStep: null })
    expect((await listAuditFor('user', editor.id))[0]).toMatchObject({ action: 'user:2fa-reset', actorId: admin.id })
    expect(await checkSessionToken(editorToken)).toBeNull()
    await setTwoFactorRequiredForStaff(false, admin.id)
    expect(reporter.id).toBeGreaterThan(0)
  })
})
