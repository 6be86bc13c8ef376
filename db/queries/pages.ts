import 'server-only'
import { and, eq } from 'drizzle-orm'
import { getDb } from '@/db'
import { pages } from '@/db/schema'

export type PublicPage = {
  id: number
  title: string
  slug: string
  bodyHtml: string
  seoDescription: string
  updatedAt: Date | null
}

export function getPublishedPage(slug: string): PublicPage | null {
  return (
    getDb()
      .select({
        id: pages.id,
        title: pages.title,
        slug: pages.slug,
        bodyHtml: pages.bodyHtml,
        seoDescription: pages.seoDescription,
        updatedAt: pages.updatedAt,
      })
      .from(pages)
      .where(and(eq(pages.slug, slug), eq(pages.status, 'published')))
      .get() ?? null
  )
}
