import 'server-only'
import crypto from 'node:crypto'
import type { Executor } from '@/db'
import { canAnyoneSignIn, getSetupTokenHash, storeSetupTokenHash } from '@/db/queries/users'

/*
 * First-run setup (issue 11): while no account can sign in (a new install, or the demo content,
 * whose authors have no password), each start of the server issues one setup link and prints it.
 * Only its SHA-256 is stored, in the database, so every server process accepts it; a new start
 * replaces it, creating the first admin spends it, and once anyone can sign in it is gone. A
 * stranger who finds a fresh public install cannot claim it without the server's output.
 */

export const SETUP_PATH = '/admin/setup'

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

/**
 * At start (lib/cli/prepare.ts, once per `npm start`, before any server process): a new setup
 * link while nobody can sign in, else null (and any old token is removed).
 */
export async function issueSetupLink(siteUrl: string, db?: Executor): Promise<string | null> {
  if ((await canAnyoneSignIn(db))) {
    await storeSetupTokenHash(null, db)
    return null
  }
  const token = crypto.randomBytes(24).toString('base64url')
  await storeSetupTokenHash(hashToken(token), db)
  return `${siteUrl}${SETUP_PATH}?token=${token}`
}

/** Does this token match the stored one? Constant-time; false when none is stored. */
export function matchesSetupToken(token: unknown, storedHash: string | null): boolean {
  if (typeof token !== 'string' || token.length === 0 || token.length > 100 || storedHash === null) return false
  const given = Buffer.from(hashToken(token), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && crypto.timingSafeEqual(given, stored)
}

/** For the setup page: is this link still good (nobody can sign in, token matches)? */
export async function isSetupLinkValid(token: unknown): Promise<boolean> {
  return !(await canAnyoneSignIn()) && matchesSetupToken(token, await getSetupTokenHash())
}
