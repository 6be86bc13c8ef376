import 'server-only'
import { eq } from 'drizzle-orm'
import { getDb } from '@/db'
import { users } from '@/db/schema'

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
