import bcrypt from 'bcryptjs'
import { z } from 'zod'
import { t } from '@/lib/i18n/id'

const COST = 12

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST)
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash)
}

// Used when no hash exists, so a wrong email costs as much time as a wrong password.
let dummyHash: string | undefined
export async function burnPasswordCheck(password: string): Promise<boolean> {
  dummyHash ??= await bcrypt.hash('warta-timing-equaliser', COST)
  return bcrypt.compare(password, dummyHash)
}

const COMMON = new Set(['password', 'password123', '12345678', '123456789', 'qwertyuiop', 'rahasia123', 'indonesia', 'admin123', 'bismillah'])

/** At least 10 characters, not all one character class of a common password; bcrypt reads 72 bytes at most. */
export const passwordSchema = z
  .string()
  .min(10, t.admin.auth.passwordTooShort)
  .refine((p) => Buffer.byteLength(p) <= 72, t.admin.auth.passwordTooLong)
  .refine((p) => !COMMON.has(p.toLowerCase()) && new Set(p).size >= 5, t.admin.auth.passwordWeak)
