import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getWriteConnection } from '@/db'
import { articleLabels, labelMergeSuggestions, labels, redirects } from '@/db/tables'
import { createArticle, createLabel, createUser } from '@/tests/factories'

const session = vi.hoisted(() => ({ userId: null as number | null }))
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}))
const cache = vi.hoisted(() => ({ updateTag: vi.fn(), revalidateTag: vi.fn(), refresh: vi.fn() }))
vi.mock('next/cache', () => cache)

const {
  acceptLabelSuggestionAction,
  createLabelAction,
  deleteLabelAction,
  dismissLabelSuggestionAction,
  mergeLabelsAction,
  refreshLabelSuggestionsAction,
  updateLabelAction,
} = await import('./actions')

const form = (fields: Record<string, string | number | Array<string | number>>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, String(x))
  return fd
}
const labelRow = async (id: number) => (await getWriteConnection().select().from(labels).where(eq(labels.id, id)).limit(1))[0]

const contributor = await createUser({ role: 'contributor' })
const reporter = await createUser({ role: 'reporter' })
const editor = await createUser({ role: 'editor' })
const deactivatedEditor = await createUser({ role: 'editor', active: false })

beforeEach(() => {
  vi.clearAllMocks()
  session.userId = editor.id
})

describe('label actions', () => {
  it('lets a contributor create a label with a slug made from its name', async () => {
    session.userId = contributor.id
    const result = await createLabelAction(null, form({ name: 'Pariwisata Daerah', slug: '', description: '' }))
    expect(result).toMatchObject({ ok: true, data: { slug: 'pariwisata-daerah' } })
    expect(cache.refresh).toHaveBeenCalled()
  })

  it('reports a taken slug under the slug field', async () => {
    await createLabel({ slug: 'dipakai' })
    const result = await createLabelAction(null, form({ name: 'Dipakai', slug: 'dipakai', description: '' }))
    expect(result).toMatchObject({ ok: false, fieldErrors: { slug: ['Slug ini sudah dipakai label lain.'] } })
  })

  it('renames a label, keeps its slug when the field is left empty, and refreshes its pages', async () => {
    const label = await createLabel({ name: 'Sosbud', slug: 'sosbud' })
    const result = await updateLabelAction(null, form({ id: label.id, name: 'Sosial Budaya', slug: '', description: 'Seni dan tradisi' }))
    expect(result).toMatchObject({ ok: true })
    expect(await labelRow(label.id)).toMatchObject({ name: 'Sosial Budaya', slug: 'sosbud', description: 'Seni dan tradisi' })
    expect(cache.updateTag).toHaveBeenCalledWith(`label:${label.id}`)
    // Not featured in the navigation: the rest of the site does not print it.
    expect(cache.updateTag).not.toHaveBeenCalledWith('site')
  })

  it('merges labels for an editor and refreshes the moved stories', async () => {
    const target = await createLabel()
    const source = await createLabel()
    const story = await createArticle({ authorId: reporter.id, labelIds: [source.id] })
    const result = await mergeLabelsAction(null, form({ sourceIds: [source.id], targetId: target.id, confirm: 'on' }))
    expect(result).toMatchObject({ ok: true, data: { count: 1, name: target.name } })
    expect(await labelRow(source.id)).toBeUndefined()
    // Every page printing the source (the moved story's page and cards carry label:source), the
    // target's lists and its stories' related lists; not the pages that print only the target's
    // unchanged name.
    for (const tag of [`label:${source.id}`, `label-list:${target.id}`, `label-related:${target.id}`, `label-slug:${source.slug}`, 'redirects']) {
      expect(cache.updateTag).toHaveBeenCalledWith(tag)
    }
    expect(cache.updateTag).not.toHaveBeenCalledWith(`label:${target.id}`)
    expect(story.id).toBeGreaterThan(0)
  })

  it('asks for a confirmation, a target and a target that is not a source', async () => {
    const a = await createLabel()
    const b = await createLabel()
    const missing = await mergeLabelsAction(null, form({ sourceIds: [a.id] }))
    expect(missing).toMatchObject({ ok: false, fieldErrors: { targetId: [expect.any(String)], confirm: [expect.any(String)] } })
    const self = await mergeLabelsAction(null, form({ sourceIds: [a.id, b.id], targetId: b.id, confirm: 'on' }))
    expect(self).toMatchObject({ ok: false, fieldErrors: { targetId: ['Label tujuan tidak boleh ikut dicentang untuk digabungkan.'] } })
    expect(await labelRow(a.id)).toBeDefined()
  })

  it('deletes a label and goes back to the list; the story stays', async () => {
    const label = await createLabel()
    const story = await createArticle({ authorId: reporter.id, labelIds: [label.id] })
    await expect(deleteLabelAction(null, form({ id: label.id }))).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') })
    expect(await labelRow(label.id)).toBeUndefined()
    expect(await getWriteConnection().select().from(articleLabels).where(eq(articleLabels.articleId, story.id))).toEqual([])
  })

  it('refuses anonymous, reporter and deactivated callers on editor actions, and writes nothing', async () => {
    const target = await createLabel({ name: 'Tetap', slug: 'tetap' })
    const source = await createLabel({ name: 'Juga tetap', slug: 'juga-tetap' })
    const story = await createArticle({ authorId: reporter.id, labelIds: [source.id] })
    const redirectsBefore = await getWriteConnection().select().from(redirects)
    for (const userId of [null, reporter.id, contributor.id, deactivatedEditor.id]) {
      session.userId = userId
      const results = [
        await mergeLabelsAction(null, form({ sourceIds: [source.id], targetId: target.id, confirm: 'on' })),
        await updateLabelAction(null, form({ id: target.id, name: 'Dirusak', slug: 'dirusak', description: '' })),
        await deleteLabelAction(null, form({ id: source.id })),
      ]
      for (const result of results) {
        expect(result.ok).toBe(false)
        if (!result.ok) expect(result.message).toMatch(userId === null || userId === deactivatedEditor.id ? /Sesi Anda berakhir/ : /tidak berwenang/)
      }
    }
    expect(await labelRow(target.id)).toMatchObject({ name: 'Tetap', slug: 'tetap' })
    expect(await labelRow(source.id)).toMatchObject({ name: 'Juga tetap' })
    expect(await getWriteConnection().select().from(articleLabels).where(eq(articleLabels.articleId, story.id))).toHaveLength(1)
    expect(await getWriteConnection().select().from(redirects)).toEqual(redirectsBefore)
    expect(cache.updateTag).not.toHaveBeenCalled()
  })

  it('refuses an anonymous or deactivated caller creating a label', async () => {
    for (const userId of [null, deactivatedEditor.id]) {
      session.userId = userId
      expect((await createLabelAction(null, form({ name: 'Siluman', slug: '', description: '' }))).ok).toBe(false)
    }
    expect((await getWriteConnection().select().from(labels).where(eq(labels.slug, 'siluman')).limit(1))[0]).toBeUndefined()
  })

  describe('merge suggestions', () => {
    // Each test its own pair: labels of earlier tests stay in this file's database.
    const suggestionPair = async (targetName: string, variantName: string) => {
      const target = await createLabel({ name: targetName })
      const acronym = await createLabel({ name: variantName })
      await createArticle({ authorId: reporter.id, labelIds: [target.id] })
      const story = await createArticle({ authorId: reporter.id, labelIds: [acronym.id] })
      return { target, acronym, story }
    }
    const openSuggestions = async () => (await getWriteConnection().select().from(labelMergeSuggestions)).filter((r) => !r.dismissedAt)

    beforeEach(async () => {
      await getWriteConnection().delete(labelMergeSuggestions)
    })

    it('finds, then merges a suggestion for an editor and refreshes the same pages as a merge', async () => {
      const { target, acronym } = await suggestionPair('Pesisir Barat Daya', 'Pesbarda')
      expect(await refreshLabelSuggestionsAction(null, form({}))).toMatchObject({ ok: true, data: { open: 1 } })
      const result = await acceptLabelSuggestionAction(null, form({ targetId: target.id, labelIds: [acronym.id] }))
      expect(result).toMatchObject({ ok: true, data: { count: 1, name: 'Pesisir Barat Daya' } })
      expect(await labelRow(acronym.id)).toBeUndefined()
      for (const tag of [`label-related:${target.id}`, `label:${acronym.id}`, `label-list:${target.id}`, `label-slug:${acronym.slug}`, 'redirects']) {
        expect(cache.updateTag).toHaveBeenCalledWith(tag)
      }
      expect(await openSuggestions()).toEqual([])
    })

    it('dismisses a suggestion and answers a stale one in plain Indonesian', async () => {
      const { target, acronym } = await suggestionPair('Kabupaten Koto Alai', 'Kab. Koto Alai')
      await refreshLabelSuggestionsAction(null, form({}))
      expect(await dismissLabelSuggestionAction(null, form({ targetId: target.id, labelIds: [acronym.id] }))).toMatchObject({
        ok: true,
        data: { count: 1 },
      })
      const again = await acceptLabelSuggestionAction(null, form({ targetId: target.id, labelIds: [acronym.id] }))
      expect(again).toMatchObject({ ok: false, message: 'Saran ini sudah berubah sejak halaman dibuka. Muat ulang halaman, lalu periksa lagi.' })
      expect(await labelRow(acronym.id)).toBeDefined()
      const empty = await acceptLabelSuggestionAction(null, form({ targetId: target.id }))
      expect(empty).toMatchObject({ ok: false, fieldErrors: { labelIds: ['Centang minimal satu label untuk digabungkan.'] } })
    })

    it('refuses reporters and signed-out callers, changing nothing', async () => {
      const { target, acronym } = await suggestionPair('Kota Sarai Panjang', 'Kota Saraipanjang')
      await refreshLabelSuggestionsAction(null, form({}))
      for (const userId of [null, reporter.id, contributor.id]) {
        session.userId = userId
        for (const action of [acceptLabelSuggestionAction, dismissLabelSuggestionAction]) {
          expect((await action(null, form({ targetId: target.id, labelIds: [acronym.id] }))).ok).toBe(false)
        }
        expect((await refreshLabelSuggestionsAction(null, form({}))).ok).toBe(false)
      }
      expect(await labelRow(acronym.id)).toBeDefined()
      expect((await openSuggestions()).filter((r) => r.targetId === target.id)).toMatchObject([{ labelId: acronym.id }])
    })
  })
})
