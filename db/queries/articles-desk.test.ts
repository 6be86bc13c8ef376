import { and, count, eq } from 'drizzle-orm'
import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { articleLabels, articleRevisions, articles, auditLog, labels, redirects } from '@/db/schema'
import { createArticle, createLabel, createUser } from '@/tests/factories'
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

const db = () => getDb()

function content(overrides: Partial<ArticleContent> = {}): ArticleContent {
  return {
    title: 'Banjir merendam Padang',
    slug: null,
    dateline: 'Padang',
    excerpt: 'Hujan sejak pagi.',
    bodyHtml: '<p>Isi.</p>',
    featuredMediaId: null,
    keepFeaturedUrl: false,
    featuredAlt: '',
    featuredCaption: '',
    labels: [],
    isSponsored: false,
    sponsorName: '',
    seoTitle: '',
    seoDescription: '',
    ...overrides,
  }
}

const revisionCount = (articleId: number) =>
  db().select({ n: count() }).from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).get()!.n

const auditActions = (articleId: number) =>
  db()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'article'), eq(auditLog.entityId, articleId)))
    .all()
    .map((r) => r.action)

const opts = { canCreateLabels: true, canPublish: true }

describe('drafts and saves', () => {
  let writer: number
  let colleague: number
  beforeEach(() => {
    writer = createUser({ role: 'reporter' }).id
    colleague = createUser({ role: 'editor' }).id
  })

  it('creates a draft with a unique slug from its title and a first revision', () => {
    const a = createDraft(writer, 'Pasar Raya Dibuka')
    const b = createDraft(writer, 'Pasar Raya Dibuka')
    expect(getArticleForEdit(a.id)).toMatchObject({ slug: 'pasar-raya-dibuka', status: 'draft', version: 1, authorId: writer })
    expect(getArticleForEdit(b.id)?.slug).toBe('pasar-raya-dibuka-2')
    expect(revisionCount(a.id)).toBe(1)
  })

  it('bumps the version and keeps a revision with who and when on every save', () => {
    const { id } = createDraft(writer, 'Judul awal')
    const now = new Date('2026-03-01T03:00:00Z')
    const first = saveArticle(id, content({ title: 'Judul kedua' }), 1, writer, { ...opts, now })
    expect(first).toMatchObject({ ok: true, version: 2 })
    const second = saveArticle(id, content({ title: 'Judul ketiga' }), 2, colleague, { ...opts, autosave: true })
    expect(second).toMatchObject({ ok: true, version: 3 })
    const revisions = listRevisions(id)
    expect(revisions.map((r) => r.version)).toEqual([3, 2, 1])
    expect(revisions[0]).toMatchObject({ isAutosave: true, createdByName: expect.any(String) })
    expect(revisions[1]!.createdAt.getTime()).toBeGreaterThan(0)
    expect(getRevision(id, revisions[1]!.id)).toMatchObject({ title: 'Judul kedua', version: 2 })
    expect(getArticleForEdit(id)).toMatchObject({ title: 'Judul ketiga', savedByName: expect.any(String) })
  })

  it('refuses a save based on a stale version and writes nothing at all', () => {
    const { id } = createDraft(writer, 'Judul awal')
    expect(saveArticle(id, content({ title: 'Versi rekan', labels: ['Ekonomi'] }), 1, colleague, opts).ok).toBe(true)
    const labelsBefore = db().select({ n: count() }).from(labels).get()!.n
    const before = getArticleForEdit(id)!

    const stale = saveArticle(id, content({ title: 'Versi saya', labels: ['Label Baru Sekali'] }), 1, writer, opts)
    expect(stale).toMatchObject({ ok: false, code: 'stale', currentVersion: 2, savedByName: expect.any(String) })
    expect(getArticleForEdit(id)).toEqual(before)
    expect(revisionCount(id)).toBe(2)
    expect(db().select({ n: count() }).from(labels).get()!.n).toBe(labelsBefore)
  })

  it('finds labels by name, creates new ones when allowed, and keeps their order', () => {
    const existing = createLabel({ name: 'Olahraga', slug: 'olahraga' })
    const { id } = createDraft(writer, 'Judul')
    const saved = saveArticle(id, content({ labels: ['Banjir Bandang', 'olahraga'] }), 1, writer, opts)
    expect(saved.ok).toBe(true)
    const names = getArticleForEdit(id)!.labels.map((l) => l.name)
    expect(names).toEqual(['Banjir Bandang', 'Olahraga'])
    expect(getArticleForEdit(id)!.labels[1]!.id).toBe(existing.id)
    expect(searchLabels('banj').map((l) => l.slug)).toContain('banjir-bandang')
    expect(searchLabels('100%')).toEqual([])
  })

  it('refuses an unknown label when the person may not create labels, writing nothing', () => {
    const { id } = createDraft(writer, 'Judul')
    const result = saveArticle(id, content({ labels: ['Belum Ada'] }), 1, writer, { canCreateLabels: false, canPublish: true })
    expect(result).toMatchObject({ ok: false, code: 'label-create-forbidden', name: 'Belum Ada' })
    expect(db().select().from(labels).where(eq(labels.slug, 'belum-ada')).get()).toBeUndefined()
    expect(getArticleForEdit(id)!.version).toBe(1)
  })

  it('refuses a featured image that is not in the media library', () => {
    const { id } = createDraft(writer, 'Judul')
    expect(saveArticle(id, content({ featuredMediaId: 999_999, featuredAlt: 'x' }), 1, writer, opts)).toMatchObject({
      ok: false,
      code: 'media-missing',
    })
  })

  it('accepts only an active editor or admin as the article’s editor', () => {
    const { id } = createDraft(writer, 'Judul')
    expect(saveArticle(id, content(), 1, writer, { ...opts, editorId: writer })).toMatchObject({ code: 'editor-invalid' })
    expect(saveArticle(id, content(), 1, writer, { ...opts, editorId: colleague }).ok).toBe(true)
    expect(getArticleForEdit(id)!.editorId).toBe(colleague)
  })
})

describe('publication', () => {
  let writer: number
  let editor: number
  beforeEach(() => {
    writer = createUser({ role: 'reporter' }).id
    editor = createUser({ role: 'editor' }).id
  })

  it('fixes the URL month at first publication and never moves it', () => {
    const { id } = createDraft(writer, 'Akhir bulan')
    // 31 Jan 2026 20:00 UTC is 1 Feb 03:00 in Jakarta.
    const first = saveArticle(id, content({ title: 'Akhir bulan' }), 1, writer, {
      ...opts,
      transition: { to: 'published' },
      now: new Date('2026-01-31T20:00:00Z'),
    })
    expect(first).toMatchObject({ ok: true, status: 'published', pathMonth: '2026/02' })
    expect(getPublishedArticle('2026/02', 'akhir-bulan')?.id).toBe(id)

    expect(unpublishArticle(id, 2, editor).ok).toBe(true)
    const again = saveArticle(id, content({ title: 'Akhir bulan' }), 3, writer, {
      ...opts,
      transition: { to: 'published' },
      now: new Date('2026-06-10T00:00:00Z'),
    })
    expect(again).toMatchObject({ ok: true, pathMonth: '2026/02', publishedAt: new Date('2026-01-31T20:00:00Z') })
    expect(auditActions(id)).toEqual(['article.publish', 'article.unpublish', 'article.publish'])
  })

  it('records the publishing editor when none was named', () => {
    const { id } = createDraft(writer, 'Judul')
    saveArticle(id, content(), 1, editor, { ...opts, transition: { to: 'published' }, defaultEditorId: editor })
    expect(getArticleForEdit(id)!.editorId).toBe(editor)
  })

  it('schedules at a future time and publishes on its own when the time comes', async () => {
    const { id } = createDraft(writer, 'Terjadwal')
    const now = new Date('2026-05-01T00:00:00Z')
    const at = new Date('2026-05-31T18:00:00Z') // 1 June 01:00 WIB
    const scheduled = saveArticle(id, content({ title: 'Terjadwal', labels: ['Jadwal'] }), 1, writer, {
      ...opts,
      transition: { to: 'scheduled', at },
      now,
    })
    expect(scheduled).toMatchObject({ ok: true, status: 'scheduled', pathMonth: null, after: null })
    expect(await publishDueArticles(new Date(at.getTime() - 1))).toEqual([])
    expect(getPublishedArticle('2026/06', 'terjadwal')).toBeNull()

    const published = await publishDueArticles(at)
    const labelId = getArticleForEdit(id)!.labels[0]!.id
    expect(published).toEqual([
      { id, authorId: writer, labelIds: [labelId], pathMonth: '2026/06', slug: 'terjadwal', publishedAt: at, isSponsored: false },
    ])
    expect(getArticleForEdit(id)).toMatchObject({ status: 'published', pathMonth: '2026/06', publishedAt: at, version: 3 })
    expect(getPublishedArticle('2026/06', 'terjadwal')?.id).toBe(id)
    expect(await publishDueArticles(new Date(at.getTime() + 60_000))).toEqual([])
  })

  it('refuses a schedule time in the past, and can cancel a schedule', () => {
    const { id } = createDraft(writer, 'Judul')
    const now = new Date('2026-05-01T00:00:00Z')
    expect(saveArticle(id, content(), 1, writer, { ...opts, transition: { to: 'scheduled', at: new Date('2026-04-30T00:00:00Z') }, now })).toMatchObject({
      ok: false,
      code: 'publish-at-past',
    })
    expect(saveArticle(id, content(), 1, writer, { ...opts, transition: { to: 'scheduled', at: new Date('2026-06-01T00:00:00Z') }, now }).ok).toBe(true)
    expect(unscheduleArticle(id, 2, writer)).toMatchObject({ ok: true, status: 'draft', publishedAt: null })
  })

  it('refuses a change to a live article without the publish right, reading its status in the write (issue 10, finding 1)', () => {
    const draft = createArticle({ authorId: writer, status: 'submitted', pathMonth: null })
    // The writer's form was opened at this version and read the article as a draft; an editor publishes it.
    const published = saveArticle(draft.id, content({ title: draft.title }), draft.version, editor, { ...opts, transition: { to: 'published' } })
    expect(published).toMatchObject({ ok: true, status: 'published' })
    const before = getArticleForEdit(draft.id)!
    const tooLate = { ...opts, canPublish: false }
    expect(saveArticle(draft.id, content({ title: 'Disusupkan' }), before.version, writer, tooLate)).toEqual({ ok: false, code: 'live-needs-publish' })
    const revision = listRevisions(draft.id).at(-1)!
    expect(restoreRevision(draft.id, revision.id, before.version, writer, tooLate)).toEqual({ ok: false, code: 'live-needs-publish' })
    expect(getArticleForEdit(draft.id)).toEqual(before)
    const scheduled = createArticle({ authorId: writer, status: 'scheduled', pathMonth: null, publishedAt: new Date('2099-01-01T00:00:00Z') })
    expect(saveArticle(scheduled.id, content(), scheduled.version, writer, tooLate)).toEqual({ ok: false, code: 'live-needs-publish' })
    // Without the right, a draft saves, but cannot be moved live by a forged option either.
    const own = createDraft(writer, 'Draf sendiri')
    expect(saveArticle(own.id, content(), 1, writer, tooLate)).toMatchObject({ ok: true, status: 'draft' })
    expect(saveArticle(own.id, content(), 2, writer, { ...tooLate, transition: { to: 'published' } })).toEqual({ ok: false, code: 'live-needs-publish' })
  })

  it('never autosaves over a live article', () => {
    const a = createArticle({ authorId: writer, status: 'published' })
    expect(saveArticle(a.id, content(), a.version, writer, { ...opts, autosave: true })).toMatchObject({ ok: false, code: 'wrong-status' })
  })

  it('records a 301 when the slug of a public article changes, collapsing chains and never looping', () => {
    const a = createArticle({ authorId: writer, slug: 'pindah-satu', publishedAt: new Date('2025-03-05T05:00:00Z') })
    const r1 = saveArticle(a.id, content({ title: a.title, slug: 'pindah-dua' }), a.version, editor, opts)
    expect(r1).toMatchObject({ ok: true, slug: 'pindah-dua', before: { id: a.id }, after: { id: a.id } })
    const r2 = saveArticle(a.id, content({ title: a.title, slug: 'pindah-tiga' }), a.version + 1, editor, opts)
    expect(r2).toMatchObject({ ok: true })
    const rows = () => db().select({ from: redirects.fromPath, to: redirects.toPath, code: redirects.code }).from(redirects).all()
    expect(rows()).toEqual(
      expect.arrayContaining([
        { from: '/2025/03/pindah-satu', to: '/2025/03/pindah-tiga', code: 301 },
        { from: '/2025/03/pindah-dua', to: '/2025/03/pindah-tiga', code: 301 },
      ]),
    )
    // Back to the first slug: its old redirect goes (the article lives there again), no loop remains.
    expect(saveArticle(a.id, content({ title: a.title, slug: 'pindah-satu' }), a.version + 2, editor, opts).ok).toBe(true)
    const after = rows()
    expect(after.find((r) => r.from === '/2025/03/pindah-satu')).toBeUndefined()
    expect(after.every((r) => r.to === '/2025/03/pindah-satu' && r.from !== r.to)).toBe(true)
  })

  it('does not record redirects for drafts, and refuses a taken slug once the URL has been public', () => {
    createArticle({ authorId: writer, slug: 'sudah-dipakai' })
    const { id } = createDraft(writer, 'Draf')
    const draft = saveArticle(id, content({ slug: 'sudah-dipakai' }), 1, writer, opts)
    expect(draft).toMatchObject({ ok: true, slug: 'sudah-dipakai-2' })
    expect(db().select().from(redirects).where(eq(redirects.toPath, '/sudah-dipakai-2')).all()).toEqual([])
    const live = createArticle({ authorId: writer })
    expect(saveArticle(live.id, content({ slug: 'sudah-dipakai' }), live.version, writer, opts)).toMatchObject({ ok: false, code: 'slug-taken' })
  })

  it('retracts with a reason, and refuses to delete a live or retracted article', () => {
    const a = createArticle({ authorId: writer })
    expect(deleteArticle(a.id, a.version, editor)).toMatchObject({ ok: false, code: 'wrong-status' })
    const retracted = retractArticle(a.id, a.version, editor, 'Narasumber fiktif.')
    expect(retracted).toMatchObject({ ok: true, status: 'retracted', before: { id: a.id }, after: null })
    expect(getArticleForEdit(a.id)).toMatchObject({ retractionReason: 'Narasumber fiktif.', retractedAt: expect.any(Date) })
    expect(deleteArticle(a.id, a.version + 1, editor)).toMatchObject({ ok: false, code: 'wrong-status' })
    expect(auditActions(a.id)).toEqual(['article.retract'])
  })

  it('deletes a draft, with an audit row that survives it', () => {
    const { id } = createDraft(writer, 'Dihapus')
    expect(deleteArticle(id, 2, editor)).toMatchObject({ ok: false, code: 'stale' })
    expect(deleteArticle(id, 1, editor)).toEqual({ ok: true })
    expect(getArticleForEdit(id)).toBeNull()
    expect(auditActions(id)).toEqual(['article.delete'])
  })

  it('leaves a 410 at the URL of a deleted article that was once public, none for a draft', () => {
    const a = createArticle({ authorId: writer })
    const unpublished = unpublishArticle(a.id, a.version, editor)
    expect(unpublished.ok).toBe(true)
    expect(deleteArticle(a.id, a.version + 1, editor)).toEqual({ ok: true })
    expect(db().select({ code: redirects.code }).from(redirects).where(eq(redirects.fromPath, `/${a.pathMonth}/${a.slug}`)).all()).toEqual([
      { code: 410 },
    ])
    const { id } = createDraft(writer, 'Tak pernah terbit')
    const before = db().select().from(redirects).all().length
    expect(deleteArticle(id, 1, editor)).toEqual({ ok: true })
    expect(db().select().from(redirects).all()).toHaveLength(before)
  })

  it('returns a submitted article to its writer', () => {
    const { id } = createDraft(writer, 'Judul')
    expect(saveArticle(id, content(), 1, writer, { ...opts, transition: { to: 'submitted' } })).toMatchObject({ status: 'submitted' })
    expect(returnArticleToWriter(id, 2, editor)).toMatchObject({ ok: true, status: 'draft' })
  })
})

describe('notes and revisions', () => {
  let writer: number
  beforeEach(() => {
    writer = createUser({ role: 'reporter' }).id
  })

  it('adds a note to a published article and moves its updated time, not its version', () => {
    const a = createArticle({ authorId: writer })
    const now = new Date('2026-02-02T02:02:00Z')
    expect(addNote(a.id, 'correction', 'Nama narasumber diperbaiki.', writer, { now })).toMatchObject({ ok: true, footprint: { id: a.id } })
    const after = getArticleForEdit(a.id)!
    expect(after.updatedAt).toEqual(now)
    expect(after.version).toBe(a.version)
    expect(after.notes).toEqual([expect.objectContaining({ kind: 'correction', body: 'Nama narasumber diperbaiki.', createdAt: now })])
    expect(getPublishedArticle(a.pathMonth!, a.slug)?.notes).toHaveLength(1)
  })

  it('refuses a note on an article that is not published', () => {
    const { id } = createDraft(writer, 'Draf')
    expect(addNote(id, 'update', 'x', writer)).toMatchObject({ ok: false, code: 'wrong-status' })
  })

  it('does not move the updated time on an ordinary save (a typo fix)', () => {
    const a = createArticle({ authorId: writer })
    saveArticle(a.id, content({ title: a.title }), a.version, writer, opts)
    expect(getArticleForEdit(a.id)!.updatedAt).toBeNull()
  })

  it('restores a revision as a new version with its own revision, under the version check', () => {
    const label = createLabel({ name: 'Politik', slug: 'politik' })
    const { id } = createDraft(writer, 'Satu')
    saveArticle(id, content({ title: 'Dua', bodyHtml: '<p>dua</p>', labels: ['Politik'], seoTitle: 'SEO dua' }), 1, writer, opts)
    saveArticle(id, content({ title: 'Tiga', bodyHtml: '<p>tiga</p>', labels: [] }), 2, writer, opts)
    const v2 = listRevisions(id).find((r) => r.version === 2)!

    expect(restoreRevision(id, v2.id, 2, writer, opts)).toMatchObject({ ok: false, code: 'stale', currentVersion: 3 })
    const restored = restoreRevision(id, v2.id, 3, writer, opts)
    expect(restored).toMatchObject({ ok: true, version: 4 })
    expect(getArticleForEdit(id)).toMatchObject({ title: 'Dua', bodyHtml: '<p>dua</p>', seoTitle: 'SEO dua', labels: [expect.objectContaining({ id: label.id })] })
    expect(listRevisions(id)[0]).toMatchObject({ version: 4, restoredFrom: 2 })
    expect(auditActions(id)).toContain('article.restore')
  })
})

describe('the desk list', () => {
  it('filters by status, author, label and title words, and pages by keyset without gaps or repeats', () => {
    const a = createUser().id
    const b = createUser().id
    const label = createLabel()
    const base = Date.UTC(2026, 0, 1)
    const mine: number[] = []
    for (let i = 0; i < 7; i++) {
      const row = createArticle({ authorId: a, status: i % 2 ? 'draft' : 'submitted', title: `Cerita ${i} 100% nyata`, labelIds: i < 3 ? [label.id] : [] })
      // Two share a saved time, to exercise the id tie-break.
      db().update(articles).set({ savedAt: new Date(base + Math.min(i, 5) * 1000) }).where(eq(articles.id, row.id)).run()
      mine.push(row.id)
    }
    createArticle({ authorId: b, status: 'draft', title: 'Bukan punya a' })

    const seen: number[] = []
    let after: { savedAt: number; id: number } | undefined
    for (let guard = 0; guard < 10; guard++) {
      const page = listArticlesForDesk({ authorId: a, after }, 3)
      seen.push(...page.items.map((i) => i.id))
      if (!page.next) break
      after = page.next
    }
    expect(seen).toEqual([...mine].sort((x, y) => y - x))
    expect(listArticlesForDesk({ authorId: a, status: 'submitted' }).items).toHaveLength(4)
    expect(listArticlesForDesk({ labelId: label.id }).items.map((i) => i.id).sort()).toEqual(mine.slice(0, 3).sort())
    expect(listArticlesForDesk({ q: '100%' }).items).toHaveLength(7)
    expect(listArticlesForDesk({ q: '%' }).items).toHaveLength(7)
    expect(listArticlesForDesk({ q: 'cerita 3' }).items.map((i) => i.id)).toEqual([mine[3]])
  })

  it('previews a draft as the public page would show it, with a URL month of now', () => {
    const writer = createUser().id
    const { id } = createDraft(writer, 'Pratinjau')
    const preview = getArticlePreview(id, new Date('2026-07-15T00:00:00Z'))
    expect(preview).toMatchObject({ title: 'Pratinjau', pathMonth: '2026/07', author: { id: writer } })
    expect(db().select().from(articleLabels).where(eq(articleLabels.articleId, id)).all()).toEqual([])
  })
})

describe('publishDueArticles while another process writes', () => {
  it('does not wait for the write lock when nothing is due (a long import holds it)', async () => {
    getDb() // this process's connection is open first, as in the server
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
    const writer = createUser({ role: 'reporter' }).id
    const due = createArticle({ authorId: writer, status: 'scheduled', publishedAt: new Date('2026-01-01T00:00:00Z'), pathMonth: null })
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
