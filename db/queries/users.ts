import 'server-only'
import { count, eq, sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { users, type Role } from '@/db/schema'
import { slugify } from '@/lib/urls'

export type PublicAuthor = { id: number; name: string; slug: string; bio: string }

/**
 * An author's public profile. Deactivated staff keep their page: their bylines stay on
 * the stories they wrote. Never selects email, role or password hash.
 */
export function getAuthorBySlug(slug: string): PublicAuthor | null {
  return (
    getDb()
      .select({ id: users.id, name: users.name, slug: users.slug, bio: users.bio })
      .from(users)
      .where(eq(users.slug, slug))
      .get() ?? null
  )
}

export type Staff = { id: number; name: string; email: string | null; role: Role; active: boolean }

const staffColumns = { id: users.id, name: users.name, email: users.email, role: users.role, active: users.active }

/** The signed-in person as authorization sees them, read fresh on every check. */
export function getStaffById(id: number): Staff | null {
  return getDb().select(staffColumns).from(users).where(eq(users.id, id)).get() ?? null
}

/** For sign-in only: the one read that selects a password hash. */
export function getCredentialsByEmail(email: string): { id: number; passwordHash: string | null; active: boolean } | null {
  return (
    getDb()
      .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
      .from(users)
      .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
      .get() ?? null
  )
}

export function countUsers(): number {
  return getDb().select({ n: count() }).from(users).get()?.n ?? 0
}

export function recordSignIn(id: number): void {
  getDb().update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id)).run()
}

export class DuplicateEmailError extends Error {
  constructor() {
    super('A user with this email already exists')
  }
}

/** A slug for a new person's author page, unique among users. */
function uniqueUserSlug(name: string): string {
  const base = slugify(name, 60)
  const taken = new Set(
    getDb()
      .select({ slug: users.slug })
      .from(users)
      .where(sql`${users.slug} = ${base} or ${users.slug} like ${`${base}-%`}`)
      .all()
      .map((r) => r.slug),
  )
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}

/**
 * Creates a staff account. With `onlyIfNoUsers`, refuses (returns null) when anyone exists,
 * checked in the same transaction as the insert so two first-run forms cannot both win.
 */
export function createStaff(
  input: { name: string; email: string; role: Role; passwordHash: string },
  opts: { onlyIfNoUsers?: boolean } = {},
): Staff | null {
  const db = getDb()
  return db.transaction((tx) => {
    if (opts.onlyIfNoUsers && (tx.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return null
    const email = input.email.trim().toLowerCase()
    const exists = tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`).get()
    if (exists) throw new DuplicateEmailError()
    return tx
      .insert(users)
      .values({ name: input.name, email, role: input.role, passwordHash: input.passwordHash, slug: uniqueUserSlug(input.name), active: true })
      .returning(staffColumns)
      .get()
  })
}
