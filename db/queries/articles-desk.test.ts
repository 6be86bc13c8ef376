import { and, count, eq } from 'drizzle-orm'
import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { articleLabels, articleRevisions, articles, auditLog, labels, redirects } from '@/db/tables'
import { articleContent, createArticle, createLabel, createUser } from '@/tests/factories'
import {
  addNote,
  type ArticleContent,
  createDraft,
  deleteArticle,
  getArticleForEdit,
  getArticlePreview,
  getRevision,
  listArticlesForDesk,
  listRevisions,
  publishDueArticles,
  restoreRevision,
  retractArticle,
  returnArticleToWriter,
  saveArticle,
  searchLabels,
  unpublishArticle,
  unscheduleArticle,
} from './articles-desk'
import { getPublishedArticle } from './articles'

const db = () => getWriteConnection()

const content = (overrides: Partial<ArticleContent> = {}) => articleContent({ excerpt: 'Hujan sejak pagi.', ...overrides })

const revisionCount = async (articleId: number) =>
  (await db().select({ n: count() }).from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).limit(1))[0]!.n

const auditActions = async (articleId: number) =>
  (await db()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'article'), eq(auditLog.entityId, articleId))))
    .map((r) => r.action)

const opts = { canCreateLabels: true, canPublish: true }

describe('drafts and saves', () => {
  let writer: number
  let colleague: number
  beforeEach(async () => {
    writer = (await createUser({ role: 'reporter' })).id
    colleague = (await createUser({ role: 'editor' })).id
  })

  it('creates a draft with a unique slug from its title and a first revision', async () => {
    const a = await createDraft(writer, 'Pasar Raya Dibuka')
    const b = await createDraft(writer, 'Pasar Raya Dibuka')
    expect(await getArticleForEdit(a.id)).toMatchObject({ slug: 'pasar-raya-dibuka', status: 'draft', version: 1, authorId: writer })
    expect((await getArticleForEdit(b.id))?.slug).toBe('pasar-raya-dibuka-2')
    expect(await revisionCount(a.id)).toBe(1)
  })

  it('keeps one revision for a run of autosaves: the next one replaces it, after a save or from someone else a new one starts', async () => {
    const { id } = await createDraft(writer, 'Sesi menulis')
    let version = 1
    const save = async (who: number, title: string, autosave: boolean) => {
      const result = await saveArticle(id, content({ title }), version, who, { ...opts, autosave })
      expect(result).toMatchObject({ ok: true })
      version += 1
    }
    // An hour of writing autosaves every 20 s: 180 revisions, each with the whole text, before.
    for (let i = 1; i <= 5; i++) await save(writer, `Ketikan ${i}`, true)
    expect((await listRevisions(id)).items.map((r) => [r.version, r.isAutosave])).toEqual([
      [6, true],
      [1, false],
    ])
    expect((await getRevision(id, (await listRevisions(id)).items[0]!.id))?.title).toBe('Ketikan 5')
    await save(writer, 'Disimpan', false)
    await save(writer, 'Ketikan 6', true)
    await save(colleague, 'Suntingan redaktur', true)
    await save(colleague, 'Suntingan redaktur 2', true)
    expect((await listRevisions(id)).items.map((r) => [r.version, r.isAutosave])).toEqual([
      [10, true],
      [8, true],
      [7, false],
      [6, true],
      [1, false],
    ])
  })

  it('pages the history by keyset, newest first, without gaps or repeats', async () => {
    const { id } = await createDraft(writer, 'Liputan sepanjang hari')
    for (let version = 1; version <= 6; version++) {
      expect(await saveArticle(id, content({ title: `Pembaruan ${version}` }), version, writer, opts)).toMatchObject({ ok: true })
    }
    const seen: number[] = []
    let before: { version: number; id: number } | undefined
    for (let guard = 0; guard < 10; guard++) {
      const page = await listRevisions(id, { before, limit: 3 })
      expect(page.items.length).toBeLessThanOrEqual(3)
      seen.push(...page.items.map((r) => r.version))
      if (!page.next) break
      before = page.next
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1])
  })

  it('bumps the version and keeps a revision with who and when on every save', async () => {
    const { id } = await createDraft(writer, 'Judul awal')
    const now = new Date('2026-03-01T03:00:00Z')
    const first = await saveArticle(id, content({ title: 'Judul kedua' }), 1, writer, { ...opts, now })
    expect(first).toMatchObject({ ok: true, version: 2 })
    const second = await saveArticle(id, content({ title: 'Judul ketiga' }), 2, colleague, { ...opts, autosave: true })
    expect(second).toMatchObject({ ok: true, version: 3 })
    const revisions = (await listRevisions(id)).items
    expect(revisions.map((r) => r.version)).toEqual([3, 2, 1])
    expect(revisions[0]).toMatchObject({ isAutosave: true, createdByName: expect.any(String) })
    expect(revisions[1]!.createdAt.getTime()).toBeGreaterThan(0)
    expect(await getRevision(id, revisions[1]!.id)).toMatchObject({ title: 'Judul kedua', version: 2 })
    expect(await getArticleForEdit(id)).toMatchObject({ title: 'Judul ketiga', savedByName: expect.any(String) })
  })

  it('refuses a save based on a stale version and writes nothing at all', async () => {
    const { id } = await createDraft(writer, 'Judul awal')
    expect((await saveArticle(id, content({ title: 'Versi rekan', labels: ['Ekonomi'] }), 1, colleague, opts)).ok).toBe(true)
    const labelsBefore = (await db().select({ n: count() }).from(labels).limit(1))[0]!.n
    const before = (await getArticleForEdit(id))!

    const stale = await saveArticle(id, content({ title: 'Versi saya', labels: ['Label Baru Sekali'] }), 1, writer, opts)
    expect(stale).toMatchObject({ ok: false, code: 'stale', currentVersion: 2, savedByName: expect.any(String) })
    expect(await getArticleForEdit(id)).toEqual(before)
    expect(await revisionCount(id)).toBe(2)
    expect((await db().select({ n: count() }).from(labels).limit(1))[0]!.n).toBe(labelsBefore)
  })

  it('finds labels by name, creates new ones when allowed, and keeps their order', async () => {
    const existing = await createLabel({ name: 'Olahraga', slug: 'olahraga' })
    const { id } = await createDraft(writer, 'Judul')
    const saved = await saveArticle(id, content({ labels: ['Banjir Bandang', 'olahraga'] }), 1, writer, opts)
    expect(saved.ok).toBe(true)
    const names = (await getArticleForEdit(id))!.labels.map((l) => l.name)
    expect(names).toEqual(['Banjir Bandang', 'Olahraga'])
    expect((await getArticleForEdit(id))!.labels[1]!.id).toBe(existing.id)
    expect((await searchLabels('banj')).map((l) => l.slug)).toContain('banjir-bandang')
    expect(await searchLabels('100%')).toEqual([])
  })

  it('refuses an unknown label when the person may not create labels, writing nothing', async () => {
    const { id } = await createDraft(writer, 'Judul')
    const result = await saveArticle(id, content({ labels: ['Belum Ada'] }), 1, writer, { canCreateLabels: false, canPublish: true })
    expect(result).toMatchObject({ ok: false, code: 'label-create-forbidden', name: 'Belum Ada' })
    expect((await db().select().from(labels).where(eq(labels.slug, 'belum-ada')).limit(1))[0]).toBeUndefined()
    expect((await getArticleForEdit(id))!.version).toBe(1)
  })

  it('refuses a featured image that is not in the media library', async () => {
    const { id } = await createDraft(writer, 'Judul')
    expect(await saveArticle(id, content({ featuredMediaId: 999_999, featuredAlt: 'x' }), 1, writer, opts)).toMatchObject({
      ok: false,
      code: 'media-missing',
    })
  })

  it('accepts only an active editor or admin as the article’s editor', async () => {
    const { id } = await createDraft(writer, 'Judul')
    expect(await saveArticle(id, content(), 1, writer, { ...opts, editorId: writer })).toMatchObject({ code: 'editor-invalid' })
    expect((await saveArticle(id, content(), 1, writer, { ...opts, editorId: colleague })).ok).toBe(true)
    expect((await getArticleForEdit(id))!.editorId).toBe(colleague)
  })
})

describe('publication', () => {
  let writer: number
  let editor: number
  beforeEach(async () => {
    writer = (await createUser({ role: 'reporter' })).id
    editor = (await createUser({ role: 'editor' })).id
  })

  it('fixes the URL month at first publication and never moves it', async () => {
    const { id } = await createDraft(writer, 'Akhir bulan')
    // 31 Jan 2026 20:00 UTC is 1 Feb 03:00 in Jakarta.
    const first = await saveArticle(id, content({ title: 'Akhir bulan' }), 1, writer, {
      ...opts,
      transition: { to: 'published' },
      now: new Date('2026-01-31T20:00:00Z'),
    })
    expect(first).toMatchObject({ ok: true, status: 'published', pathMonth: '2026/02' })
    expect((await getPublishedArticle('2026/02', 'akhir-bulan'))?.id).toBe(id)

    expect((await unpublishArticle(id, 2, editor)).ok).toBe(true)
    const again = await saveArticle(id, content({ title: 'Akhir bulan' }), 3, writer, {
      ...opts,
      transition: { to: 'published' },
      now: new Date('2026-06-10T00:00:00Z'),
    })
    expect(again).toMatchObject({ ok: true, pathMonth: '2026/02', publishedAt: new Date('2026-01-31T20:00:00Z') })
    expect(await auditActions(id)).toEqual(['article.publish', 'article.unpublish', 'article.publish'])
  })

  it('records the publishing editor when none was named', async () => {
    const { id } = await createDraft(writer, 'Judul')
    await saveArticle(id, content(), 1, editor, { ...opts, transition: { to: 'published' }, defaultEditorId: editor })
    expect((await getArticleForEdit(id))!.editorId).toBe(editor)
  })

  it('schedules at a future time and publishes on its own when the time comes', async () => {
    const { id } = await createDraft(writer, 'Terjadwal')
    const now = new Date('2026-05-01T00:00:00Z')
    const at = new Date('2026-05-31T18:00:00Z') // 1 June 01:00 WIB
    const scheduled = await saveArticle(id, content({ title: 'Terjadwal', labels: ['Jadwal'] }), 1, writer, {
      ...opts,
      transition: { to: 'scheduled', at },
      now,
    })
    expect(scheduled).toMatchObject({ ok: true, status: 'scheduled', pathMonth: null, after: null })
    expect(await publishDueArticles(new Date(at.getTime() - 1))).toEqual([])
    expect(await getPublishedArticle('2026/06', 'terjadwal')).toBeNull()

    const published = await publishDueArticles(at)
    const labelId = (await getArticleForEdit(id))!.labels[0]!.id
    expect(published).toEqual([
      { id, authorId: writer, labelIds: [labelId], pathMonth: '2026/06', slug: 'terjadwal', publishedAt: at, isSponsored: false },
    ])
    expect(await getArticleForEdit(id)).toMatchObject({ status: 'published', pathMonth: '2026/06', publishedAt: at, version: 3 })
    expect((await getPublishedArticle('2026/06', 'terjadwal'))?.id).toBe(id)
    expect(await publishDueArticles(new Date(at.getTime() + 60_000))).toEqual([])
  })

  it('refuses a schedule time in the past, and can cancel a schedule', async () => {
    const { id } = await createDraft(writer, 'Judul')
    const now = new Date('2026-05-01T00:00:00Z')
    expect(await saveArticle(id, content(), 1, writer, { ...opts, transition: { to: 'scheduled', at: new Date('2026-04-30T00:00:00Z') }, now })).toMatchObject({
      ok: false,
      code: 'publish-at-past',
    })
    expect((await saveArticle(id, content(), 1, writer, { ...opts, transition: { to: 'scheduled', at: new Date('2026-06-01T00:00:00Z') }, now })).ok).toBe(true)
    expect(await unscheduleArticle(id, 2, writer)).toMatchObject({ ok: true, status: 'draft', publishedAt: null })
  })

  it('refuses a change to a live article without the publish right, reading its status in the write (issue 10, finding 1)', async () => {
    const draft = await createArticle({ authorId: writer, status: 'submitted', pathMonth: null })
    // The writer's form was opened at this version and read the article as a draft; an editor publishes it.
    const published = await saveArticle(draft.id, content({ title: draft.title }), draft.version, editor, { ...opts, transition: { to: 'published' } })
    expect(published).toMatchObject({ ok: true, status: 'published' })
    const before = (await getArticleForEdit(draft.id))!
    const tooLate = { ...opts, canPublish: false }
    expect(await saveArticle(draft.id, content({ title: 'Disusupkan' }), before.version, writer, tooLate)).toEqual({ ok: false, code: 'live-needs-publish' })
    const revision = (await listRevisions(draft.id)).items.at(-1)!
    expect(await restoreRevision(draft.id, revision.id, before.version, writer, tooLate)).toEqual({ ok: false, code: 'live-needs-publish' })
    expect(await getArticleForEdit(draft.id)).toEqual(before)
    const scheduled = await createArticle({ authorId: writer, status: 'scheduled', pathMonth: null, publishedAt: new Date('2099-01-01T00:00:00Z') })
    expect(await saveArticle(scheduled.id, content(), scheduled.version, writer, tooLate)).toEqual({ ok: false, code: 'live-needs-publish' })
    // Without the right, a draft saves, but cannot be moved live by a forged option either.
    const own = await createDraft(writer, 'Draf sendiri')
    expect(await saveArticle(own.id, content(), 1, writer, tooLate)).toMatchObject({ ok: true, status: 'draft' })
    expect(await saveArticle(own.id, content(), 2, writer, { ...tooLate, transition: { to: 'published' } })).toEqual({ ok: false, code: 'live-needs-publish' })
  })

  it('never autosaves over a live article', async () => {
    const a = await createArticle({ authorId: writer, status: 'published' })
    expect(await saveArticle(a.id, content(), a.version, writer, { ...opts, autosave: true })).toMatchObject({ ok: false, code: 'wrong-status' })
  })

  it('records a 301 when the slug of a public article changes, collapsing chains and never looping', async () => {
    const a = await createArticle({ authorId: writer, slug: 'pindah-satu', publishedAt: new Date('2025-03-05T05:00:00Z') })
    const r1 = await saveArticle(a.id, content({ title: a.title, slug: 'pindah-dua' }), a.version, editor, opts)
    expect(r1).toMatchObject({ ok: true, slug: 'pindah-dua', before: { id: a.id }, after: { id: a.id } })
    const r2 = await saveArticle(a.id, content({ title: a.title, slug: 'pindah-tiga' }), a.version + 1, editor, opts)
    expect(r2).toMatchObject({ ok: true })
    const rows = async () => await db().select({ from: redirects.fromPath, to: redirects.toPath, code: redirects.code }).from(redirects)
    expect(await rows()).toEqual(
      expect.arrayContaining([
        { from: '/2025/03/pindah-satu', to: '/2025/03/pindah-tiga', code: 301 },
        { from: '/2025/03/pindah-dua', to: '/2025/03/pindah-tiga', code: 301 },
      ]),
    )
    // Back to the first slug: its old redirect goes (the article lives there again), no loop remains.
    expect((await saveArticle(a.id, content({ title: a.title, slug: 'pindah-satu' }), a.version + 2, editor, opts)).ok).toBe(true)
    const after = await rows()
    expect(after.find((r) => r.from === '/2025/03/pindah-satu')).toBeUndefined()
    expect(after.every((r) => r.to === '/2025/03/pindah-satu' && r.from !== r.to)).toBe(true)
  })

  it('does not record redirects for drafts, and refuses a taken slug once the URL has been public', async () => {
    await createArticle({ authorId: writer, slug: 'sudah-dipakai' })
    const { id } = await createDraft(writer, 'Draf')
    const draft = await saveArticle(id, content({ slug: 'sudah-dipakai' }), 1, writer, opts)
    expect(draft).toMatchObject({ ok: true, slug: 'sudah-dipakai-2' })
    expect(await db().select().from(redirects).where(eq(redirects.toPath, '/sudah-dipakai-2'))).toEqual([])
    const live = await createArticle({ authorId: writer })
    expect(await saveArticle(live.id, content({ slug: 'sudah-dipakai' }), live.version, writer, opts)).toMatchObject({ ok: false, code: 'slug-taken' })
  })

  it('retracts with a reason, and refuses to delete a live or retracted article', async () => {
    const a = await createArticle({ authorId: writer })
    expect(await deleteArticle(a.id, a.version, editor)).toMatchObject({ ok: false, code: 'wrong-status' })
    const retracted = await retractArticle(a.id, a.version, editor, 'Narasumber fiktif.')
    expect(retracted).toMatchObject({ ok: true, status: 'retracted', before: { id: a.id }, after: null })
    expect(await getArticleForEdit(a.id)).toMatchObject({ retractionReason: 'Narasumber fiktif.', retractedAt: expect.any(Date) })
    expect(await deleteArticle(a.id, a.version + 1, editor)).toMatchObject({ ok: false, code: 'wrong-status' })
    expect(await auditActions(a.id)).toEqual(['article.retract'])
  })

  it('deletes a draft, with an audit row that survives it', async () => {
    const { id } = await createDraft(writer, 'Dihapus')
    expect(await deleteArticle(id, 2, editor)).toMatchObject({ ok: false, code: 'stale' })
    expect(await deleteArticle(id, 1, editor)).toEqual({ ok: true })
    expect(await getArticleForEdit(id)).toBeNull()
    expect(await auditActions(id)).toEqual(['article.delete'])
  })

  it('leaves a 410 at the URL of a deleted article that was once public, none for a draft', async () => {
    const a = await createArticle({ authorId: writer })
    const unpublished = await unpublishArticle(a.id, a.version, editor)
    expect(unpublished.ok).toBe(true)
    expect(await deleteArticle(a.id, a.version + 1, editor)).toEqual({ ok: true })
    expect(await db().select({ code: redirects.code }).from(redirects).where(eq(redirects.fromPath, `/${a.pathMonth}/${a.slug}`))).toEqual([
      { code: 410 },
    ])
    const { id } = await createDraft(writer, 'Tak pernah terbit')
    const before = (await db().select().from(redirects)).length
    expect(await deleteArticle(id, 1, editor)).toEqual({ ok: true })
    expect(await db().select().from(redirects)).toHaveLength(before)
  })

  it('returns a submitted article to its writer', async () => {
    const { id } = await createDraft(writer, 'Judul')
    expect(await saveArticle(id, content(), 1, writer, { ...opts, transition: { to: 'submitted' } })).toMatchObject({ status: 'submitted' })
    expect(await returnArticleToWriter(id, 2, editor)).toMatchObject({ ok: true, status: 'draft' })
  })
})

describe('notes and revisions', () => {
  let writer: number
  beforeEach(async () => {
    writer = (await createUser({ role: 'reporter' })).id
  })

  it('adds a note to a published article and moves its updated time, not its version', async () => {
    const a = await createArticle({ authorId: writer })
    const now = new Date('2026-02-02T02:02:00Z')
    expect(await addNote(a.id, 'correction', 'Nama narasumber diperbaiki.', writer, { now })).toMatchObject({ ok: true, footprint: { id: a.id } })
    const after = (await getArticleForEdit(a.id))!
    expect(after.updatedAt).toEqual(now)
    expect(after.version).toBe(a.version)
    expect(after.notes).toEqual([expect.objectContaining({ kind: 'correction', body: 'Nama narasumber diperbaiki.', createdAt: now })])
    expect((await getPublishedArticle(a.pathMonth!, a.slug))?.notes).toHaveLength(1)
  })

  it('refuses a note on an article that is not published', async () => {
    const { id } = await createDraft(writer, 'Draf')
    expect(await addNote(id, 'update', 'x', writer)).toMatchObject({ ok: false, code: 'wrong-status' })
  })

  it('does not move the updated time on an ordinary save (a typo fix)', async () => {
    const a = await createArticle({ authorId: writer })
    await saveArticle(a.id, content({ title: a.title }), a.version, writer, opts)
    expect((await getArticleForEdit(a.id))!.updatedAt).toBeNull()
  })

  it('restores a revision as a new version with its own revision, under the version check', async () => {
    const label = await createLabel({ name: 'Politik', slug: 'politik' })
    const { id } = await createDraft(writer, 'Satu')
    await saveArticle(id, content({ title: 'Dua', bodyHtml: '<p>dua</p>', labels: ['Politik'], seoTitle: 'SEO dua' }), 1, writer, opts)
    await saveArticle(id, content({ title: 'Tiga', bodyHtml: '<p>tiga</p>', labels: [] }), 2, writer, opts)
    const v2 = (await listRevisions(id)).items.find((r) => r.version === 2)!

    expect(await restoreRevision(id, v2.id, 2, writer, opts)).toMatchObject({ ok: false, code: 'stale', currentVersion: 3 })
    const restored = await restoreRevision(id, v2.id, 3, writer, opts)
    expect(restored).toMatchObject({ ok: true, version: 4 })
    expect(await getArticleForEdit(id)).toMatchObject({ title: 'Dua', bodyHtml: '<p>dua</p>', seoTitle: 'SEO dua', labels: [expect.objectContaining({ id: label.id })] })
    expect((await listRevisions(id)).items[0]).toMatchObject({ version: 4, restoredFrom: 2 })
    expect(await auditActions(id)).toContain('article.restore')
  })
})

describe('the desk list', () => {
  it('filters by status, author, label and title words, and pages by keyset without gaps or repeats', async () => {
    const a = (await createUser()).id
    const b = (await createUser()).id
    const label = await createLabel()
    const base = Date.UTC(2026, 0, 1)
    const mine: number[] = []
    for (let i = 0; i < 7; i++) {
      const row = await createArticle({ authorId: a, status: i % 2 ? 'draft' : 'submitted', title: `Cerita ${i} 100% nyata`, labelIds: i < 3 ? [label.id] : [] })
      // Two share a saved time, to exercise the id tie-break.
      await db().update(articles).set({ savedAt: new Date(base + Math.min(i, 5) * 1000) }).where(eq(articles.id, row.id))
      mine.push(row.id)
    }
    await createArticle({ authorId: b, status: 'draft', title: 'Bukan punya a' })

    const seen: number[] = []
    let after: { savedAt: number; id: number } | undefined
    for (let guard = 0; guard < 10; guard++) {
      const page = await listArticlesForDesk({ authorId: a, after }, 3)
      seen.push(...page.items.map((i) => i.id))
      if (!page.next) break
      after = page.next
    }
    expect(seen).toEqual([...mine].sort((x, y) => y - x))
    expect((await listArticlesForDesk({ authorId: a, status: 'submitted' })).items).toHaveLength(4)
    expect((await listArticlesForDesk({ labelId: label.id })).items.map((i) => i.id).sort()).toEqual(mine.slice(0, 3).sort())
    expect((await listArticlesForDesk({ q: '100%' })).items).toHaveLength(7)
    expect((await listArticlesForDesk({ q: '%' })).items).toHaveLength(7)
    expect((await listArticlesForDesk({ q: 'cerita 3' })).items.map((i) => i.id)).toEqual([mine[3]])
  })

  it('walks a label filter and title words in slices, and the pages are those of one walk', async () => {
    const a = (await createUser()).id
    const label = await createLabel()
    const base = Date.UTC(2026, 1, 1)
    const stories: Array<{ id: number; labelled: boolean; title: string }> = []
    for (let i = 0; i < 13; i++) {
      const labelled = i % 3 === 0
      const title = `Irisan ${i}${i % 4 === 0 ? ' banjir' : ''}`
      const row = await createArticle({ authorId: a, status: i % 2 ? 'draft' : 'published', title, labelIds: labelled ? [label.id] : [] })
      // Three share a saved time: a slice may end between rows of one time.
      await db().update(articles).set({ savedAt: new Date(base + Math.min(i, 10) * 1000) }).where(eq(articles.id, row.id))
      stories.push({ id: row.id, labelled, title })
    }
    const newestFirst = [...stories].reverse()
    // Slices of 2 rows and pages of 2: every page crosses several slices, some find nothing
    // (SQLite; PostgreSQL answers each page in one statement, which must find the same).
    async function walk(filters: Parameters<typeof listArticlesForDesk>[0]): Promise<number[]> {
      const seen: number[] = []
      let after: { savedAt: number; id: number } | undefined
      for (let guard = 0; guard < 20; guard++) {
        const page = await listArticlesForDesk({ ...filters, authorId: a, after }, 2, 2)
        seen.push(...page.items.map((i) => i.id))
        if (!page.next) return seen
        after = page.next
      }
      throw new Error('the walk did not end')
    }
    expect(await walk({ labelId: label.id })).toEqual(newestFirst.filter((s) => s.labelled).map((s) => s.id))
    expect(await walk({ q: 'banjir' })).toEqual(newestFirst.filter((s) => s.title.endsWith('banjir')).map((s) => s.id))
    expect(await walk({ labelId: label.id, q: 'banjir', status: 'published' })).toEqual(
      newestFirst.filter((s) => s.labelled && s.title.endsWith('banjir')).map((s) => s.id),
    )
    expect(await walk({ q: 'tidak ada' })).toEqual([])
  })

  it('previews a draft as the public page would show it, with a URL month of now', async () => {
    const writer = (await createUser()).id
    const { id } = await createDraft(writer, 'Pratinjau')
    const preview = await getArticlePreview(id, new Date('2026-07-15T00:00:00Z'))
    expect(preview).toMatchObject({ title: 'Pratinjau', pathMonth: '2026/07', author: { id: writer } })
    expect(await db().select().from(articleLabels).where(eq(articleLabels.articleId, id))).toEqual([])
  })
})

describe('publishDueArticles while another process writes', () => {
  it('does not wait for the write lock when nothing is due (a long import holds it)', async () => {
    getWriteConnection() // this process's connection is open first, as in the server
    const importer = new Database(process.env.DATABASE_PATH!)
    importer.pragma('busy_timeout = 5000')
    importer.exec('BEGIN IMMEDIATE')
    try {
      const started = performance.now()
      expect(await publishDueArticles(new Date())).toEqual([])
      expect(performance.now() - started).toBeLessThan(1000)
    } finally {
      importer.exec('ROLLBACK')
      importer.close()
    }
  })

  it('waits for the lock without blocking the event loop when a story is due, then publishes it once', async () => {
    const writer = (await createUser({ role: 'reporter' })).id
    const due = await createArticle({ authorId: writer, status: 'scheduled', publishedAt: new Date('2026-01-01T00:00:00Z'), pathMonth: null })
    const importer = new Database(process.env.DATABASE_PATH!)
    importer.exec('BEGIN IMMEDIATE')
    let ticks = 0
    const ticker = setInterval(() => (ticks += 1), 10)
    try {
      const publishing = publishDueArticles(new Date('2026-01-02T00:00:00Z'))
      // Held for 300 ms: the event loop keeps turning meanwhile (a synchronous wait would not).
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(ticks).toBeGreaterThan(10)
      importer.exec('COMMIT')
      expect((await publishing).map((f) => f.id)).toEqual([due.id])
      // A second process running the same tick finds nothing left to publish.
      expect(await publishDueArticles(new Date('2026-01-02T00:00:00Z'))).toEqual([])
    } finally {
      clearInterval(ticker)
      if (importer.inTransaction) importer.exec('ROLLBACK')
      importer.close()
    }
  })
})
