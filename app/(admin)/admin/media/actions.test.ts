import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMedia, getMedia } from '@/db/queries/media'
import { createArticle, createUser } from '@/tests/factories'

const session = vi.hoisted(() => ({ userId: null as number | null }))
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}))
const cache = vi.hoisted(() => ({ updateTag: vi.fn(), revalidateTag: vi.fn(), refresh: vi.fn() }))
vi.mock('next/cache', () => cache)

const { saveMediaText } = await import('./actions')

const form = (fields: Record<string, string | number>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, String(v))
  return fd
}
const image = async (uploadedBy: number | null) =>
  (await createMedia({ storageKey: `2026/02/${Math.random().toString(16).slice(2, 10).padEnd(16, '0')}`, mime: 'image/webp', width: 10, height: 10, bytes: 1, variants: [320], alt: 'lama', uploadedBy })).id

const reporter = await createUser({ role: 'reporter' })
const otherReporter = await createUser({ role: 'reporter' })
const editor = await createUser({ role: 'editor' })
const deactivated = await createUser({ role: 'editor', active: false })

beforeEach(() => {
  vi.clearAllMocks()
})

describe('saveMediaText', () => {
  it('lets a reporter describe their own upload', async () => {
    const id = await image(reporter.id)
    session.userId = reporter.id
    expect(await saveMediaText(null, form({ id, alt: '  Banjir di Kampung Melayu ', caption: 'Foto: Warta' }))).toEqual({ ok: true })
    expect(await getMedia(id)).toMatchObject({ alt: 'Banjir di Kampung Melayu', caption: 'Foto: Warta' })
    expect(cache.refresh).toHaveBeenCalled()
  })

  it('refreshes the stories that feature the image', async () => {
    const id = await image(reporter.id)
    const story = await createArticle({ authorId: reporter.id, featuredMediaId: id })
    session.userId = editor.id
    expect((await saveMediaText(null, form({ id, alt: 'Baru', caption: '' }))).ok).toBe(true)
    expect(cache.updateTag).toHaveBeenCalledWith(`article:${story.id}`)
    expect(cache.updateTag).not.toHaveBeenCalledWith('articles:latest')
  })

  it('refuses a reporter on another reporter’s image, anonymous and deactivated callers, and changes nothing', async () => {
    const id = await image(otherReporter.id)
    const orphan = await image(null)
    for (const [userId, target] of [
      [reporter.id, id],
      [reporter.id, orphan],
      [null, id],
      [deactivated.id, id],
    ] as const) {
      session.userId = userId
      const result = await saveMediaText(null, form({ id: target, alt: 'dirusak', caption: 'dirusak' }))
      expect(result.ok).toBe(false)
    }
    expect(await getMedia(id)).toMatchObject({ alt: 'lama', caption: '' })
    expect(await getMedia(orphan)).toMatchObject({ alt: 'lama', caption: '' })
    expect(cache.updateTag).not.toHaveBeenCalled()
    expect(cache.refresh).not.toHaveBeenCalled()
  })

  it('reports an over-long alt text under its field', async () => {
    const id = await image(reporter.id)
    session.userId = reporter.id
    const result = await saveMediaText(null, form({ id, alt: 'x'.repeat(301), caption: '' }))
    expect(result).toMatchObject({ ok: false, fieldErrors: { alt: [expect.stringContaining('300')] } })
  })
})
