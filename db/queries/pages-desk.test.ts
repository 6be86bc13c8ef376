import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { redirects } from '@/db/tables'
import { createUser } from '@/tests/factories'
import { getPublishedPage } from './pages'
import { createPage, getPageForEdit, listPagesForDesk, savePage, unpublishPage } from './pages-desk'

const content = (o: Partial<{ title: string; slug: string | null; bodyHtml: string; seoDescription: string }> = {}) => ({
  title: 'Redaksi',
  slug: null,
  bodyHtml: '<p>Susunan redaksi.</p>',
  seoDescription: '',
  ...o,
})

describe('static pages on the desk', () => {
  it('creates, saves, publishes and unpublishes a page, with a version check', async () => {
    const editor = (await createUser({ role: 'editor' })).id
    const { id } = await createPage('Tentang Kami', editor, new Date('2026-01-01T00:00:00Z'))
    const v1 = (await getPageForEdit(id))!
    expect(v1).toMatchObject({ slug: 'tentang-kami', status: 'draft' })
    expect(await getPublishedPage('tentang-kami')).toBeNull()

    const saved = await savePage(id, content({ title: 'Tentang Kami', slug: 'tentang-kami' }), v1.version, editor, { publish: true })
    expect(saved).toMatchObject({ ok: true, page: { status: 'published' } })
    expect((await getPublishedPage('tentang-kami'))?.bodyHtml).toBe('<p>Susunan redaksi.</p>')

    // Someone still holding v1 is refused, and nothing changes.
    expect(await savePage(id, content({ title: 'Lama' }), v1.version, editor)).toMatchObject({ ok: false, code: 'stale' })
    expect((await getPageForEdit(id))!.title).toBe('Tentang Kami')

    const v2 = (await getPageForEdit(id))!.version
    expect(await unpublishPage(id, v2, editor)).toMatchObject({ ok: true, page: { status: 'draft' } })
    expect(await getPublishedPage('tentang-kami')).toBeNull()
    expect((await listPagesForDesk()).map((p) => p.id)).toContain(id)
  })

  it('records a 301 when a published page changes its slug', async () => {
    const editor = (await createUser({ role: 'editor' })).id
    const { id } = await createPage('Pedoman', editor)
    const r = await savePage(id, content({ title: 'Pedoman', slug: 'pedoman' }), (await getPageForEdit(id))!.version, editor, { publish: true })
    expect(r.ok).toBe(true)
    const moved = await savePage(id, content({ title: 'Pedoman', slug: 'pedoman-media-siber' }), (await getPageForEdit(id))!.version, editor)
    expect(moved).toMatchObject({ ok: true, before: { slug: 'pedoman' }, after: { slug: 'pedoman-media-siber' } })
    expect((await getWriteConnection().select().from(redirects).where(eq(redirects.fromPath, '/p/pedoman')).limit(1))[0]?.toPath).toBe('/p/pedoman-media-siber')
  })
})
