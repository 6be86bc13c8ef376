import { beforeEach, describe, expect, it } from 'vitest'
import { getDb, getWriteConnection } from '@/db'
import { articleNotes, articles, contactMessages, type Role } from '@/db/tables'
import { createArticle, createUser } from '@/tests/factories'
import { type ArticleContent, createDraft, getArticleForEdit, retractArticle, returnArticleToWriter, saveArticle } from './articles-desk'
import {
  countMenuBadges,
  DESK_HOME_LIMIT,
  getDeskHome,
  listAwaitingVerification,
  listNotes,
  listPublishedToday,
  listReturnedTo,
  listReviewQueue,
  MENU_COUNT_CAP,
} from './desk-home'

const db = () => getWriteConnection()
const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
// 11 March 2026, 00:30 WIB.
const NOW = new Date('2026-03-10T17:30:00Z')
const ago = (ms: number) => new Date(NOW.getTime() - ms)

const content = (title: string): ArticleContent => ({
  title,
  slug: null,
  dateline: '',
  excerpt: '',
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
})
const opts = { canCreateLabels: true, canPublish: true }

const titles = (list: { items: Array<{ title: string }> }) => list.items.map((i) => i.title)

beforeEach(async () => {
  await db().delete(articles)
  await db().delete(contactMessages)
})

describe('the desk home for each role', () => {
  const people = {} as Record<Role, { id: number; role: Role }>
  beforeEach(async () => {
    for (const role of ['contributor', 'reporter', 'editor', 'admin'] as const) people[role] = { id: (await createUser({ role })).id, role }
    const { contributor, reporter, editor } = people
    // Waiting for review: the contributor's since two days, the reporter's since an hour.
    await createArticle({ authorId: reporter.id, status: 'submitted', title: 'Antre reporter', pathMonth: null, submittedAt: ago(HOUR) })
    await createArticle({ authorId: contributor.id, status: 'submitted', title: 'Antre kontributor', pathMonth: null, submittedAt: ago(2 * DAY) })
    await createArticle({ authorId: contributor.id, status: 'draft', title: 'Draf kontributor', pathMonth: null, savedAt: ago(HOUR) })
    await createArticle({ authorId: contributor.id, status: 'draft', title: 'Dikembalikan ke kontributor', pathMonth: null, submittedAt: ago(DAY) })
    await createArticle({ authorId: reporter.id, status: 'draft', title: 'Draf reporter', pathMonth: null })
    await createArticle({ authorId: editor.id, status: 'draft', title: 'Draf editor', pathMonth: null })
    await createArticle({ authorId: reporter.id, status: 'scheduled', title: 'Jadwal reporter', pathMonth: null, publishedAt: new Date(NOW.getTime() + 3 * HOUR) })
    await createArticle({ authorId: editor.id, status: 'scheduled', title: 'Jadwal editor', pathMonth: null, publishedAt: new Date(NOW.getTime() + HOUR) })
    const today = await createArticle({ authorId: contributor.id, editorId: editor.id, title: 'Terbit dini hari', publishedAt: ago(10 * 60 * 1000) })
    // 23.59 WIB yesterday: not today.
    await createArticle({ authorId: reporter.id, title: 'Terbit kemarin', publishedAt: new Date('2026-03-10T16:59:00Z') })
    await createArticle({ authorId: reporter.id, title: 'Belum terverifikasi', verificationPendingAt: ago(3 * DAY) })
    await createArticle({ authorId: contributor.id, title: 'Belum terverifikasi juga', verificationPendingAt: ago(DAY) })
    await db().insert(articleNotes).values({ articleId: today.id, kind: 'correction', body: 'Nama diperbaiki.', createdAt: ago(HOUR), createdBy: editor.id })
    await db().insert(articleNotes).values({ articleId: today.id, kind: 'update', body: 'Sudah lama.', createdAt: ago(8 * DAY) })
    await db().insert(contactMessages).values([
      { name: 'Pembaca', email: 'a@contoh.example', message: 'Ada salah ketik di berita banjir.' },
      { name: 'Pembaca lama', email: 'b@contoh.example', message: 'Sudah dibalas.', handledAt: ago(HOUR) },
    ])
  })

  it('a contributor sees their own work, what went live today and the week’s notes, not the inbox', async () => {
    const home = await getDeskHome(people.contributor, NOW)
    expect(home.reviewQueue.scope).toBe('own')
    expect(titles(home.reviewQueue.list)).toEqual(['Antre kontributor'])
    expect(titles(home.returned!)).toEqual(['Dikembalikan ke kontributor'])
    expect(titles(home.drafts!)).toEqual(['Draf kontributor'])
    expect(titles(home.scheduled.list)).toEqual([])
    expect(titles(home.publishedToday)).toEqual(['Terbit dini hari'])
    expect(home.publishedToday.items[0]).toMatchObject({ authorName: expect.any(String), editorName: expect.any(String) })
    expect(home.messages).toBeNull()
    expect(home.notes.items.map((n) => n.body)).toEqual(['Nama diperbaiki.'])
    expect(titles(home.verification.list)).toEqual(['Belum terverifikasi juga'])
    expect(await countMenuBadges(people.contributor)).toEqual({ reviewQueue: null, unhandledMessages: null })
  })

  it('a reporter sees their own queue, drafts and schedule', async () => {
    const home = await getDeskHome(people.reporter, NOW)
    expect(titles(home.reviewQueue.list)).toEqual(['Antre reporter'])
    expect(titles(home.returned!)).toEqual([])
    expect(titles(home.drafts!)).toEqual(['Draf reporter'])
    expect(titles(home.scheduled.list)).toEqual(['Jadwal reporter'])
    expect(home.messages).toBeNull()
    expect(titles(home.verification.list)).toEqual(['Belum terverifikasi'])
  })

  it.each(['editor', 'admin'] as const)('an %s sees the whole queue oldest first, every schedule, the inbox and every marked story', async (role) => {
    const home = await getDeskHome(people[role], NOW)
    expect(home.reviewQueue.scope).toBe('all')
    expect(titles(home.reviewQueue.list)).toEqual(['Antre kontributor', 'Antre reporter'])
    expect(home.reviewQueue.list.items[0]!.submittedAt).toEqual(ago(2 * DAY))
    expect(titles(home.scheduled.list)).toEqual(['Jadwal editor', 'Jadwal reporter'])
    expect(titles(home.publishedToday)).toEqual(['Terbit dini hari'])
    expect(home.messages!.items.map((m) => m.name)).toEqual(['Pembaca'])
    expect(titles(home.verification.list)).toEqual(['Belum terverifikasi', 'Belum terverifikasi juga'])
    expect(titles(home.drafts!)).toEqual(role === 'editor' ? ['Draf editor'] : [])
    expect(await countMenuBadges(people[role])).toEqual({ reviewQueue: 2, unhandledMessages: 1 })
  })
})

describe('the desk home’s lists', () => {
  let writer: number
  let editor: number
  beforeEach(async () => {
    writer = (await createUser({ role: 'reporter' })).id
    editor = (await createUser({ role: 'editor' })).id
  })

  it('keep a story’s place in the queue while it is edited, return it to its writer, and start a new wait on resubmission', async () => {
    const { id } = await createDraft(writer, 'Berita pasar')
    const submitted = await saveArticle(id, content('Berita pasar'), 1, writer, { ...opts, transition: { to: 'submitted' }, now: ago(DAY) })
    expect(submitted).toMatchObject({ ok: true, status: 'submitted' })
    expect((await getArticleForEdit(id))!.status).toBe('submitted')
    expect((await listReviewQueue()).items[0]).toMatchObject({ id, submittedAt: ago(DAY) })
    // The editor's edit during review does not send it to the back of the queue.
    expect((await saveArticle(id, content('Berita pasar (disunting)'), 2, editor, { ...opts, now: ago(HOUR) })).ok).toBe(true)
    expect((await listReviewQueue()).items[0]).toMatchObject({ id, submittedAt: ago(DAY) })

    expect((await returnArticleToWriter(id, 3, editor)).ok).toBe(true)
    expect((await listReviewQueue()).items).toEqual([])
    expect((await listReturnedTo(writer)).items).toEqual([expect.objectContaining({ id, savedByName: expect.any(String) })])
    expect((await saveArticle(id, content('Berita pasar, diperbaiki'), 4, writer, opts)).ok).toBe(true)
    expect((await listReturnedTo(writer)).items.map((i) => i.id)).toEqual([id])

    expect((await saveArticle(id, content('Berita pasar, diperbaiki'), 5, writer, { ...opts, transition: { to: 'submitted' }, now: NOW })).ok).toBe(true)
    expect((await listReturnedTo(writer)).items).toEqual([])
    expect((await listReviewQueue()).items[0]).toMatchObject({ id, submittedAt: NOW })
    expect((await saveArticle(id, content('Berita pasar, diperbaiki'), 6, editor, { ...opts, transition: { to: 'published' } })).ok).toBe(true)
    expect(await getDeskHome({ id: writer, role: 'reporter' }, NOW)).toMatchObject({ returned: { items: [] }, drafts: { items: [] } })
  })

  it('are bounded, and say when there is more to see', async () => {
    for (let i = 0; i < DESK_HOME_LIMIT + 2; i++) {
      await createArticle({ authorId: writer, status: 'submitted', pathMonth: null, submittedAt: ago((10 - i) * HOUR), title: `Antre ${i}` })
      await createArticle({ authorId: writer, title: `Hari ini ${i}`, publishedAt: ago(i * 60_000) })
    }
    const queue = await listReviewQueue()
    expect(queue.items).toHaveLength(DESK_HOME_LIMIT)
    expect(queue.more).toBe(true)
    expect(titles(queue)[0]).toBe('Antre 0')
    const today = await listPublishedToday(NOW)
    expect(today).toMatchObject({ more: true })
    expect(titles(today)[0]).toBe('Hari ini 0')
    expect((await listReviewQueue({ limit: 20 })).more).toBe(false)
  })

  it('cap the menu counts', async () => {
    await db().insert(articles).values(
      Array.from({ length: MENU_COUNT_CAP + 5 }, (_, i) => ({ title: `Antre ${i}`, slug: `antre-massal-${i}`, authorId: writer, status: 'submitted' as const })),
    )
    expect((await countMenuBadges({ id: editor, role: 'editor' })).reviewQueue).toBe(MENU_COUNT_CAP + 1)
  })

  it('page notes and marked stories by keyset without gaps or repeats, leaving out retracted stories', async () => {
    const a = await createArticle({ authorId: writer })
    for (let i = 0; i < 7; i++) await db().insert(articleNotes).values({ articleId: a.id, kind: 'update', body: `Catatan ${i}`, createdAt: ago(i === 3 ? 2 * HOUR : i * HOUR) })
    const seen: string[] = []
    let after: { createdAt: number; id: number } | undefined
    for (;;) {
      const page = await listNotes({ after, limit: 3 })
      seen.push(...page.items.map((n) => n.body))
      expect(page.items.every((n) => n.article.id === a.id)).toBe(true)
      if (!page.more) break
      const last = page.items.at(-1)!
      after = { createdAt: last.createdAt.getTime(), id: last.id }
    }
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)

    const marked = []
    for (let i = 0; i < 5; i++) marked.push(await createArticle({ authorId: writer, verificationPendingAt: ago((i % 2) * DAY) }))
    const retracted = await createArticle({ authorId: writer, verificationPendingAt: ago(9 * DAY) })
    expect((await retractArticle(retracted.id, retracted.version, editor, 'Tidak dapat dipertanggungjawabkan.')).ok).toBe(true)
    const ids: number[] = []
    let next: { since: number; id: number } | undefined
    for (;;) {
      const page = await listAwaitingVerification({ after: next, limit: 2 })
      ids.push(...page.items.map((s) => s.id))
      if (!page.more) break
      const last = page.items.at(-1)!
      next = { since: last.verificationPendingAt.getTime(), id: last.id }
    }
    expect(ids).toEqual([marked[1]!.id, marked[3]!.id, marked[0]!.id, marked[2]!.id, marked[4]!.id])
  })
})
