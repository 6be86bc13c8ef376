import 'server-only'
import { and, eq, ne } from 'drizzle-orm'
import { getDb } from '@/db'
import { redirects } from '@/db/schema'

/*
 * Minimal version written on the `articles` branch; the SEO branch (issue #4) owns this file
 * and its fuller version replaces this one at merge. The contract below is what the article
 * workflow relies on.
 */

/**
 * Records that a public article (or page) moved from `fromPath` to `toPath`: a 301 row keyed
 * by from_path (upserted), earlier redirects that pointed at `fromPath` re-pointed at
 * `toPath` so chains collapse to one hop, and any row that would now loop (a redirect
 * away from the live `toPath`, or one pointing at itself) removed. Synchronous: safe to call
 * inside the better-sqlite3 transaction that changes the slug.
 */
export function recordArticleSlugChange(fromPath: string, toPath: string): void {
  if (fromPath === toPath) return
  const db = getDb()
  db.transaction((tx) => {
    // The new address is live: nothing may redirect away from it.
    tx.delete(redirects).where(eq(redirects.fromPath, toPath)).run()
    // Collapse chains: A → fromPath becomes A → toPath.
    tx.update(redirects)
      .set({ toPath })
      .where(and(eq(redirects.toPath, fromPath), ne(redirects.fromPath, toPath)))
      .run()
    tx.insert(redirects)
      .values({ fromPath, toPath, code: 301, reason: 'slug-change' })
      .onConflictDoUpdate({ target: redirects.fromPath, set: { toPath, code: 301, reason: 'slug-change' } })
      .run()
  })
}
