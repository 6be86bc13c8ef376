import 'server-only'
import { and, count, desc, eq, isNotNull, ne, sql } from 'drizzle-orm'
import { getDb, type Executor, write } from '@/db'
import { execute, forUpdate, lockRows, noCase } from '@/db/dialect'
import { articles, revokedSessions, settings, userSessions, users, type Role } from '@/db/tables'
import { slugify } from '@/lib/urls'
import { recordAudit } from './audit'
import { twoFactorRequiredColumn } from './two-factor'

export type PublicAuthor = { id: number; name: string; slug: string; bio: string }

/**
 * An author's public profile. Deactivated staff keep their page: their bylines stay on
 * the stories they wrote. Never selects email, role or password hash.
 */
export async function getAuthorBySlug(slug: string): Promise<PublicAuthor | null> {
  return (
    (await getDb()
      .select({ id: users.id, name: users.name, slug: users.slug, bio: users.bio })
      .from(users)
      .where(eq(users.slug, slug)).limit(1))[0] ?? null
  )
}

export type Staff = { id: number; name: string; email: string | null; role: Role; active: boolean }

const staffColumns = { id: users.id, name: users.name, email: users.email, role: users.role, active: users.active }

/** The signed-in person as authorization sees them, read fresh on every check. */
export async function getStaffById(id: number): Promise<Staff | null> {
  return (await getDb().select(staffColumns).from(users).where(eq(users.id, id)).limit(1))[0] ?? null
}

export type SessionUser = Staff & { sessionVersion: number; twoFactorEnabled: boolean }

/** `lastSeenAt`: when the session's use was last written to the list of open sessions (null: not listed yet). */
export type SessionCheck = { user: SessionUser; revoked: boolean; twoFactorRequired: boolean; lastSeenAt: number | null }

/**
 * What a session check needs, in one statement: the person (active, session version, two-factor
 * state), whether this sign-in was ended (sessions.ts revokeSession), when its use was last
 * listed (sessions.ts recordSessionSeen) and whether the newsroom requires two-factor sign-in. Every newsroom page and action runs it; on PostgreSQL each
 * statement is a round trip that waits for a busy process's event loop.
 */
export async function getSessionCheck(id: number, sessionId: string): Promise<SessionCheck | null> {
  const row = (await getDb()
    .select({
      ...staffColumns,
      sessionVersion: users.sessionVersion,
      totpEnabledAt: users.totpEnabledAt,
      revoked: sql`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${sessionId})`.mapWith((value: unknown) => value === true || value === 1),
      twoFactorRequired: twoFactorRequiredColumn(),
      lastSeenAt: sql<number | string | null>`(select ${userSessions.lastSeenAt} from ${userSessions} where ${userSessions.sessionId} = ${sessionId})`,
    })
    .from(users)
    .where(eq(users.id, id)).limit(1))[0]
  if (!row) return null
  const { totpEnabledAt, revoked, twoFactorRequired, lastSeenAt, ...user } = row
  // The subqueries read NULL when nothing matches, which no mapping sees (PostgreSQL's bigint arrives as text).
  return {
    user: { ...user, twoFactorEnabled: totpEnabledAt !== null },
    revoked,
    twoFactorRequired: twoFactorRequired === true,
    lastSeenAt: lastSeenAt === null ? null : Number(lastSeenAt),
  }
}

const nextSessionVersion = sql`${users.sessionVersion} + 1`

/** Ends every session of this person, on every device (their next request finds them signed out). */
export async function endAllSessions(userId: number, actorId: number | null): Promise<void> {
  await write(async (tx) => {
    await tx.update(users).set({ sessionVersion: nextSessionVersion }).where(eq(users.id, userId))
    await recordAudit({ actorId, action: 'user:end-sessions', entity: 'user', entityId: userId }, tx)
  })
}

/** For sign-in only: the one read that selects a password hash. */
export async function getCredentialsByEmail(email: string): Promise<{ id: number; passwordHash: string | null; active: boolean; sessionVersion: number } | null> {
  return (
    (await getDb()
      .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, sessionVersion: users.sessionVersion })
      .from(users)
      .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`).limit(1))[0] ?? null
  )
}

export async function countUsers(): Promise<number> {
  return (await getDb().select({ n: count() }).from(users).limit(1))[0]?.n ?? 0
}

/**
 * Whether anyone could sign in: an active account with an email and a password. Demo and
 * imported authors (no password) do not count: while nobody can, first-run setup is open.
 */
export async function canAnyoneSignIn(db: Executor = getDb()): Promise<boolean> {
  return (
    (await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.active, true), isNotNull(users.email), isNotNull(users.passwordHash)))
      .limit(1))[0] !== undefined
  )
}

const SETUP_TOKEN_KEY = 'setup_token_hash'

/** Replaces the first-run setup token (its SHA-256, hex), or removes it (null). */
export async function storeSetupTokenHash(hash: string | null, db?: Executor): Promise<void> {
  const run = async (ex: Executor) => {
    if (hash === null) {
      await ex.delete(settings).where(eq(settings.key, SETUP_TOKEN_KEY))
      return
    }
    await ex
      .insert(settings)
      .values({ key: SETUP_TOKEN_KEY, value: hash, updatedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value: hash, updatedAt: new Date() } })
  }
  await (db ? run(db) : write(run))
}

export async function getSetupTokenHash(db: Executor = getDb()): Promise<string | null> {
  const value = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SETUP_TOKEN_KEY)).limit(1))[0]?.value
  return typeof value === 'string' ? value : null
}

/** Records a successful sign-in; returns the session version the new session carries. */
export async function recordSignIn(id: number): Promise<number> {
  const rows = await write((tx) => tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id)).returning({ v: users.sessionVersion }))
  return rows[0]?.v ?? 1
}

export class DuplicateEmailError extends Error {
  constructor() {
    super('A user with this email already exists')
  }
}

/** A slug for a new person's author page, unique among users. */
async function uniqueUserSlug(name: string): Promise<string> {
  const base = slugify(name, 60)
  const taken = new Set(
    (await getDb()
      .select({ slug: users.slug })
      .from(users)
      .where(sql`${users.slug} = ${base} or ${users.slug} like ${`${base}-%`}`))
      .map((r) => r.slug),
  )
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}

/**
 * Creates a staff account. With `setupToken` (first-run setup), refuses (returns null) unless
 * nobody can sign in yet and `isValid` accepts the stored token's hash; the token is spent with
 * the insert. Checked in the insert's transaction, so two setup forms cannot both win.
 * Writes a `user:create` audit row naming `actorId` (null: first-run setup or the CLI).
 */
export async function createStaff(
  input: { name: string; email: string; role: Role; passwordHash: string },
  opts: { setupToken?: { isValid: (storedHash: string | null) => boolean }; actorId?: number | null; via?: 'setup' | 'admin' | 'cli' } = {},
): Promise<Staff | null> {
  const db = getDb()
  return write(async (tx) => {
    if (opts.setupToken) {
      // PostgreSQL: a second setup form waits here for the first to commit, then finds the token
      // spent. Unlocked, both read it valid under READ COMMITTED and both created an account.
      await execute(tx, sql`SELECT key FROM settings WHERE key = ${SETUP_TOKEN_KEY}${forUpdate(tx)}`)
      if ((await canAnyoneSignIn(tx)) || !opts.setupToken.isValid(await getSetupTokenHash(tx))) return null
      await storeSetupTokenHash(null, tx)
    }
    const email = input.email.trim().toLowerCase()
    const exists = (await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`).limit(1))[0]
    if (exists) throw new DuplicateEmailError()
    const created = (await tx
      .insert(users)
      .values({ name: input.name, email, role: input.role, passwordHash: input.passwordHash, slug: await uniqueUserSlug(input.name), active: true })
      .returning(staffColumns))[0]!
    await recordAudit(
      { actorId: opts.actorId ?? null, action: 'user:create', entity: 'user', entityId: created.id, detail: { role: input.role, via: opts.via ?? null } },
      tx,
    )
    return created
  })
}

export type StaffListItem = Staff & { lastLoginAt: Date | null; twoFactorEnabled: boolean }

/** Everyone with an account, active first, A–Z. A newsroom has tens of people: one unpaged read. */
export async function listStaff(): Promise<StaffListItem[]> {
  return (await getDb()
    .select({ ...staffColumns, lastLoginAt: users.lastLoginAt, totpEnabledAt: users.totpEnabledAt })
    .from(users)
    .orderBy(desc(users.active), noCase(users.name), users.id))
    .map(({ totpEnabledAt, ...person }) => ({ ...person, twoFactorEnabled: totpEnabledAt !== null }))
}

/** The change would leave the site without an active admin. */
export class LastAdminError extends Error {
  constructor() {
    super('The last active admin cannot be demoted or deactivated')
    this.name = 'LastAdminError'
  }
}

/** An admin tried to demote or deactivate their own account. */
export class SelfChangeError extends Error {
  constructor() {
    super('Admins cannot demote or deactivate themselves')
    this.name = 'SelfChangeError'
  }
}

/**
 * The rules every role or status change obeys, checked inside the write's transaction so two
 * admins demoting each other at once cannot leave the site with none.
 */
async function assertAdminRemains(tx: Executor, target: Staff, next: { role: Role; active: boolean }, actorId: number | null): Promise<void> {
  const losesAdmin = target.role === 'admin' && target.active && (next.role !== 'admin' || !next.active)
  if (!losesAdmin) return
  if (actorId === target.id) throw new SelfChangeError()
  // PostgreSQL: two admins demoting each other at once each counted the other and both won.
  // With the active admins locked, the second counts after the first commits (db/dialect.ts).
  const admins = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true)))
  await lockRows(tx, users, admins.map((a) => a.id))
  const others =
    (await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, target.id))).limit(1))[0]?.n ?? 0
  if (others === 0) throw new LastAdminError()
}

async function changeStaff(userId: number, next: (s: Staff) => { role: Role; active: boolean }, actorId: number | null): Promise<Staff | null> {
  return write(async (tx) => {
    const target = (await tx.select(staffColumns).from(users).where(eq(users.id, userId)).limit(1))[0]
    if (!target) return null
    const wanted = next(target)
    if (wanted.role === target.role && wanted.active === target.active) return target
    await assertAdminRemains(tx, target, wanted, actorId)
    const updated = (await tx
      .update(users)
      // Sessions end with the change: a new role starts from a new sign-in.
      .set({ role: wanted.role, active: wanted.active, sessionVersion: nextSessionVersion, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning(staffColumns))[0]!
    const action = wanted.role !== target.role ? 'user:role' : wanted.active ? 'user:reactivate' : 'user:deactivate'
    await recordAudit(
      { actorId, action, entity: 'user', entityId: userId, detail: { from: { role: target.role, active: target.active }, to: wanted } },
      tx,
    )
    return updated
  })
}

/**
 * Changes someone's role. Null when they do not exist. Throws SelfChangeError (an admin
 * demoting themselves) or LastAdminError. Takes effect on their next request: authorization
 * re-reads the row on every check.
 */
export async function updateStaffRole(userId: number, role: Role, actorId: number | null): Promise<Staff | null> {
  return changeStaff(userId, (s) => ({ role, active: s.active }), actorId)
}

/**
 * Deactivates (cannot sign in, every check refuses them at once; their bylines stay) or
 * reactivates an account. Same rules and errors as updateStaffRole.
 */
export async function setStaffActive(userId: number, active: boolean, actorId: number | null): Promise<Staff | null> {
  return changeStaff(userId, (s) => ({ role: s.role, active }), actorId)
}

export class AlreadyHasSignInError extends Error {
  constructor() {
    super('This account already has an email')
  }
}

/**
 * Lets someone who has no sign-in yet (an author brought in by the Blogger import) sign in: gives
 * the account an email and a first password and activates it, keeping its name, slug, role and
 * bylines. Null when the account does not exist. Throws DuplicateEmailError, or
 * AlreadyHasSignInError for an account that has an email (its owner changes the password).
 */
export async function grantSignIn(userId: number, input: { email: string; passwordHash: string }, actorId: number | null): Promise<Staff | null> {
  return write(async (tx) => {
    const target = (await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId)).limit(1))[0]
    if (!target) return null
    if (target.email !== null) throw new AlreadyHasSignInError()
    const email = input.email.trim().toLowerCase()
    if ((await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`).limit(1))[0]) throw new DuplicateEmailError()
    const updated = (await tx
      .update(users)
      .set({ email, passwordHash: input.passwordHash, active: true, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning(staffColumns))[0]!
    await recordAudit({ actorId, action: 'user:grant-sign-in', entity: 'user', entityId: userId }, tx)
    return updated
  })
}

export type Profile = { id: number; name: string; email: string | null; bio: string; slug: string; role: Role }

export async function getProfile(id: number): Promise<Profile | null> {
  return (
    (await getDb()
      .select({ id: users.id, name: users.name, email: users.email, bio: users.bio, slug: users.slug, role: users.role })
      .from(users)
      .where(eq(users.id, id)).limit(1))[0] ?? null
  )
}

/** Name and bio as shown on the author page and bylines. The slug stays, so author URLs do not move. */
export async function updateProfile(id: number, input: { name: string; bio: string }): Promise<void> {
  await write((tx) => tx.update(users).set({ name: input.name, bio: input.bio, updatedAt: new Date() }).where(eq(users.id, id)))
}

/** For the password change only: the one other read of a password hash. */
export async function getPasswordHash(id: number): Promise<string | null> {
  return (await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, id)).limit(1))[0]?.hash ?? null
}

/** Sets a new password and ends every session: whoever knew the old one is signed out too. */
export async function updatePasswordHash(id: number, passwordHash: string, actorId: number | null): Promise<void> {
  await write(async (tx) => {
    await tx.update(users).set({ passwordHash, sessionVersion: nextSessionVersion, updatedAt: new Date() }).where(eq(users.id, id))
    await recordAudit({ actorId, action: 'user:password', entity: 'user', entityId: id }, tx)
  })
}

