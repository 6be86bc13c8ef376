import 'server-only'
import { write } from '@/db'
import { execute, sweepExpiredSql } from '@/db/dialect'
import { revokedSessions } from '@/db/tables'

/** Ends one session (signing out): its id is refused until `expiresAt`, when the token is dead anyway. */
export async function revokeSession(sessionId: string, expiresAt: Date, now = new Date()): Promise<void> {
  await write(async (tx) => {
    // Bounded sweep per write, like the rate limits: the table holds a week of sign-outs at most.
    await execute(tx, sweepExpiredSql(tx, 'revoked_sessions', now.getTime(), 100))
    await tx.insert(revokedSessions)
      .values({ sessionId, expiresAt: expiresAt.getTime() })
      .onConflictDoUpdate({ target: revokedSessions.sessionId, set: { expiresAt: expiresAt.getTime() } })
  })
}
