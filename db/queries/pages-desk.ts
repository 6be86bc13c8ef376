import 'server-only'
import { and, asc, eq, sql } from 'drizzle-orm'
import { getDb, write, type Executor } from '@/db'
import { lockRows } from '@/db/dialect'
import { auditLog, pages } from '@/db/tables'
import { pagePath, slugify } from '@/lib/urls'
import { recordRedirect } from './redirects'

/*
 * The newsroom's reads and writes of static pages (/p/slug). A page's last-saved time is its
 * version: a save based on an older one is refused before anything is written.
 */

type Tx = Executor
type PageRow = typeof pages.$inferSelect

export type DeskPage = { id: number; title: string; slug: string; status: 'draft' | 'published'; updatedAt: Date | null }

/** All static pages by title; a site has a handful. */
export async function listPagesForDesk(): Promise<DeskPage[]> {
  return await getDb()
    .select({ id: pages.id, title: pages.title, slug: pages.slug, status: pages.status, updatedAt: pages.updatedAt })
    .from(pages)
    .orderBy(asc(pages.title))
    .limit(500)
}

export type PageForEdit = DeskPage & { bodyHtml: string; seoDescription: string; publishedAt: Date | null; version: number }

export async function getPageForEdit(id: number): Promise<PageForEdit | null> {
  const row = (await getDb().select().from(pages).where(eq(pages.id, id)).limit(1))[0]
  return row ? toEdit(row) : null
}

function toEdit(row: PageRow): PageForEdit {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    status: row.status,
    updatedAt: row.updatedAt,
    bodyHtml: row.bodyHtml,
    seoDescription: row.seoDescription,
    publishedAt: row.publishedAt,
    version: row.updatedAt?.getTime() ?? 0,
  }
}

async function uniquePageSlug(tx: Tx, base: string, exceptId?: number): Promise<string> {
  const taken = new Set(
    (await tx
      .select({ slug: pages.slug })
      .from(pages)
      .where(and(sql`(${pages.slug} = ${base} or ${pages.slug} like ${`${base}-%`})`, exceptId ? sql`${pages.id} <> ${exceptId}` : undefined)))
      .map((r) => r.slug),
  )
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}

export async function createPage(title: string, staffId: number, now = new Date()): Promise<{ id: number }> {
  return write(
    async (tx) => {
      const slug = await uniquePageSlug(tx, slugify(title, 80))
      const row = (await tx.insert(pages).values({ title, slug, status: 'draft', updatedAt: now }).returning({ id: pages.id }))[0]!
      await tx.insert(auditLog).values({ actorId: staffId, action: 'page.create', entity: 'page', entityId: row.id, detail: { slug } })
      return row
    },
  )
}

export type PageWriteResult =
  | { ok: true; page: PageForEdit; before: PageState; after: PageState }
  | { ok: false; code: 'not-found' | 'slug-taken' }
  | { ok: false; code: 'stale'; currentVersion: number }

/** What decides which public pages show a static page (lib/cache/static-page.ts). */
export type PageState = { slug: string; title: string; published: boolean }

const stateOf = (row: { slug: string; title: string; status: string }): PageState => ({
  slug: row.slug,
  title: row.title,
  published: row.status === 'published',
})

export type PageContent = { title: string; slug: string | null; bodyHtml: string; seoDescription: string }

/**
 * Saves a page if `expectedVersion` (its last-saved time in ms) is still current, optionally
 * publishing it. Renaming a published page records a 301 from its old address.
 */
export async function savePage(
  id: number,
  content: PageContent,
  expectedVersion: number,
  staffId: number,
  opts: { publish?: boolean; now?: Date } = {},
): Promise<PageWriteResult> {
  const now = opts.now ?? new Date()
  return write(
    async (tx): Promise<PageWriteResult> => {
      await lockRows(tx, pages, [id]) // PostgreSQL: the version check reads the row as locked (db/dialect.ts)
      const current = (await tx.select().from(pages).where(eq(pages.id, id)).limit(1))[0]
      if (!current) return { ok: false, code: 'not-found' }
      const currentVersion = current.updatedAt?.getTime() ?? 0
      if (currentVersion !== expectedVersion) return { ok: false, code: 'stale', currentVersion }
      const wanted = content.slug ?? slugify(content.title, 80)
      let slug = current.slug
      if (wanted !== current.slug) {
        const clash = (await tx.select({ id: pages.id }).from(pages).where(and(eq(pages.slug, wanted), sql`${pages.id} <> ${id}`)).limit(1))[0]
        if (clash && current.status === 'published') return { ok: false, code: 'slug-taken' }
        slug = clash ? (await uniquePageSlug(tx, wanted, id)) : wanted
      }
      // Never the same millisecond twice, or the version check could not tell two saves apart.
      const savedAt = new Date(Math.max(now.getTime(), currentVersion + 1))
      const publish = opts.publish && current.status !== 'published'
      const row = (await tx
        .update(pages)
        .set({
          title: content.title,
          slug,
          bodyHtml: content.bodyHtml,
          seoDescription: content.seoDescription,
          updatedAt: savedAt,
          ...(opts.publish ? { status: 'published' as const, publishedAt: current.publishedAt ?? savedAt } : {}),
        })
        .where(eq(pages.id, id))
        .returning())[0]!
      if (current.status === 'published' && slug !== current.slug) await recordRedirect(pagePath(current.slug), pagePath(slug), 'page-slug')
      if (publish) await tx.insert(auditLog).values({ actorId: staffId, action: 'page.publish', entity: 'page', entityId: id, detail: { slug } })
      return { ok: true, page: toEdit(row), before: stateOf(current), after: stateOf(row) }
    },
  )
}

export async function unpublishPage(id: number, expectedVersion: number, staffId: number, now = new Date()): Promise<PageWriteResult> {
  return write(
    async (tx): Promise<PageWriteResult> => {
      await lockRows(tx, pages, [id]) // PostgreSQL: the version check reads the row as locked (db/dialect.ts)
      const current = (await tx.select().from(pages).where(eq(pages.id, id)).limit(1))[0]
      if (!current) return { ok: false, code: 'not-found' }
      const currentVersion = current.updatedAt?.getTime() ?? 0
      if (currentVersion !== expectedVersion) return { ok: false, code: 'stale', currentVersion }
      const row = (await tx
        .update(pages)
        .set({ status: 'draft', updatedAt: new Date(Math.max(now.getTime(), currentVersion + 1)) })
        .where(eq(pages.id, id))
        .returning())[0]!
      await tx.insert(auditLog).values({ actorId: staffId, action: 'page.unpublish', entity: 'page', entityId: id, detail: { slug: row.slug } })
      return { ok: true, page: toEdit(row), before: stateOf(current), after: stateOf(row) }
    },
  )
}
