import { and, count, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDialect, getWriteConnection } from '@/db'
import { queryRow } from '@/db/dialect'
import { articleLabels, articles, auditLog, labels, users } from '@/db/tables'
import { articleContent, createArticle, createLabel, createUser } from '@/tests/factories'
import { createDraft, publishDueArticles, saveArticle, unpublishArticle } from './articles-desk'
import { mergeLabels } from './labels-desk-merge'
import { beginThrottledAttempt } from './rate-limits'
import { getSiteSettings, updateSiteSettings } from './settings'
import { claimImportSlot } from './import-jobs'
import { createStaff, LastAdminError, storeSetupTokenHash, updateStaffRole } from './users'

/*
 * Writes racing each other (docs/decisions/019-dialect-seam.md §8). On SQLite write() runs one
 * transaction at a time, so these pass by construction; on PostgreSQL (TEST_DIALECT=postgres)
 * each write() of a Promise.all runs on its own pooled client under READ COMMITTED, really side
 * by side, and each race below failed before its fix (a 500, a lost update, a story published
 * twice, a label lost).
 */

const db = () => getWriteConnection()

const content = articleContent

const actions = async (articleId: number, action: string) =>
  (await db()
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'article'), eq(auditLog.entityId, articleId), eq(auditLog.action, action)))
    .limit(1))[0]!.n

const ROUNDS = 4

describe(`writes racing each other (${getDialect()})`, () => {
  // First: setup is open only while nobody can sign in.
  it('two first-run setup forms with the valid token: one account, the other refused', async () => {
    // Open a few pooled connections first, so the two forms start together rather than one waiting for a connect.
    await Promise.all([1, 2, 3, 4].map(() => createLabel()))
    await storeSetupTokenHash('hash-of-token')
    const results = await Promise.all(
      ['a', 'b'].map((who) =>
        createStaff(
          { name: `Admin ${who}`, email: `admin-${who}@redaksi.example`, role: 'admin', passwordHash: 'x' },
          { setupToken: { isValid: (stored) => stored === 'hash-of-token' }, via: 'setup' },
        ),
      ),
    )
    expect(results.filter((r) => r !== null)).toHaveLength(1)
    expect((await db().select({ n: count() }).from(users).where(eq(users.role, 'admin')))[0]!.n).toBe(1)
  })

  it('stories, labels and people created at once with the same name get distinct slugs, none fails', async () => {
    const author = await createUser()
    const drafts = await Promise.all(Array.from({ length: 4 }, () => createDraft(author.id, 'Gempa di Cianjur')))
    const slugs = await db().select({ slug: articles.slug }).from(articles).where(sql`${articles.slug} like 'gempa-di-cianjur%'`)
    expect(slugs.map((r) => r.slug).sort()).toEqual(['gempa-di-cianjur', ...[2, 3, 4].map((n) => `gempa-di-cianjur-${n}`)].sort())
    expect(new Set(drafts.map((d) => d.id)).size).toBe(4)

    // Two saves naming the same new label: one label, both stories carry it.
    const [a, b] = await Promise.all([createDraft(author.id, 'Satu'), createDraft(author.id, 'Dua')])
    const saved = await Promise.all(
      [a!, b!].map((d) => saveArticle(d.id, content({ title: `Cerita ${d.id}`, labels: ['Pilkada Serentak'] }), 1, author.id, { canCreateLabels: true, canPublish: true })),
    )
    expect(saved.map((r) => r.ok)).toEqual([true, true])
    const label = await db().select({ id: labels.id }).from(labels).where(eq(labels.slug, 'pilkada-serentak'))
    expect(label).toHaveLength(1)

    const people = await Promise.all(
      [1, 2, 3].map((n) => createStaff({ name: 'Sari Dewi', email: `sari${n}@redaksi.example`, role: 'reporter', passwordHash: 'x' })),
    )
    expect(people.every((p) => p !== null)).toBe(true)
    const personSlugs = await db().select({ slug: users.slug }).from(users).where(sql`${users.slug} like 'sari-dewi%'`)
    expect(personSlugs.map((r) => r.slug).sort()).toEqual(['sari-dewi', 'sari-dewi-2', 'sari-dewi-3'])
  })

  it('a story due now is published once when two schedulers and an editor publish it at the same moment', async () => {
    const author = await createUser()
    const now = new Date()
    for (let round = 0; round < ROUNDS; round++) {
      const story = await createArticle({ authorId: author.id, status: 'scheduled', publishedAt: new Date(now.getTime() - 60_000), pathMonth: null, version: 3 })
      const [first, second, manual] = await Promise.all([
        publishDueArticles(now),
        publishDueArticles(now),
        saveArticle(story.id, content({ title: story.title, slug: story.slug }), 3, author.id, { canCreateLabels: true, canPublish: true, transition: { to: 'published' }, now }),
      ])
      const row = (await db().select().from(articles).where(eq(articles.id, story.id)))[0]!
      expect(row.status).toBe('published')
      expect(await actions(story.id, 'article.publish')).toBe(1)
      // The scheduler's runs report it once between them, or the editor did (then they are stale).
      const fromScheduler = [...first, ...second].filter((f) => f.id === story.id).length
      expect(fromScheduler + (manual.ok ? 1 : 0)).toBe(1)
      if (!manual.ok) expect(manual.code).toBe('stale')
    }
  })

  it('of two saves or status changes from the same version, one wins and the other is told it is stale', async () => {
    const author = await createUser()
    for (let round = 0; round < ROUNDS; round++) {
      const story = await createArticle({ authorId: author.id, status: 'published', version: 1 })
      const saves = await Promise.all(
        ['Versi A', 'Versi B'].map((title) => saveArticle(story.id, content({ title, slug: story.slug }), 1, author.id, { canCreateLabels: true, canPublish: true })),
      )
      expect(saves.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['ok', 'stale'])
      const version = (await db().select({ v: articles.version }).from(articles).where(eq(articles.id, story.id)))[0]!.v
      expect(version).toBe(2)

      const takenDown = await Promise.all([unpublishArticle(story.id, 2, author.id), unpublishArticle(story.id, 2, author.id)])
      expect(takenDown.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['ok', 'stale'])
      expect(await actions(story.id, 'article.unpublish')).toBe(1)
    }
  })

  it('a save giving a story a label while that label is merged away leaves the story labelled', async () => {
    const author = await createUser()
    for (let round = 0; round < ROUNDS; round++) {
      const target = await createLabel()
      const source = await createLabel({ name: `Sumber ${round}`, slug: `sumber-${round}` })
      const story = await createArticle({ authorId: author.id, status: 'draft', version: 1 })
      const [, saved] = await Promise.all([
        mergeLabels([source.id], target.id),
        saveArticle(story.id, content({ title: story.title, slug: story.slug, labels: [source.name] }), 1, author.id, { canCreateLabels: true, canPublish: true }),
      ])
      expect(saved.ok).toBe(true)
      // Saved first: the merge moved it to the target. Merged first: the save made the label anew.
      const carried = await db()
        .select({ id: labels.id, slug: labels.slug })
        .from(articleLabels)
        .innerJoin(labels, eq(labels.id, articleLabels.labelId))
        .where(eq(articleLabels.articleId, story.id))
      expect(carried).toHaveLength(1)
      expect([target.slug, source.slug]).toContain(carried[0]!.slug)
    }
  })

  it('two merges of featured labels at once both reach the homepage’s featured list', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b, ta, tb] = await Promise.all([createLabel(), createLabel(), createLabel(), createLabel()])
      await updateSiteSettings({ featuredLabelIds: [a!.id, b!.id] })
      await Promise.all([mergeLabels([a!.id], ta!.id), mergeLabels([b!.id], tb!.id)])
      expect((await getSiteSettings()).featuredLabelIds).toEqual([ta!.id, tb!.id])
    }
  })

  it('two admins demoting each other at once leave one admin', async () => {
    // The setup test made one admin: demote it first, so these two are the only ones.
    const before = await db().select({ id: users.id }).from(users).where(eq(users.role, 'admin'))
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = await Promise.all([createUser({ role: 'admin', active: true }), createUser({ role: 'admin', active: true })])
      for (const { id } of before) await db().update(users).set({ role: 'editor' }).where(eq(users.id, id))
      const results = await Promise.allSettled([updateStaffRole(b!.id, 'editor', a!.id), updateStaffRole(a!.id, 'editor', b!.id)])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
      expect(rejected.reason).toBeInstanceOf(LastAdminError)
      const admins = await db().select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true)))
      expect(admins).toHaveLength(1)
      // The survivor steps aside for the next round's pair.
      await db().update(users).set({ role: 'editor' }).where(eq(users.id, admins[0]!.id))
    }
  })

  it('two imports started at once: one holds the slot, the other is told it is running', async () => {
    const view = (id: string) => ({ id, status: 'running' as const, startedAt: new Date().toISOString(), finishedAt: null, error: null })
    const author = await createUser()
    const claims = await Promise.all(
      ['impor-a', 'impor-b'].map((id) => claimImportSlot({ view: view(id), userId: author.id, ownerPid: process.pid }, { isAlive: () => true }, 5)),
    )
    expect(claims.map((c) => c.ok).sort()).toEqual([false, true])
  })

  it('counts every one of a burst of parallel sign-in attempts', async () => {
    const rule = { key: 'acct:race@redaksi.example', free: 100, baseDelayMs: 1000, maxDelayMs: 60_000 }
    const now = new Date()
    const decisions = await Promise.all(Array.from({ length: 8 }, () => beginThrottledAttempt([rule], 3_600_000, now)))
    expect(decisions.every((d) => d.allowed)).toBe(true)
    const row = await queryRow<{ attempts: number }>(db(), sql`SELECT attempts FROM sign_in_throttle WHERE key = ${rule.key}`)
    expect(Number(row?.attempts)).toBe(8)
  })

})
