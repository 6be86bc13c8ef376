import 'server-only'
import crypto from 'node:crypto'
import { beginThrottledAttempt, finishThrottledAttempt, type ThrottleRule } from '@/db/queries/rate-limits'
import { addressKey } from '@/lib/http/client-address'
import { getSecret } from '@/lib/secrets'

/*
 * Sign-in throttling (docs/decisions/012-sessions-and-sign-in.md). Two keys per attempt:
 * - the account from this address: 5 attempts, then 1 s, 2 s, 4 s … up to 15 minutes. An
 *   attacker guessing one account is slowed to a crawl; the owner, from their own address, is not
 *   affected at all (no key is per account alone, so nobody can lock an account out).
 * - the address, whatever the account: 20 attempts (an office behind one NAT), then the same
 *   doubling, so one address cannot sweep many accounts either.
 * Refused attempts cost no password check. Password and two-factor codes count alike.
 */
const ACCOUNT_FREE = 5
const ADDRESS_FREE = 20
const BASE_DELAY_MS = 1000
const MAX_DELAY_MS = 15 * 60 * 1000
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000

function keyFor(...parts: string[]): string {
  return crypto.createHmac('sha256', getSecret('sign-in-throttle')).update(parts.join('\0')).digest('hex')
}

export type SignInAttempt = { accountKey: string; addressKey: string }

/**
 * Counts an attempt for `account` (the email typed, lower-case: unknown emails are throttled
 * exactly like real ones) from `address`. Returns the attempt to finish on success, or the
 * seconds to wait.
 */
export async function beginSignInAttempt(account: string, address: string, now = new Date()): Promise<{ ok: true; attempt: SignInAttempt } | { ok: false; retryAfterSeconds: number }> {
  const where = addressKey(address)
  const attempt = { accountKey: keyFor('account', account, where), addressKey: keyFor('address', where) }
  const rules: ThrottleRule[] = [
    { key: attempt.accountKey, free: ACCOUNT_FREE, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS },
    { key: attempt.addressKey, free: ADDRESS_FREE, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS },
  ]
  const decision = await beginThrottledAttempt(rules, FORGET_AFTER_MS, now)
  if (decision.allowed) return { ok: true, attempt }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)) }
}

/** The attempt succeeded: the account starts over from this address; the address gets its attempt back. */
export async function finishSignInAttempt(attempt: SignInAttempt): Promise<void> {
  await finishThrottledAttempt({ clear: [attempt.accountKey], giveBack: [attempt.addressKey] })
}
