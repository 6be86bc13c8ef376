import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getWriteConnection } from '@/db'
import { articles, users } from '@/db/tables'
import { getArticleForEdit } from '@/db/queries/articles-desk'
import { TAGS } from '@/lib/cache-tags'
import { t } from '@/lib/i18n/id'
import { slugify } from '@/lib/urls'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import { countStatements } from '@/tests/query-plans'

// The session is whatever the test says; the users row behind it is real.
let sessionUserId: number | null = null
vi.mock('next-auth', () => ({
  getServerSession: async () => (sessionUserId ? { user: { id: String(sessionUserId) } } : null),
}))
const updateTag = vi.fn()
const refresh = vi.fn()
vi.mock('next/cache', () => ({ updateTag: (tag: string) => updateTag(tag), refresh: () => refresh() }))
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { digest: `NEXT_REDIRECT;replace;${url};307;` })
  },
  notFound: () => {
    throw Object.assign(new Error('NEXT_HTTP_ERROR_FALLBACK;404'), { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' })
  },
}))

// A hook that runs right after an action has read the article it authorizes on: the moment a
// colleague's write can slip in before this action's own write.
let afterLoad: (() => void | Promise<void>) | null = null
vi.mock('@/db/queries/articles-desk', async (importOriginal) => {
  const desk = await importOriginal<typeof import('@/db/queries/articles-desk')>()
  return {
    ...desk,
    getArticleRef: async (id: number) => {
      const ref = await desk.getArticleRef(id)
      const hook = afterLoad
      afterLoad = null
      await hook?.()
      return ref
    },
  }
})

const actions = await import('./actions')
const desk = await import('@/db/queries/articles-desk')

function articleForm(a: { id: number; version: number; title?: string }, extra: Record<string, string> = {}): FormData {
  const fd = new FormData()
  const fields = { id: String(a.id), version: String(a.version), title: a.title ?? 'Judul', bodyHtml: '<p>Isi baru.</p>', ...extra }
  for (const [k, v] of Object.entries(fields)) fd.set(k, v)
  return fd
}

const signIn = (u: { id: number } | null) => {
  sessionUserId = u?.id ?? null
}

/** An editor publishes the article as it stands. */
async function publishAsEditor(id: number, version: number, editorId: number) {
  const a = (await desk.getArticleForEdit(id))!
  const content = { ...a, slug: null, keepFeaturedUrl: true, labels: a.labels.map((l) => l.name) }
  return desk.saveArticle(id, content, version, editorId, { canCreateLabels: true, canPublish: true, transition: { to: 'published' } })
}

const row = async (id: number) => (await getWriteConnection().select().from(articles).where(eq(articles.id, id)).limit(1))[0]!

describe('article actions refuse forged requests', () => {
  let reporter: { id: number }
  let otherReporter: { id: number }
  let contributor: { id: number }
  let editor: { id: number }

  beforeEach(async () => {
    updateTag.mockClear()
    reporter = (await createUser({ role: 'reporter' }))
    otherReporter = (await createUser({ role: 'reporter' }))
    contributor = (await createUser({ role: 'contributor' }))
    editor = (await createUser({ role: 'editor' }))
  })

  it('refuses an anonymous client and writes nothing', async () => {
    const a = await createArticle({ authorId: reporter.id, status: 'draft', pathMonth: null })
    signIn(null)
    for (const action of [actions.saveArticleContent, actions.publishArticle, actions.submitArticle]) {
      expect(await action(null, articleForm(a))).toMatchObject({ ok: false, message: t.admin.errors.signedOut })
    }
    expect(await actions.unpublishArticle(null, { id: a.id, version: a.version })).toMatchObject({ ok: false, message: t.admin.errors.signedOut })
    expect(await row(a.id)).toMatchObject({ version: a.version, title: a.title, status: 'draft' })
    expect(updateTag).not.toHaveBeenCalled()
  })

  it('refuses a deactivated user whose session cookie is still valid', async () => {
    const gone = await createUser({ role: 'editor' })
    const a = await createArticle({ authorId: reporter.id, status: 'draft', pathMonth: null })
    await getWriteConnection().update(users).set({ active: false }).where(eq(users.id, gone.id))
    signIn(gone)
    expect(await actions.publishArticle(null, articleForm(a))).toMatchObject({ ok: false, message: t.admin.errors.signedOut })
    expect((await row(a.id)).status).toBe('draft')
  })

  it('lets a contributor save and submit their own draft, but never publish or schedule it', async () => {
    const a = await createArticle({ authorId: contributor.id, status: 'draft', pathMonth: null })
    signIn(contributor)
    expect(await actions.publishArticle(null, articleForm(a))).toMatchObject({ ok: false, message: t.admin.errors.forbidden })
    expect(await actions.scheduleArticle(null, articleForm(a, { publishAt: '2099-01-01T10:00' }))).toMatchObject({
      ok: false,
      message: t.admin.errors.forbidden,
    })
    expect((await row(a.id)).status).toBe('draft')
    const saved = await actions.saveArticleContent(null, articleForm(a, { title: 'Tulisan kontributor' }))
    expect(saved).toMatchObject({ ok: true, data: { version: a.version + 1, status: 'draft' } })
    expect(await actions.submitArticle(null, articleForm({ id: a.id, version: a.version + 1 }))).toMatchObject({
      ok: true,
      data: { status: 'submitted' },
    })
  })

  it('does not let a contributor change the text of their own article once it is live', async () => {
    const a = await createArticle({ authorId: contributor.id, status: 'published' })
    signIn(contributor)
    expect(await actions.saveArticleContent(null, articleForm(a, { title: 'Diam-diam diubah' }))).toMatchObject({
      ok: false,
      message: t.admin.articles.errors.liveNeedsPublish,
    })
    expect((await row(a.id)).title).toBe(a.title)
  })

  it('issue 10 finding 1: a contributor cannot change a story an editor publishes between the check and the write', async () => {
    const a = await createArticle({ authorId: contributor.id, status: 'submitted', pathMonth: null, publishedAt: undefined })
    signIn(contributor)
    // The contributor saves with the version the editor's publish will produce, and the editor
    // publishes after the action has read the article as "submitted".
    afterLoad = async () => {
      expect(await publishAsEditor(a.id, a.version, editor.id)).toMatchObject({ ok: true, status: 'published', version: a.version + 1 })
    }
    const result = await actions.saveArticleContent(null, articleForm({ id: a.id, version: a.version + 1 }, { title: 'Judi online di berita terbit' }))
    expect(result).toMatchObject({ ok: false, message: t.admin.articles.errors.liveNeedsPublish })
    expect(await row(a.id)).toMatchObject({ status: 'published', title: a.title, version: a.version + 1 })
    expect((await desk.listRevisions(a.id)).items).toHaveLength(1)
  })

  it('issue 10 finding 1: a contributor cannot restore an old revision onto a story published between the check and the write', async () => {
    const a = await createArticle({ authorId: contributor.id, status: 'draft', pathMonth: null, publishedAt: undefined })
    signIn(contributor)
    expect(await actions.saveArticleContent(null, articleForm(a, { title: 'Versi lama' }))).toMatchObject({ ok: true })
    const old = (await desk.listRevisions(a.id)).items[0]!
    expect(await actions.saveArticleContent(null, articleForm({ id: a.id, version: a.version + 1 }, { title: 'Versi yang disetujui' }))).toMatchObject({ ok: true })
    afterLoad = async () => {
      expect(await publishAsEditor(a.id, a.version + 2, editor.id)).toMatchObject({ ok: true, status: 'published' })
    }
    const result = await actions.restoreArticleRevision(null, { id: a.id, revisionId: old.id, version: a.version + 3 })
    expect(result).toMatchObject({ ok: false, message: t.admin.articles.errors.liveNeedsPublish })
    expect(await row(a.id)).toMatchObject({ status: 'published', title: 'Versi yang disetujui', version: a.version + 3 })
  })

  it('refuses a reporter acting on another reporter’s article', async () => {
    const a = await createArticle({ authorId: otherReporter.id })
    signIn(reporter)
    expect(await actions.saveArticleContent(null, articleForm(a, { title: 'Bukan milik saya' }))).toMatchObject({
      ok: false,
      message: t.admin.errors.forbidden,
    })
    expect(await actions.unpublishArticle(null, { id: a.id, version: a.version })).toMatchObject({ ok: false, message: t.admin.errors.forbidden })
    expect(await actions.addArticleNote(null, { id: a.id, kind: 'correction', body: 'x' })).toMatchObject({ ok: false, message: t.admin.errors.forbidden })
    expect(await row(a.id)).toMatchObject({ title: a.title, status: 'published', version: a.version })
  })

  it('refuses a retraction by a reporter, even of their own article', async () => {
    const a = await createArticle({ authorId: reporter.id })
    signIn(reporter)
    expect(await actions.retractArticle(null, { id: a.id, version: a.version, reason: 'Salah' })).toMatchObject({
      ok: false,
      message: t.admin.errors.forbidden,
    })
    expect((await row(a.id)).status).toBe('published')
  })

  it('refuses a stale version, keeps the stored text, and says so on the version field', async () => {
    const a = await createArticle({ authorId: reporter.id, status: 'draft', pathMonth: null })
    signIn(editor)
    expect((await actions.saveArticleContent(null, articleForm(a, { title: 'Versi editor' }))).ok).toBe(true)
    signIn(reporter)
    const stale = await actions.saveArticleContent(null, articleForm(a, { title: 'Versi reporter' }))
    expect(stale.ok).toBe(false)
    if (stale.ok) return
    expect(stale.message).toContain(t.admin.errors.stale)
    expect(stale.fieldErrors?.version?.[0]).toContain(t.admin.errors.stale)
    expect(await row(a.id)).toMatchObject({ title: 'Versi editor', version: a.version + 1 })
  })

  it('publishes a reporter’s own article and refreshes every page it shows on', async () => {
    const label = await createLabel()
    const a = await createArticle({ authorId: reporter.id, status: 'draft', pathMonth: null, publishedAt: undefined })
    signIn(reporter)
    const result = await actions.publishArticle(null, articleForm(a, { title: 'Terbit', labels: label.name }))
    expect(result).toMatchObject({ ok: true, data: { status: 'published', pathMonth: expect.stringMatching(/^\d{4}\/\d{2}$/) } })
    const tags = updateTag.mock.calls.map((c) => c[0])
    const saved = (await getArticleForEdit(a.id))!
    expect(tags).toEqual(
      expect.arrayContaining([
        TAGS.latest,
        TAGS.article(a.id),
        TAGS.articlePath(saved.pathMonth!, saved.slug),
        TAGS.authorList(reporter.id),
        TAGS.labelList(label.id),
        TAGS.labelSlug(label.slug),
      ]),
    )
    // The story's own record tags stay: a publish must not expire every page of its author or label.
    expect(tags).not.toContain(TAGS.author(reporter.id))
    expect(tags).not.toContain(TAGS.label(label.id))
  })

  it('refuses to autosave a live article', async () => {
    const a = await createArticle({ authorId: reporter.id })
    signIn(reporter)
    expect(await actions.saveArticleContent(null, articleForm(a, { autosave: '1' }))).toMatchObject({
      ok: false,
      message: t.admin.articles.errors.autosaveLive,
    })
  })

  it('lets an editor add a correction that shows on the article and refreshes it', async () => {
    const a = await createArticle({ authorId: reporter.id })
    signIn(editor)
    expect(await actions.addArticleNote(null, { id: a.id, kind: 'correction', body: 'Angka korban diperbaiki.' })).toMatchObject({ ok: true })
    expect((await getArticleForEdit(a.id))!.notes).toHaveLength(1)
    expect(updateTag).toHaveBeenCalledWith(TAGS.article(a.id))
  })

  it('lets only editors mark a story as still needing verification, and lift it with an Update note', async () => {
    const a = await createArticle({ authorId: reporter.id })
    signIn(reporter)
    expect(await actions.setArticleVerification(null, { id: a.id, pending: '1' })).toEqual({ ok: false, message: t.admin.errors.forbidden })
    signIn(editor)
    expect(await actions.setArticleVerification(null, { id: a.id, pending: '1' })).toMatchObject({ ok: true })
    expect(updateTag).toHaveBeenCalledWith(TAGS.article(a.id))
    expect((await row(a.id)).verificationPendingAt).toBeInstanceOf(Date)
    // Once readers have seen it, it is not removed silently.
    expect(await actions.setArticleVerification(null, { id: a.id, pending: '0' })).toEqual({
      ok: false,
      message: t.admin.articles.errors.verificationNeedsNote,
    })
    // The writer may add an update to their story, but not lift the editor's mark with it.
    signIn(reporter)
    const lift = { id: a.id, kind: 'update', body: 'Polisi membenarkan kejadian.', liftsVerification: '1' }
    expect(await actions.addArticleNote(null, lift)).toEqual({ ok: false, message: t.admin.errors.forbidden })
    expect((await row(a.id)).verificationPendingAt).toBeInstanceOf(Date)
    signIn(editor)
    expect(await actions.addArticleNote(null, { ...lift, kind: 'correction' })).toMatchObject({
      ok: false,
      fieldErrors: { kind: [t.admin.articles.errors.verificationNeedsUpdate] },
    })
    updateTag.mockClear()
    expect(await actions.addArticleNote(null, lift)).toEqual({ ok: true, data: { message: t.admin.articles.messages.noteAddedVerified } })
    expect((await row(a.id)).verificationPendingAt).toBeNull()
    expect(updateTag).toHaveBeenCalledWith(TAGS.article(a.id))
  })

  it('reports invalid input field by field without writing', async () => {
    const a = await createArticle({ authorId: reporter.id, status: 'draft', pathMonth: null })
    signIn(reporter)
    const result = await actions.saveArticleContent(null, articleForm(a, { title: ' ', featuredMediaId: '3' }))
    expect(result).toMatchObject({ ok: false, fieldErrors: { title: [t.admin.articles.errors.titleRequired], featuredAlt: [t.admin.articles.errors.altRequired] } })
    expect((await row(a.id)).version).toBe(a.version)
  })
})

describe('an autosave is a bounded number of statements (issue 9 #6)', () => {
  const namedLabel = (name: string) => createLabel({ name, slug: slugify(name, 80) })
  // On PostgreSQL each statement is a round trip whose answer waits for the worker's event loop
  // between renders: under the mixed load an autosave of 30 of them took over a second.
  it('saves a draft whose labels did not change in at most 8, labels and revision intact', async () => {
    const reporter = await createUser({ role: 'reporter' })
    const labelRows = [await namedLabel('Padang Pariaman'), await namedLabel('Banjir'), await namedLabel('Pemerintahan')]
    const a = await createArticle({ authorId: reporter.id, status: 'draft', pathMonth: null, labelIds: labelRows.map((l) => l.id) })
    signIn(reporter)
    const form = articleForm(a, { autosave: '1', bodyHtml: '<p>Air mulai surut di tiga nagari.</p>' })
    for (const label of labelRows) form.append('labels', label.name)
    let result: unknown
    const { count, statements } = await countStatements(async () => {
      result = await actions.saveArticleContent(null, form)
    })
    expect(result).toMatchObject({ ok: true })
    // The session's person, the article's owner, then the transaction: the row (locked), its
    // labels, the labels named, the update, the newest revision (an autosave by the same person is
    // replaced: db/queries/articles-desk-revisions.ts) and the revision.
    expect(count, statements.join('\n')).toBeLessThanOrEqual(8)
    expect(statements.filter((s) => /^\s*update "articles"/i.test(s))).toHaveLength(1)
    const saved = (await getArticleForEdit(a.id))!
    expect(saved).toMatchObject({ version: a.version + 1, bodyHtml: '<p>Air mulai surut di tiga nagari.</p>' })
    expect(saved.labels.map((l) => l.id)).toEqual(labelRows.map((l) => l.id))
    const revision = (await desk.getRevision(a.id, (await desk.listRevisions(a.id)).items[0]!.id))!
    expect(revision.snapshot).toMatchObject({ autosave: true, labelIds: labelRows.map((l) => l.id), labelNames: labelRows.map((l) => l.name) })
  })

  it('writes changed labels in the order given, a new one created, in one delete and one insert', async () => {
    const reporter = await createUser({ role: 'reporter' })
    const kept = await namedLabel('Solok')
    const dropped = await namedLabel('Jalan Rusak')
    const a = await createArticle({ authorId: reporter.id, status: 'draft', pathMonth: null, labelIds: [dropped.id, kept.id] })
    signIn(reporter)
    const form = articleForm(a)
    for (const name of ['Pasar Baru Solok', 'Solok']) form.append('labels', name)
    let result: unknown
    const { statements } = await countStatements(async () => {
      result = await actions.saveArticleContent(null, form)
    })
    expect(result).toMatchObject({ ok: true })
    expect(statements.filter((s) => /^\s*delete from "article_labels"/i.test(s))).toHaveLength(1)
    expect(statements.filter((s) => /^\s*insert into "article_labels"/i.test(s))).toHaveLength(1)
    const saved = (await getArticleForEdit(a.id))!
    expect(saved.labels.map((l) => l.name)).toEqual(['Pasar Baru Solok', 'Solok'])
    expect(saved.labels[1]!.id).toBe(kept.id)
    const revision = (await desk.getRevision(a.id, (await desk.listRevisions(a.id)).items[0]!.id))!
    expect(revision.snapshot.labelNames).toEqual(['Pasar Baru Solok', 'Solok'])
  })
})
