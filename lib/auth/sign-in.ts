import 'server-only'
import { z } from 'zod'
import { getCredentialsByEmail, recordSignIn } from '@/db/queries/users'
import { getClientAddress } from '@/lib/http/client-address'
import { HashingBusy } from './hash-worker'
import { burnPasswordCheck, verifyPassword } from './password'
import { beginSignInAttempt, finishSignInAttempt } from './throttle'

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
 */
export async function checkPassword(raw: unknown, headers: HeaderSource): Promise<{ id: number; sessionVersion: number } | null> {
  const parsed = credentialsSchema.safeParse(raw)
  if (!parsed.success) return null
  const { email, password } = parsed.data
  const begun = beginSignInAttempt(email, getClientAddress(headers))
  if (!begun.ok) throw refuseThrottled(begun.retryAfterSeconds)
  try {
    const user = getCredentialsByEmail(email)
    if (!user?.passwordHash) {
      await burnPasswordCheck(password)
      return null
    }
    if (!(await verifyPassword(password, user.passwordHash)) || !user.active) return null
    finishSignInAttempt(begun.attempt)
    return { id: user.id, sessionVersion: recordSignIn(user.id) }
  } catch (error) {
    if (error instanceof HashingBusy) throw new SignInRefusal('busy')
    throw error
  }
}
