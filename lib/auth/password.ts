import { z } from 'zod'
import { t } from '@/lib/i18n/id'
import { bcryptCompare, bcryptHash, type HashLane } from './hash-worker'

const COST = 12

/** bcrypt at cost 12, computed on the hashing worker (lib/auth/hash-worker.ts), never the event loop. */
export function hashPassword(password: string): Promise<string> {
  return bcryptHash(password, COST)
}

/**
 * `lane`: `staff` for a person the newsroom knows (signed in, or signing in from a known device),
 * checked on the staff's hashing thread, never behind strangers' sign-ins (ADR 025).
 */
export function verifyPassword(password: string, hash: string, lane: HashLane): Promise<boolean> {
  return bcryptCompare(password, hash, lane)
}

// A bcrypt hash of a throwaway word at the same cost: comparing against it costs what comparing
// against a real account does, so a wrong email takes as long as a wrong password.
const DUMMY_HASH = '$2b$12$mGoj7unVGD7y632n/UfXfOi/0CWwcWRTM0VXRAqSHooIwwihbxX1u'

export async function burnPasswordCheck(password: string): Promise<boolean> {
  await bcryptCompare(password, DUMMY_HASH, 'stranger')
  return false
}

const COMMON = new Set(['password', 'password123', '12345678', '123456789', 'qwertyuiop', 'rahasia123', 'indonesia', 'admin123', 'bismillah'])

/** At least 10 characters, not all one character class of a common password; bcrypt reads 72 bytes at most. */
export const passwordSchema = z
  .string()
  .min(10, t.admin.auth.passwordTooShort)
  .refine((p) => Buffer.byteLength(p) <= 72, t.admin.auth.passwordTooLong)
  .refine((p) => !COMMON.has(p.toLowerCase()) && new Set(p).size >= 5, t.admin.auth.passwordWeak)
