import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { articleLabels, articles, auditLog, importedEntries, labels, redirects, settings } from '@/db/schema'
import { createArticle, createLabel as makeLabel, createUser } from '@/tests/factories'
import { listArticlesByLabel } from './articles'
import {
  createLabel,
  deleteLabel,
  InvalidMergeError,
  LabelNotFoundError,
  listLabelsForDesk,
  mergeLabels,
  SlugTakenError,
  updateLabel,
} from './labels-desk'
import { addRedirect } from './redirects'
import { getSiteSettings, updateSiteSettings } from './settings'

const db = () => getDb()
const linksOf = (articleId: number) =>
  db()
    .select({ labelId: articleLabels.labelId, position: articleLabels.position, publishedAt: articleLabels.publishedAt })
    .from(articleLabels)
    .where(eq(articleLabels.articleId, articleId))
    .orderBy(articleLabels.position)
    .all()
const redirectMap = () => Object.fromEntries(db().select().from(redirects).all().map((r) => [r.fromPath, r.toPath]))

let author: number
beforeEach(() => {
  db().delete(articleLabels).run()
  db().delete(articles).run()
  db().delete(labels).run()
  db().delete(redirects).run()
  db().delete(settings).run()
  db().delete(auditLog).run()
  db().delete(importedEntries).run()
  author ??= createUser({ role: 'reporter' }).id
})

describe('listLabelsForDesk', () => {
  it('lists labels A–Z ignoring case, with published and other counts', () => {
    const sport = makeLabel({ name: 'olahraga', slug: 'olahraga' })
    const Sport = makeLabel({ name: 'Olahraga', slug: 'olahraga-2' })
    const empty = makeLabel({ name: 'Zebra', slug: 'zebra' })
    const apel = makeLabel({ name: 'apel', slug: 'apel' })
    createArticle({ authorId: author, labelIds: [sport.id, Sport.id] })
    createArticle({ authorId: author, labelIds: [sport.id] })
    createArticle({ authorId: author, labelIds: [sport.id], status: 'draft' })
    const { items, nextCursor } = listLabelsForDesk()
    expect(items.map((l) => l.name)).toEqual(['apel', 'olahraga', 'Olahraga', 'Zebra'])
    expect(items.find((l) => l.id === sport.id)).toMatchObject({ publishedCount: 2, otherCount: 1 })
    expect(items.find((l) => l.id === Sport.id)).toMatchObject({ publishedCount: 1, otherCount: 0 })
    expect(items.find((l) => l.id === empty.id)).toMatchObject({ publishedCount: 0, otherCount: 0 })
    expect(items.find((l) => l.id === apel.id)).toMatchObject({ publishedCount: 0 })
    expect(nextCursor).toBeNull()
  })

  it('pages by name and searches names and slugs, treating % and _ literally', () => {
    for (const name of ['Banjir', 'banjir bandang', 'Banjir_rob', 'Cuaca', '100% Lokal']) makeLabel({ name })
    const first = listLabelsForDesk({ limit: 2 })
    expect(first.items.map((l) => l.name)).toEqual(['100% Lokal', 'Banjir'])
    const second = listLabelsForDesk({ limit: 2, after: first.nextCursor })
    expect(second.items.map((l) => l.name)).toEqual(['banjir bandang', 'Banjir_rob'])
    const third = listLabelsForDesk({ limit: 2, after: second.nextCursor })
    expect(third.items.map((l) => l.name)).toEqual(['Cuaca'])
    expect(third.nextCursor).toBeNull()
    expect(listLabelsForDesk({ q: 'BANJIR' }).items).toHaveLength(3)
    expect(listLabelsForDesk({ q: '_' }).items.map((l) => l.name)).toEqual(['Banjir_rob'])
    expect(listLabelsForDesk({ q: '%' }).items.map((l) => l.name)).toEqual(['100% Lokal'])
  })
})

describe('mergeLabels', () => {
  it('moves every story to the target once, at the lowest position, and deletes the sources', () => {
    const target = makeLabel({ name: 'Olahraga', slug: 'olahraga' })
    const a = makeLabel({ name: 'olah raga', slug: 'olah-raga' })
    const b = makeLabel({ name: 'Olah-raga', slug: 'olah-raga-2' })
    const other = makeLabel({ name: 'Bola', slug: 'bola' })
    const both = createArticle({ authorId: author, labelIds: [other.id, target.id, a.id] }) // target 1, a 2
    const sectioned = createArticle({ authorId: author, labelIds: [a.id, other.id, target.id] }) // a 0, target 2
    const twoSources = createArticle({ authorId: author, labelIds: [b.id, a.id] })
    const draft = createArticle({ authorId: author, labelIds: [b.id], status: 'draft' })

    const result = mergeLabels([a.id, b.id, a.id], target.id, author)

    expect(result.target).toMatchObject({ id: target.id, slug: 'olahraga' })
    expect(result.sources.map((s) => s.id).sort()).toEqual([a.id, b.id].sort())
    expect(result.articles.map((x) => x.id).sort()).toEqual([both.id, sectioned.id, twoSources.id, draft.id].sort())
    expect(linksOf(both.id).map((l) => [l.labelId, l.position])).toEqual([
      [other.id, 0],
      [target.id, 1],
    ])
    expect(linksOf(sectioned.id).map((l) => [l.labelId, l.position])).toEqual([
      [target.id, 0],
      [other.id, 1],
    ])
    expect(linksOf(twoSources.id).map((l) => [l.labelId, l.position])).toEqual([[target.id, 0]])
    expect(linksOf(draft.id)).toEqual([{ labelId: target.id, position: 0, publishedAt: null }])
    expect(db().select().from(labels).where(eq(labels.id, a.id)).get()).toBeUndefined()
    expect(db().select().from(labels).where(eq(labels.id, b.id)).get()).toBeUndefined()
    // Moved rows joined the archive index: the target's archive lists all three public stories.
    expect(listArticlesByLabel(target.id, 1).items.map((c) => c.id).sort()).toEqual([both.id, sectioned.id, twoSources.id].sort())
    expect(listLabelsForDesk().items.find((l) => l.id === target.id)).toMatchObject({ publishedCount: 3, otherCount: 1 })
  })

  it('301s the sources’ archive and feed URLs to the target, collapsing chains and never looping', () => {
    const target = makeLabel({ slug: 'pilkada' })
    const source = makeLabel({ slug: 'pemilu-daerah' })
    // An older redirect into the source, and one out of the target's own path.
    addRedirect('/label/pilkada-2020', '/label/pemilu-daerah', 'manual')
    db().insert(redirects).values({ fromPath: '/label/pilkada', toPath: '/label/pemilu-daerah' }).run()

    mergeLabels([source.id], target.id)

    expect(redirectMap()).toEqual({
      '/label/pemilu-daerah': '/label/pilkada',
      '/label/pemilu-daerah/feed.xml': '/label/pilkada/feed.xml',
      '/label/pilkada-2020': '/label/pilkada',
    })
    for (const r of db().select().from(redirects).all()) {
      expect(r.code).toBe(301)
      expect(r.fromPath).not.toBe(r.toPath)
    }
  })

  it('upserts on from_path when a label comes back under an old slug and is merged again', () => {
    const first = makeLabel({ slug: 'hukum' })
    const target = makeLabel({ slug: 'hukum-kriminal' })
    mergeLabels([first.id], target.id)
    const again = makeLabel({ slug: 'hukum-baru' })
    updateLabel(target.id, { name: 'Hukum', slug: 'hukum', description: '' })
    // The live label took /label/hukum back: nothing redirects away from it, nothing loops.
    expect(redirectMap()).toEqual({ '/label/hukum-kriminal': '/label/hukum', '/label/hukum-kriminal/feed.xml': '/label/hukum/feed.xml' })
    mergeLabels([target.id], again.id)
    expect(redirectMap()).toEqual({
      '/label/hukum': '/label/hukum-baru',
      '/label/hukum/feed.xml': '/label/hukum-baru/feed.xml',
      '/label/hukum-kriminal': '/label/hukum-baru',
      '/label/hukum-kriminal/feed.xml': '/label/hukum-baru/feed.xml',
    })
  })

  it('swaps merged labels for the target among the featured labels, and writes an audit row', () => {
    const target = makeLabel()
    const a = makeLabel()
    const keep = makeLabel()
    updateSiteSettings({ featuredLabelIds: [a.id, keep.id, target.id] })
    mergeLabels([a.id], target.id, author)
    expect(getSiteSettings().featuredLabelIds).toEqual([target.id, keep.id])
    const audit = db().select().from(auditLog).where(eq(auditLog.entityId, target.id)).all()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: author, action: 'label:merge', entity: 'label', detail: { sources: [{ id: a.id }] } })
  })

  it('re-points imported label entries at the target, leaving other kinds alone', () => {
    const target = makeLabel()
    const a = makeLabel()
    const b = makeLabel()
    const other = makeLabel()
    const entry = (kind: 'label' | 'post', externalId: string, entityId: number) =>
      db().insert(importedEntries).values({ source: 'blogger', kind, externalId, entityId }).run()
    entry('label', 'kota saraipanjang', a.id)
    entry('label', 'kota sarai panjaang', b.id)
    entry('label', 'kota sarai panjang', target.id)
    entry('label', 'opini', other.id)
    entry('post', '1234', a.id) // a post whose id happens to equal a source label's
    mergeLabels([a.id, b.id], target.id)
    const rows = db()
      .select({ kind: importedEntries.kind, externalId: importedEntries.externalId, entityId: importedEntries.entityId })
      .from(importedEntries)
      .all()
    expect(Object.fromEntries(rows.map((r) => [`${r.kind}:${r.externalId}`, r.entityId]))).toEqual({
      'label:kota saraipanjang': target.id,
      'label:kota sarai panjaang': target.id,
      'label:kota sarai panjang': target.id,
      'label:opini': other.id,
      'post:1234': a.id,
    })
  })

  it('refuses an empty merge, a target among its sources and unknown labels, changing nothing', () => {
    const target = makeLabel()
    const a = makeLabel()
    const story = createArticle({ authorId: author, labelIds: [a.id] })
    expect(() => mergeLabels([], target.id)).toThrow(InvalidMergeError)
    expect(() => mergeLabels([a.id, target.id], target.id)).toThrow(InvalidMergeError)
    expect(() => mergeLabels([a.id, 999_999], target.id)).toThrow(LabelNotFoundError)
    expect(() => mergeLabels([a.id], 999_999)).toThrow(LabelNotFoundError)
    expect(linksOf(story.id).map((l) => l.labelId)).toEqual([a.id])
    expect(redirectMap()).toEqual({})
  })
})

describe('deleteLabel', () => {
  it('keeps the stories, moves their later labels up, and forgets the label everywhere', () => {
    const gone = makeLabel({ slug: 'sementara' })
    const next = makeLabel()
    const story = createArticle({ authorId: author, labelIds: [gone.id, next.id] })
    addRedirect('/label/lama', '/label/sementara', 'manual')
    updateSiteSettings({ featuredLabelIds: [gone.id, next.id] })

    const result = deleteLabel(gone.id, author)

    expect(result?.articles).toEqual([{ id: story.id, authorId: author }])
    expect(db().select().from(articles).where(eq(articles.id, story.id)).get()).toBeDefined()
    expect(linksOf(story.id).map((l) => [l.labelId, l.position])).toEqual([[next.id, 0]])
    expect(redirectMap()).toEqual({})
    expect(getSiteSettings().featuredLabelIds).toEqual([next.id])
    expect(db().select().from(auditLog).where(eq(auditLog.entityId, gone.id)).all()).toMatchObject([{ action: 'label:delete', actorId: author }])
    expect(deleteLabel(gone.id)).toBeNull()
  })
})

describe('createLabel and updateLabel', () => {
  it('keeps the slug on a rename and records 301s when the slug changes', () => {
    const label = makeLabel({ name: 'Ekonomi', slug: 'ekonomi' })
    updateLabel(label.id, { name: 'Ekonomi & Bisnis', slug: 'ekonomi', description: 'Uang dan usaha' })
    expect(redirectMap()).toEqual({})
    expect(db().select().from(labels).where(eq(labels.id, label.id)).get()).toMatchObject({ name: 'Ekonomi & Bisnis', slug: 'ekonomi' })
    const result = updateLabel(label.id, { name: 'Ekonomi & Bisnis', slug: 'ekonomi-bisnis', description: '' })
    expect(result).toEqual({ before: { slug: 'ekonomi', name: 'Ekonomi & Bisnis' }, after: { slug: 'ekonomi-bisnis', name: 'Ekonomi & Bisnis' } })
    expect(redirectMap()).toEqual({ '/label/ekonomi': '/label/ekonomi-bisnis', '/label/ekonomi/feed.xml': '/label/ekonomi-bisnis/feed.xml' })
    expect(updateLabel(999_999, { name: 'x', slug: 'x', description: '' })).toBeNull()
  })

  it('refuses a slug another label uses, and a new label takes its URL back from old redirects', () => {
    makeLabel({ slug: 'daerah' })
    const other = makeLabel({ slug: 'nasional' })
    expect(() => createLabel({ name: 'Daerah', slug: 'daerah', description: '' })).toThrow(SlugTakenError)
    expect(() => updateLabel(other.id, { name: 'x', slug: 'daerah', description: '' })).toThrow(SlugTakenError)
    addRedirect('/label/budaya', '/label/nasional', 'manual')
    const created = createLabel({ name: 'Budaya', slug: 'budaya', description: '' })
    expect(created.slug).toBe('budaya')
    expect(redirectMap()).toEqual({})
  })
})
