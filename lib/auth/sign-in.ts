import 'server-only'
import { z } from 'zod'
import { claimTotpStep, getTwoFactorState, spendRecoveryCode } from '@/db/queries/two-factor'
import { getCredentialsByEmail, recordSignIn, type SessionUser } from '@/db/queries/users'
import { write } from '@/db'
import { getClientAddress } from '@/lib/http/client-address'
import { HashingBusy } from './hash-worker'
import { isDeviceOf, readKnownDevice, rememberDevice } from './known-device'
import { burnPasswordCheck, verifyPassword } from './password'
import { beginKnownDeviceAttempt, beginSignInAttempt, finishSignInAttempt } from './throttle'
import { decryptTotpSecret, hashRecoveryCode, isRecoveryCodeShaped, matchTotp } from './two-factor'

/**
 * Why a sign-in was refused, as next-auth passes it to the form (the `error` of signIn()): the
 * form turns it into words (components/admin/sign-in-form.tsx). A wrong email or password is
 * not one of these: it is a plain null, the same for both.
 */
export type SignInRefusalCode = `throttled:${number}` | 'busy'

export class SignInRefusal extends Error {
  constructor(readonly code: SignInRefusalCode) {
    super(code)
    this.name = 'SignInRefusal'
  }
}

export const refuseThrottled = (seconds: number) => new SignInRefusal(`throttled:${seconds}`)

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
})

type HeaderSource = Headers | Record<string, string | string[] | undefined>

/**
 * Email and password → the account id, or null for any wrong combination (unknown email,
 * wrong password, deactivated account: one answer, one cost). Throws SignInRefusal when the
 * throttle refuses the attempt (no password is checked then) or the hashing queue is full.
 *
 * From a known device of the account typed (ADR 025) the attempt is counted under the device's
 * key, not the address's, and its password is checked on the staff's hashing thread, not the
 * strangers'. The account is read first only when the request carries a device cookie whose
 * signature holds.
 */
export async function checkPassword(
  raw: unknown,
  headers: HeaderSource,
): Promise<{ id: number; sessionVersion: number; twoFactor: boolean } | null> {
  const parsed = credentialsSchema.safeParse(raw)
  if (!parsed.success) return null
  const { email, password } = parsed.data
  const device = readKnownDevice(headers)
  let user = device ? await getCredentialsByEmail(email) : undefined
  const known = isDeviceOf(device, user ?? null)
  const begun = known ? await beginKnownDeviceAttempt(device.nonce) : await beginSignInAttempt(email, getClientAddress(headers))
  if (!begun.ok) throw refuseThrottled(begun.retryAfterSeconds)
  try {
    if (user === undefined) user = await getCredentialsByEmail(email)
    if (!user?.passwordHash) {
      await burnPasswordCheck(password)
      return null
    }
    if (!(await verifyPassword(password, user.passwordHash, known ? 'staff' : 'stranger')) || !user.active) return null
    const twoFactor = (await getTwoFactorState(user.id))?.enabledAt != null
    // With two-factor on, the sign-in is only half done: recorded when the code comes.
    await finishSignInAttempt(begun.attempt)
    const id = user.id
    if (twoFactor) return { id, sessionVersion: user.sessionVersion, twoFactor }
    const sessionVersion = await write(() => recordSignIn(id))
    rememberDevice(id, sessionVersion)
    return { id, sessionVersion, twoFactor }
  } catch (error) {
    if (error instanceof HashingBusy) throw new SignInRefusal('busy')
    throw error
  }
}

const codeSchema = z.object({ code: z.string().trim().min(1).max(40) })

/**
 * The second step, for a session whose password was right: a code from the authenticator app
 * (each time step once) or an unused recovery code. Throttled like passwords, under the same
 * account-and-address and address keys. Null for a wrong code.
 */
export async function checkSecondFactor(raw: unknown, headers: HeaderSource, user: SessionUser): Promise<{ id: number; sessionVersion: number } | null> {
  const parsed = codeSchema.safeParse(raw)
  if (!parsed.success) return null
  const device = readKnownDevice(headers)
  const begun = isDeviceOf(device, user)
    ? await beginKnownDeviceAttempt(device.nonce)
    : await beginSignInAttempt(user.email?.toLowerCase() ?? `user:${user.id}`, getClientAddress(headers))
  if (!begun.ok) throw refuseThrottled(begun.retryAfterSeconds)
  const state = await getTwoFactorState(user.id)
  if (!state?.secret || !state.enabledAt) return null
  const code = parsed.data.code
  const recovery = isRecoveryCodeShaped(code)
  const step = recovery ? null : matchTotp(decryptTotpSecret(user.id, state.secret), code)
  const sessionVersion = await write(async () => {
    const ok = recovery ? (await spendRecoveryCode(user.id, hashRecoveryCode(code))) : step !== null && (await claimTotpStep(user.id, step))
    if (!ok) return null
    return recordSignIn(user.id)
  })
  if (sessionVersion === null) return null
  await finishSignInAttempt(begun.attempt)
  rememberDevice(user.id, sessionVersion)
  return { id: user.id, sessionVersion }
}
