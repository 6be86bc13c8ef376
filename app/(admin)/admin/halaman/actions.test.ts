import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPage, getPageForEdit } from '@/db/queries/pages-desk'
import { TAGS } from '@/lib/cache-tags'
import { t } from '@/lib/i18n/id'
import { createUser } from '@/tests/factories'

let sessionUserId: number | null = null
vi.mock('next-auth', () => ({
  getServerSession: async () => (sessionUserId ? { user: { id: String(sessionUserId) } } : null),
}))
const updateTag = vi.fn()
vi.mock('next/cache', () => ({ updateTag: (tag: string) => updateTag(tag) }))

const actions = await import('./actions')

function form(fields: Record<string, string | number>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, String(v))
  return fd
}

describe('static page actions', () => {
  beforeEach(() => updateTag.mockClear())

  it('refuse anyone but editors and admins, and anonymous clients', async () => {
    const editor = await createUser({ role: 'editor' })
    const { id } = await createPage('Kontak', editor.id)
    const version = (await getPageForEdit(id))!.version
    const input = form({ id, version, title: 'Diubah', bodyHtml: '<p>x</p>' })
    sessionUserId = null
    expect(await actions.publishStaticPage(null, input)).toMatchObject({ ok: false, message: t.admin.errors.signedOut })
    sessionUserId = (await createUser({ role: 'reporter' })).id
    expect(await actions.publishStaticPage(null, input)).toMatchObject({ ok: false, message: t.admin.errors.forbidden })
    expect(await getPageForEdit(id)).toMatchObject({ title: 'Kontak', status: 'draft' })
  })

  it('publish a page and refresh its address and the site chrome; refuse a stale save', async () => {
    const editor = await createUser({ role: 'editor' })
    sessionUserId = editor.id
    const { id } = await createPage('Redaksi', editor.id)
    const version = (await getPageForEdit(id))!.version
    const result = await actions.publishStaticPage(null, form({ id, version, title: 'Redaksi', slug: 'redaksi-kami', bodyHtml: '<p>Tim <script>x</script></p>' }))
    expect(result).toMatchObject({ ok: true, data: { status: 'published', slug: 'redaksi-kami' } })
    expect((await getPageForEdit(id))!.bodyHtml).toBe('<p>Tim </p>')
    expect(updateTag.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining([TAGS.site, TAGS.page('redaksi'), TAGS.page('redaksi-kami')]))
    const stale = await actions.saveStaticPage(null, form({ id, version, title: 'Lama', bodyHtml: '' }))
    expect(stale).toMatchObject({ ok: false, fieldErrors: { version: [t.admin.pages.messages.stale] } })
  })
})
