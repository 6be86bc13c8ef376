import 'server-only'
import { eq, sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { revokedSessions } from '@/db/schema'

/** Ends one session (signing out): its id is refused until `expiresAt`, when the token is dead anyway. */
export function revokeSession(sessionId: string, expiresAt: Date, now = new Date()): void {
  getDb().transaction((tx) => {
    // Bounded sweep per write, like the rate limits: the table holds a week of sign-outs at most.
    tx.run(sql`DELETE FROM revoked_sessions WHERE rowid IN (
      SELECT rowid FROM revoked_sessions WHERE expires_at <= ${now.getTime()} LIMIT 100)`)
    tx.insert(revokedSessions)
      .values({ sessionId, expiresAt: expiresAt.getTime() })
      .onConflictDoUpdate({ target: revokedSessions.sessionId, set: { expiresAt: expiresAt.getTime() } })
      .run()
  })
}

export function isSessionRevoked(sessionId: string): boolean {
  return getDb().select({ id: revokedSessions.sessionId }).from(revokedSessions).where(eq(revokedSessions.sessionId, sessionId)).get() !== undefined
}
