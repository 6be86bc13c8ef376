import path from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { getPublishedPage, listPublishedPageSlugs } from '@/db/queries/pages'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'
import { importBloggerExport } from '@/lib/import/blogger/import'
import { STANDARD_PAGES } from '@/lib/urls'
import expected from '@/tests/fixtures/blogger/expected.json'
import { pages } from './tables'
import { createStarterPages, STARTER_PAGES } from './starter-pages'

const slugs = Object.values(STANDARD_PAGES)

describe('a new installation', () => {
  it('starts with the masthead, guideline and contact pages as drafts, so nothing links them yet', async () => {
    expect(await createStarterPages(getWriteConnection())).toBe(3)
    const rows = await getWriteConnection().select({ slug: pages.slug, status: pages.status, bodyHtml: pages.bodyHtml }).from(pages)
    expect(rows.map((r) => r.slug).sort()).toEqual([...slugs].sort())
    expect(rows.every((r) => r.status === 'draft')).toBe(true)
    for (const slug of slugs) expect(await getPublishedPage(slug)).toBeNull()
    expect(await listPublishedPageSlugs(slugs)).toEqual([])
  })

  it('gives each page an outline the editor keeps as written (it passes the sanitizer unchanged)', () => {
    for (const p of STARTER_PAGES) {
      expect(p.bodyHtml).toMatch(/\[[^\]]+\]/)
      expect(sanitizeArticleHtml(p.bodyHtml)).toBe(p.bodyHtml)
    }
  })

  it('adds nothing twice and never touches a page that exists', async () => {
    await getWriteConnection().update(pages).set({ status: 'published', bodyHtml: '<p>Kontak kami.</p>' }).where(eq(pages.slug, STANDARD_PAGES.contact))
    expect(await createStarterPages(getWriteConnection())).toBe(0)
    expect((await getPublishedPage(STANDARD_PAGES.contact))?.bodyHtml).toBe('<p>Kontak kami.</p>')
    expect(await listPublishedPageSlugs(slugs)).toEqual([STANDARD_PAGES.contact])
  })
})

describe('a Blogger import into a new installation', () => {
  it("puts the newsroom's own pages at their addresses in place of untouched starter drafts, and keeps edited ones", async () => {
    await getWriteConnection().delete(pages)
    await createStarterPages(getWriteConnection())
    // An editor has started on the guideline page: it is theirs now, not a starter.
    await getWriteConnection().update(pages).set({ bodyHtml: '<p>Pedoman kami.</p>' }).where(eq(pages.slug, STANDARD_PAGES.guidelines))
    await importBloggerExport(path.resolve('tests/fixtures/blogger', expected.files.classic), { now: new Date('2026-11-27T00:00:00Z') })
    const rows = await getWriteConnection().select({ slug: pages.slug, status: pages.status, bodyHtml: pages.bodyHtml }).from(pages)
    const at = (slug: string) => rows.filter((r) => r.slug === slug)
    expect(at(STANDARD_PAGES.masthead)).toEqual([expect.objectContaining({ status: 'published' })])
    expect(at(STANDARD_PAGES.masthead)[0]!.bodyHtml).not.toContain('[Draf.')
    expect(at(STANDARD_PAGES.guidelines)).toEqual([expect.objectContaining({ bodyHtml: '<p>Pedoman kami.</p>' })])
    expect(at(`${STANDARD_PAGES.guidelines}-2`)).toHaveLength(1)
    expect(rows.some((r) => r.slug === `${STANDARD_PAGES.masthead}-2`)).toBe(false)
  })
})
