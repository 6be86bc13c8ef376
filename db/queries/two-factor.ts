import 'server-only'
import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { recoveryCodes, settings, users } from '@/db/schema'
import { recordAudit } from './audit'

export type TwoFactorState = { secret: string | null; enabledAt: Date | null; lastStep: number | null }

/** The encrypted secret and whether it is in use; lib/auth/two-factor.ts decrypts it. */
export function getTwoFactorState(userId: number): TwoFactorState | null {
  return (
    getDb()
      .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
      .from(users)
      .where(eq(users.id, userId))
      .get() ?? null
  )
}

/** Enrolment, step 1: a new secret awaits its first code. Refused (false) once two-factor is on. */
export function storePendingTotpSecret(userId: number, encryptedSecret: string): boolean {
  const result = getDb()
    .update(users)
    .set({ totpSecret: encryptedSecret, totpLastStep: null })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
    .run()
  return result.changes > 0
}

/** Enrolment, step 2: the first code matched. Turns two-factor on with a fresh set of recovery codes. */
export function enableTwoFactor(userId: number, step: number, codeHashes: string[], actorId: number): boolean {
  return getDb().transaction((tx) => {
    const result = tx
      .update(users)
      .set({ totpEnabledAt: new Date(), totpLastStep: step })
      .where(and(eq(users.id, userId), isNull(users.totpEnabledAt), sql`${users.totpSecret} is not null`))
      .run()
    if (result.changes === 0) return false
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run()
    for (const codeHash of codeHashes) tx.insert(recoveryCodes).values({ userId, codeHash }).run()
    recordAudit({ actorId, action: 'user:2fa-enable', entity: 'user', entityId: userId }, tx)
    return true
  })
}

/**
 * Accepts a code's time step once: false when this step (or a later one) was used already, so
 * an overheard code cannot be replayed, from any process.
 */
export function claimTotpStep(userId: number, step: number): boolean {
  const result = getDb()
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .run()
  return result.changes > 0
}

/** Spends a recovery code (by its keyed hash): true once, then never again. */
export function spendRecoveryCode(userId: number, codeHash: string): boolean {
  return getDb().transaction((tx) => {
    const result = tx
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .run()
    if (result.changes === 0) return false
    recordAudit({ actorId: userId, action: 'user:2fa-recovery-code', entity: 'user', entityId: userId }, tx)
    return true
  })
}

export function countUnusedRecoveryCodes(userId: number): number {
  return (
    getDb()
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      .get()?.n ?? 0
  )
}

/**
 * Turns two-factor off for someone: by themselves ('user:2fa-disable') or by an admin after a lost
 * phone ('user:2fa-reset'). Ends every session of theirs. False when the account does not exist.
 */
export function removeTwoFactor(userId: number, actorId: number): boolean {
  return getDb().transaction((tx) => {
    const result = tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .run()
    if (result.changes === 0) return false
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run()
    recordAudit({ actorId, action: actorId === userId ? 'user:2fa-disable' : 'user:2fa-reset', entity: 'user', entityId: userId }, tx)
    return true
  })
}

const REQUIRED_KEY = 'two_factor_required'

/** Whether editors and admins must use two-factor sign-in (an admin's setting on the users screen). */
export function isTwoFactorRequiredForStaff(): boolean {
  return getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, REQUIRED_KEY)).get()?.value === true
}

export function setTwoFactorRequiredForStaff(required: boolean, actorId: number): void {
  getDb().transaction((tx) => {
    tx.insert(settings)
      .values({ key: REQUIRED_KEY, value: required, updatedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value: required, updatedAt: new Date() } })
      .run()
    recordAudit({ actorId, action: 'settings:2fa-required', entity: 'settings', detail: { required } }, tx)
  })
}
