import 'server-only'
import { and, eq, inArray } from 'drizzle-orm'
import { getDb } from '@/db'
import { pages } from '@/db/tables'

export type PublicPage = {
  id: number
  title: string
  slug: string
  bodyHtml: string
  seoDescription: string
  updatedAt: Date | null
}

export async function getPublishedPage(slug: string): Promise<PublicPage | null> {
  return (
    (await getDb()
      .select({
        id: pages.id,
        title: pages.title,
        slug: pages.slug,
        bodyHtml: pages.bodyHtml,
        seoDescription: pages.seoDescription,
        updatedAt: pages.updatedAt,
      })
      .from(pages)
      .where(and(eq(pages.slug, slug), eq(pages.status, 'published'))).limit(1))[0] ?? null
  )
}

/** Which of these slugs are published pages: the footer links only those. */
export async function listPublishedPageSlugs(slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return []
  return (await getDb()
    .select({ slug: pages.slug })
    .from(pages)
    .where(and(inArray(pages.slug, [...slugs]), eq(pages.status, 'published'))))
    .map((r) => r.slug)
}
