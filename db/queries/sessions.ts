import 'server-only'
import { and, desc, eq, gt, lt, ne, or, sql } from 'drizzle-orm'
import { type Executor, getDb, write } from '@/db'
import { execute, sweepExpiredSql } from '@/db/dialect'
import { revokedSessions, userSessions, users } from '@/db/tables'
import { recordAudit } from './audit'

/*
 * Sessions (docs/decisions/012-sessions-and-sign-in.md): a session is a JWT whose `sid` names
 * one sign-in. Ending one puts its id in revoked_sessions until the token is dead anyway; the
 * open ones of a person are listed in user_sessions, one row each, for the profile page
 * (docs/decisions/028-signed-in-devices.md).
 */

/** How long a session lives without being used: next-auth's maxAge (lib/auth/options.ts). */
export const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
/** A session's last use is written at most this often: once an hour, not on every request. */
export const SESSION_SEEN_EVERY_MS = 60 * 60 * 1000
/** The most sessions the profile lists (newest use first); older ones are still ended by "all devices". */
export const LISTED_SESSIONS = 50
/** A person's stale rows removed per new sign-in: bounded, like every sweep. */
const SWEEP_ROWS = 100

/** Refused until the token is dead anyway: past its own expiry, whatever renewal it had. */
function refusedUntil(now: number): number {
  return now + 2 * SESSION_MAX_AGE_MS
}

async function revokeIn(tx: Executor, sessionId: string, until: number, now: number): Promise<void> {
  // Bounded sweep per write, like the rate limits: the table holds two weeks of sign-outs at most.
  await execute(tx, sweepExpiredSql(tx, 'revoked_sessions', now, 100))
  await tx.insert(revokedSessions)
    .values({ sessionId, expiresAt: until })
    .onConflictDoUpdate({ target: revokedSessions.sessionId, set: { expiresAt: until } })
  await tx.delete(userSessions).where(eq(userSessions.sessionId, sessionId))
}

/** Ends one session (signing out, or the half-done session a two-factor code replaces). */
export async function revokeSession(sessionId: string, now = Date.now()): Promise<void> {
  await write((tx) => revokeIn(tx, sessionId, refusedUntil(now), now))
}

export type SessionClient = { device: string; address: string }

/**
 * A completed sign-in: its session is listed from now on. Rows that can no longer sign anyone in
 * go, a bounded number per sign-in: the person's of an older session version, and anyone's unused
 * for longer than a session lives (the table holds the newsroom's sessions of the last week: a
 * few hundred rows, read whole by this sweep at most).
 */
export async function recordSessionStart(
  session: { sessionId: string; userId: number; sessionVersion: number },
  client: SessionClient,
  now = Date.now(),
): Promise<void> {
  await write(async (tx) => {
    const stale = tx.select({ id: userSessions.sessionId }).from(userSessions)
      .where(or(
        and(eq(userSessions.userId, session.userId), ne(userSessions.sessionVersion, session.sessionVersion)),
        lt(userSessions.lastSeenAt, now - SESSION_MAX_AGE_MS),
      ))
      .limit(SWEEP_ROWS)
    await tx.delete(userSessions).where(sql`${userSessions.sessionId} in (${stale})`)
    await tx.insert(userSessions)
      .values({ ...session, device: client.device, address: client.address, createdAt: now, lastSeenAt: now })
      .onConflictDoNothing()
  })
}

/**
 * A session in use whose last use was not written in the last hour (or at all: a session made
 * before the list existed, listed from its first check on with what the token says).
 */
export async function recordSessionSeen(
  session: { sessionId: string; userId: number; sessionVersion: number; signedInAt: number },
  now = Date.now(),
): Promise<void> {
  await write(async (tx) => {
    await tx.insert(userSessions)
      .values({ sessionId: session.sessionId, userId: session.userId, sessionVersion: session.sessionVersion, createdAt: session.signedInAt, lastSeenAt: now })
      .onConflictDoUpdate({ target: userSessions.sessionId, set: { lastSeenAt: now } })
  })
}

export type OpenSession = { sessionId: string; device: string; address: string; signedInAt: Date; lastSeenAt: Date }

/**
 * The person's sessions that can still sign them in, most recently used first: of their
 * current version, used within a session's life, and not ended (a check in flight when one was
 * ended may have written its row again).
 */
export async function listOpenSessions(userId: number, now = Date.now()): Promise<OpenSession[]> {
  const rows = await getDb()
    .select({
      sessionId: userSessions.sessionId,
      device: userSessions.device,
      address: userSessions.address,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .where(and(
      eq(userSessions.userId, userId),
      eq(userSessions.sessionVersion, sql`(select ${users.sessionVersion} from ${users} where ${users.id} = ${userId})`),
      gt(userSessions.lastSeenAt, now - SESSION_MAX_AGE_MS),
      sql`not exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${userSessions.sessionId})`,
    ))
    .orderBy(desc(userSessions.lastSeenAt))
    .limit(LISTED_SESSIONS)
  return rows.map(({ createdAt, lastSeenAt, ...row }) => ({ ...row, signedInAt: new Date(createdAt), lastSeenAt: new Date(lastSeenAt) }))
}

/**
 * Ends one of the person's own sessions, from the profile page. False when it is not theirs or
 * already gone (ended, signed out, or ended with all the others).
 */
export async function endOwnSession(userId: number, sessionId: string, now = Date.now()): Promise<boolean> {
  return write(async (tx) => {
    const row = (await tx.select({ device: userSessions.device }).from(userSessions)
      .where(and(eq(userSessions.sessionId, sessionId), eq(userSessions.userId, userId))).limit(1))[0]
    if (!row) return false
    await revokeIn(tx, sessionId, refusedUntil(now), now)
    await recordAudit({ actorId: userId, action: 'user:end-session', entity: 'user', entityId: userId, detail: { device: row.device } }, tx)
    return true
  })
}
