import 'server-only'
import crypto from 'node:crypto'
import type { JWT } from 'next-auth/jwt'
import { recordSessionSeen, SESSION_SEEN_EVERY_MS, type SessionClient } from '@/db/queries/sessions'
import { getSessionCheck, type SessionUser } from '@/db/queries/users'
import { mustUseTwoFactor } from './two-factor'

/*
 * Sessions are next-auth JWTs (encrypted, in an HttpOnly cookie) that carry who (`sub`), which
 * sign-in (`sid`), the person's session version when it was made (`sv`) and how far the sign-in
 * got (`stage`). Every check re-reads the users row: a token whose version is behind the row's,
 * or whose sign-in was ended, or whose person is deactivated, signs nobody in
 * (docs/decisions/012-sessions-and-sign-in.md).
 */

/** `code`: the password was right, the two-factor code is still to come. */
export type TokenStage = 'full' | 'code'
/** `enrol`: signed in, but must set up two-factor sign-in before anything else. */
export type SessionStage = 'full' | 'code' | 'enrol'

export type SessionClaims = { sub: string; sv: number; sid: string; stage: TokenStage; at: number }

/** How long the step between a right password and the two-factor code may take. */
export const PENDING_CODE_MS = 10 * 60 * 1000

/** What the sign-in providers return to next-auth: becomes the claims of the new session (and, for a full one, its row in the list of open sessions). */
export type SignedInUser = { id: string; sv: number; stage: TokenStage; client?: SessionClient }

export function newSessionClaims(user: SignedInUser, now = Date.now()): SessionClaims {
  return { sub: user.id, sv: user.sv, sid: crypto.randomBytes(16).toString('base64url'), stage: user.stage, at: now }
}

export type CheckedSession = { user: SessionUser; stage: SessionStage; claims: SessionClaims }

/**
 * Keeps the profile's list of open sessions current: the session's last use, at most hourly, or
 * its first row for a session made before the list existed. A failure (the database refusing
 * writes) leaves the person signed in: the list is a view, not the check.
 */
async function noteSessionUse(claims: SessionClaims, userId: number, now: number): Promise<void> {
  try {
    await recordSessionSeen({ sessionId: claims.sid, userId, sessionVersion: claims.sv, signedInAt: claims.at }, now)
  } catch (error) {
    console.error('session check: could not record the session\'s use', { userId, error: (error as Error).message })
  }
}

/**
 * The one session check: a decoded token → the person it signs in and how far, or null. Reads
 * the users row (active, session version) and the list of ended sign-ins every time, in one
 * statement (getSessionCheck); writes the session's use to the list of open sessions at most
 * hourly (noteSessionUse).
 */
export async function checkSessionToken(token: JWT | null | undefined, now = Date.now()): Promise<CheckedSession | null> {
  if (!token) return null
  const { sub, sv, sid, stage, at } = token as Partial<Record<keyof SessionClaims, unknown>>
  const id = Number(sub)
  if (!Number.isInteger(id) || id <= 0 || typeof sv !== 'number' || typeof sid !== 'string' || typeof at !== 'number') return null
  if (stage !== 'full' && stage !== 'code') return null
  const check = await getSessionCheck(id, sid)
  if (!check) return null
  const { user } = check
  if (!user.active || user.sessionVersion !== sv) return null
  if (check.revoked) return null
  if (stage === 'code' && (now - at > PENDING_CODE_MS || !user.twoFactorEnabled)) return null
  const claims: SessionClaims = { sub: String(sub), sv, sid, stage, at }
  if (stage === 'full' && (check.lastSeenAt === null || now - check.lastSeenAt >= SESSION_SEEN_EVERY_MS)) {
    await noteSessionUse(claims, id, now)
  }
  // Required by the newsroom but not set up yet: signed in only to set it up.
  if (stage === 'full' && !user.twoFactorEnabled && mustUseTwoFactor(user.role, check.twoFactorRequired)) {
    return { user, stage: 'enrol', claims }
  }
  return { user, stage, claims }
}

