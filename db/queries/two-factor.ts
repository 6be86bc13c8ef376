import 'server-only'
import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { recoveryCodes, settings, users } from '@/db/tables'
import { recordAudit } from './audit'

export type TwoFactorState = { secret: string | null; enabledAt: Date | null; lastStep: number | null }

/** The encrypted secret and whether it is in use; lib/auth/two-factor.ts decrypts it. */
export async function getTwoFactorState(userId: number): Promise<TwoFactorState | null> {
  return (
    (await getDb()
      .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
      .from(users)
      .where(eq(users.id, userId)).limit(1))[0] ?? null
  )
}

/** Enrolment, step 1: a new secret awaits its first code. Refused (false) once two-factor is on. */
export async function storePendingTotpSecret(userId: number, encryptedSecret: string): Promise<boolean> {
  const rows = await write((tx) =>
    tx
      .update(users)
      .set({ totpSecret: encryptedSecret, totpLastStep: null })
      .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id }),
  )
  return rows.length > 0
}

/** Enrolment, step 2: the first code matched. Turns two-factor on with a fresh set of recovery codes. */
export async function enableTwoFactor(userId: number, step: number, codeHashes: string[], actorId: number): Promise<boolean> {
  return write(async (tx) => {
    const result = await tx
      .update(users)
      .set({ totpEnabledAt: new Date(), totpLastStep: step })
      .where(and(eq(users.id, userId), isNull(users.totpEnabledAt), sql`${users.totpSecret} is not null`))
      .returning({ id: users.id })
    if (result.length === 0) return false
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    for (const codeHash of codeHashes) await tx.insert(recoveryCodes).values({ userId, codeHash })
    await recordAudit({ actorId, action: 'user:2fa-enable', entity: 'user', entityId: userId }, tx)
    return true
  })
}

/**
 * Accepts a code's time step once: false when this step (or a later one) was used already, so
 * an overheard code cannot be replayed, from any process.
 */
export async function claimTotpStep(userId: number, step: number): Promise<boolean> {
  const rows = await write((tx) =>
    tx
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id }),
  )
  return rows.length > 0
}

/** Spends a recovery code (by its keyed hash): true once, then never again. */
export async function spendRecoveryCode(userId: number, codeHash: string): Promise<boolean> {
  return write(async (tx) => {
    const result = await tx
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id })
    if (result.length === 0) return false
    await recordAudit({ actorId: userId, action: 'user:2fa-recovery-code', entity: 'user', entityId: userId }, tx)
    return true
  })
}

export async function countUnusedRecoveryCodes(userId: number): Promise<number> {
  return (
    (await getDb()
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).limit(1))[0]?.n ?? 0
  )
}

/**
 * Turns two-factor off for someone: by themselves ('user:2fa-disable') or by an admin after a lost
 * phone ('user:2fa-reset'). Ends every session of theirs. False when the account does not exist.
 */
export async function removeTwoFactor(userId: number, actorId: number): Promise<boolean> {
  return write(async (tx) => {
    const result = await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ id: users.id })
    if (result.length === 0) return false
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    await recordAudit({ actorId, action: actorId === userId ? 'user:2fa-disable' : 'user:2fa-reset', entity: 'user', entityId: userId }, tx)
    return true
  })
}

const REQUIRED_KEY = 'two_factor_required'

/** Whether editors and admins must use two-factor sign-in (an admin's setting on the users screen). */
export async function isTwoFactorRequiredForStaff(): Promise<boolean> {
  return (await getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, REQUIRED_KEY)).limit(1))[0]?.value === true
}

/** The same setting as a column of another select (the session check reads it in its one statement): true, or false when unset. */
export function twoFactorRequiredColumn() {
  return sql`(select ${settings.value} from ${settings} where ${settings.key} = ${REQUIRED_KEY})`.mapWith((value: unknown) => settings.value.mapFromDriverValue(value as string) === true)
}

export async function setTwoFactorRequiredForStaff(required: boolean, actorId: number): Promise<void> {
  await write(async (tx) => {
    await tx.insert(settings)
      .values({ key: REQUIRED_KEY, value: required, updatedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value: required, updatedAt: new Date() } })
    await recordAudit({ actorId, action: 'settings:2fa-required', entity: 'settings', detail: { required } }, tx)
  })
}
