import 'server-only'
import crypto from 'node:crypto'
import { addressKey } from '@/lib/http/client-address'
import { getRateLimiter, type ThrottleRule } from '@/lib/rate-limit'
import { getSecret } from '@/lib/secrets'

/*
 * Sign-in throttling (docs/decisions/012-sessions-and-sign-in.md). Two keys per attempt:
 * - the account from this address: 5 attempts, then 1 s, 2 s, 4 s … up to 15 minutes. An
 *   attacker guessing one account is slowed to a crawl; the owner, from their own address, is not
 *   affected at all (no key is per account alone, so nobody can lock an account out).
 * - the address, whatever the account: 20 attempts (an office behind one NAT), then the same
 *   doubling, so one address cannot sweep many accounts either.
 * Refused attempts cost no password check. Password and two-factor codes count alike.
 * Counted where every server sees them: the database, or Redis with REDIS_URL set (ADR 018).
 *
 * A known device (lib/auth/known-device.ts) signing in to its own account counts under one key of
 * its own instead (5 attempts, then the same doubling): whatever its address has suffered, the
 * reporter's browser is judged by what was tried from it (ADR 025).
 */
const ACCOUNT_FREE = 5
const ADDRESS_FREE = 20
const BASE_DELAY_MS = 1000
const MAX_DELAY_MS = 15 * 60 * 1000
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000

function keyFor(...parts: string[]): string {
  return crypto.createHmac('sha256', getSecret('sign-in-throttle')).update(parts.join('\0')).digest('hex')
}

/** An attempt let through: on success, `clear` starts over and `giveBack` regains the attempt. */
export type SignInAttempt = { clear: string[]; giveBack: string[] }
type Begun = { ok: true; attempt: SignInAttempt } | { ok: false; retryAfterSeconds: number }

async function begin(rules: ThrottleRule[], attempt: SignInAttempt, now: Date): Promise<Begun> {
  const decision = await getRateLimiter().beginThrottled(rules, FORGET_AFTER_MS, now)
  if (decision.allowed) return { ok: true, attempt }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)) }
}

/**
 * Counts an attempt for `account` (the email typed, lower-case: unknown emails are throttled
 * exactly like real ones) from `address`. Returns the attempt to finish on success, or the
 * seconds to wait.
 */
export async function beginSignInAttempt(account: string, address: string, now = new Date()): Promise<Begun> {
  const where = addressKey(address)
  const accountKey = keyFor('account', account, where)
  const addressKeyed = keyFor('address', where)
  const rules: ThrottleRule[] = [
    { key: accountKey, free: ACCOUNT_FREE, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS },
    { key: addressKeyed, free: ADDRESS_FREE, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS },
  ]
  return begin(rules, { clear: [accountKey], giveBack: [addressKeyed] }, now)
}

/**
 * Counts an attempt from a known device at its own account (the caller has checked the cookie's
 * signature and that it names this account at its current session version). Its address is not
 * counted, and does not count against it.
 */
export async function beginKnownDeviceAttempt(nonce: string, now = new Date()): Promise<Begun> {
  const deviceKey = keyFor('device', nonce)
  return begin([{ key: deviceKey, free: ACCOUNT_FREE, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS }], { clear: [deviceKey], giveBack: [] }, now)
}

/** The attempt succeeded: the account (or the device) starts over; the address gets its attempt back. */
export async function finishSignInAttempt(attempt: SignInAttempt): Promise<void> {
  await getRateLimiter().finishThrottled({ clear: attempt.clear, giveBack: attempt.giveBack })
}
