import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getWriteConnection , write } from '@/db'
import { articleLabels, articles, auditLog, importedEntries, labels, redirects, settings } from '@/db/tables'
import { createArticle, createLabel as makeLabel, createUser } from '@/tests/factories'
import { listArticlesByLabel } from './articles'
import { createLabel, listLabelsForDesk, SlugTakenError, updateLabel } from './labels-desk'
import { deleteLabel, InvalidMergeError, LabelNotFoundError, mergeLabels } from './labels-desk-merge'
import { recordRedirect } from './redirects'
import { getSiteSettings, updateSiteSettings } from './settings'

const db = () => getWriteConnection()
const linksOf = async (articleId: number) =>
  await db()
    .select({ labelId: articleLabels.labelId, position: articleLabels.position, publishedAt: articleLabels.publishedAt })
    .from(articleLabels)
    .where(eq(articleLabels.articleId, articleId))
    .orderBy(articleLabels.position)
const redirectMap = async () => Object.fromEntries((await db().select().from(redirects)).map((r) => [r.fromPath, r.toPath]))

let author: number
beforeEach(async () => {
  await db().delete(articleLabels)
  await db().delete(articles)
  await db().delete(labels)
  await db().delete(redirects)
  await db().delete(settings)
  await db().delete(auditLog)
  await db().delete(importedEntries)
  author ??= (await createUser({ role: 'reporter' })).id
})

describe('listLabelsForDesk', () => {
  it('lists labels A–Z ignoring case, with published and other counts', async () => {
    const sport = await makeLabel({ name: 'olahraga', slug: 'olahraga' })
    const Sport = await makeLabel({ name: 'Olahraga', slug: 'olahraga-2' })
    const empty = await makeLabel({ name: 'Zebra', slug: 'zebra' })
    const apel = await makeLabel({ name: 'apel', slug: 'apel' })
    await createArticle({ authorId: author, labelIds: [sport.id, Sport.id] })
    await createArticle({ authorId: author, labelIds: [sport.id] })
    await createArticle({ authorId: author, labelIds: [sport.id], status: 'draft' })
    const { items, nextCursor } = await listLabelsForDesk()
    expect(items.map((l) => l.name)).toEqual(['apel', 'olahraga', 'Olahraga', 'Zebra'])
    expect(items.find((l) => l.id === sport.id)).toMatchObject({ publishedCount: 2, otherCount: 1 })
    expect(items.find((l) => l.id === Sport.id)).toMatchObject({ publishedCount: 1, otherCount: 0 })
    expect(items.find((l) => l.id === empty.id)).toMatchObject({ publishedCount: 0, otherCount: 0 })
    expect(items.find((l) => l.id === apel.id)).toMatchObject({ publishedCount: 0 })
    expect(nextCursor).toBeNull()
  })

  it('pages by name and searches names and slugs, treating % and _ literally', async () => {
    for (const name of ['Banjir', 'banjir bandang', 'Banjir_rob', 'Cuaca', '100% Lokal']) await makeLabel({ name })
    const first = await listLabelsForDesk({ limit: 2 })
    expect(first.items.map((l) => l.name)).toEqual(['100% Lokal', 'Banjir'])
    const second = await listLabelsForDesk({ limit: 2, after: first.nextCursor })
    expect(second.items.map((l) => l.name)).toEqual(['banjir bandang', 'Banjir_rob'])
    const third = await listLabelsForDesk({ limit: 2, after: second.nextCursor })
    expect(third.items.map((l) => l.name)).toEqual(['Cuaca'])
    expect(third.nextCursor).toBeNull()
    expect((await listLabelsForDesk({ q: 'BANJIR' })).items).toHaveLength(3)
    expect((await listLabelsForDesk({ q: '_' })).items.map((l) => l.name)).toEqual(['Banjir_rob'])
    expect((await listLabelsForDesk({ q: '%' })).items.map((l) => l.name)).toEqual(['100% Lokal'])
  })
})

describe('mergeLabels', () => {
  // Batches of one story: every story of the merge moves in a statement of its own.
  it.each([{ batch: undefined }, { batch: 1 }])('moves every story to the target once, at the lowest position, and deletes the sources (batch $batch)', async ({ batch }) => {
    const target = await makeLabel({ name: 'Olahraga', slug: 'olahraga' })
    const a = await makeLabel({ name: 'olah raga', slug: 'olah-raga' })
    const b = await makeLabel({ name: 'Olah-raga', slug: 'olah-raga-2' })
    const other = await makeLabel({ name: 'Bola', slug: 'bola' })
    const both = await createArticle({ authorId: author, labelIds: [other.id, target.id, a.id] }) // target 1, a 2
    const sectioned = await createArticle({ authorId: author, labelIds: [a.id, other.id, target.id] }) // a 0, target 2
    const twoSources = await createArticle({ authorId: author, labelIds: [b.id, a.id] })
    const draft = await createArticle({ authorId: author, labelIds: [b.id], status: 'draft' })

    const result = await mergeLabels([a.id, b.id, a.id], target.id, author, { batch })

    expect(result.target).toMatchObject({ id: target.id, slug: 'olahraga' })
    expect(result.sources.map((s) => s.id).sort()).toEqual([a.id, b.id].sort())
    expect(result.stories).toBe(4)
    expect((await linksOf(both.id)).map((l) => [l.labelId, l.position])).toEqual([
      [other.id, 0],
      [target.id, 1],
    ])
    expect((await linksOf(sectioned.id)).map((l) => [l.labelId, l.position])).toEqual([
      [target.id, 0],
      [other.id, 1],
    ])
    expect((await linksOf(twoSources.id)).map((l) => [l.labelId, l.position])).toEqual([[target.id, 0]])
    expect(await linksOf(draft.id)).toEqual([{ labelId: target.id, position: 0, publishedAt: null }])
    expect((await db().select().from(labels).where(eq(labels.id, a.id)).limit(1))[0]).toBeUndefined()
    expect((await db().select().from(labels).where(eq(labels.id, b.id)).limit(1))[0]).toBeUndefined()
    // Moved rows joined the archive index: the target's archive lists all three public stories.
    expect((await listArticlesByLabel(target.id, 1)).items.map((c) => c.id).sort()).toEqual([both.id, sectioned.id, twoSources.id].sort())
    expect((await listLabelsForDesk()).items.find((l) => l.id === target.id)).toMatchObject({ publishedCount: 3, otherCount: 1 })
  })

  it('301s the sources’ archive and feed URLs to the target, collapsing chains and never looping', async () => {
    const target = await makeLabel({ slug: 'pilkada' })
    const source = await makeLabel({ slug: 'pemilu-daerah' })
    // An older redirect into the source, and one out of the target's own path.
    await write(() => recordRedirect('/label/pilkada-2020', '/label/pemilu-daerah', 'manual'))
    await db().insert(redirects).values({ fromPath: '/label/pilkada', toPath: '/label/pemilu-daerah' })

    await mergeLabels([source.id], target.id)

    expect(await redirectMap()).toEqual({
      '/label/pemilu-daerah': '/label/pilkada',
      '/label/pemilu-daerah/feed.xml': '/label/pilkada/feed.xml',
      '/label/pilkada-2020': '/label/pilkada',
    })
    for (const r of (await db().select().from(redirects))) {
      expect(r.code).toBe(301)
      expect(r.fromPath).not.toBe(r.toPath)
    }
  })

  it('upserts on from_path when a label comes back under an old slug and is merged again', async () => {
    const first = await makeLabel({ slug: 'hukum' })
    const target = await makeLabel({ slug: 'hukum-kriminal' })
    await mergeLabels([first.id], target.id)
    const again = await makeLabel({ slug: 'hukum-baru' })
    await updateLabel(target.id, { name: 'Hukum', slug: 'hukum', description: '' })
    // The live label took /label/hukum back: nothing redirects away from it, nothing loops.
    expect(await redirectMap()).toEqual({ '/label/hukum-kriminal': '/label/hukum', '/label/hukum-kriminal/feed.xml': '/label/hukum/feed.xml' })
    await mergeLabels([target.id], again.id)
    expect(await redirectMap()).toEqual({
      '/label/hukum': '/label/hukum-baru',
      '/label/hukum/feed.xml': '/label/hukum-baru/feed.xml',
      '/label/hukum-kriminal': '/label/hukum-baru',
      '/label/hukum-kriminal/feed.xml': '/label/hukum-baru/feed.xml',
    })
  })

  it('swaps merged labels for the target among the featured labels, and writes an audit row', async () => {
    const target = await makeLabel()
    const a = await makeLabel()
    const keep = await makeLabel()
    await updateSiteSettings({ featuredLabelIds: [a.id, keep.id, target.id] })
    await mergeLabels([a.id], target.id, author)
    expect((await getSiteSettings()).featuredLabelIds).toEqual([target.id, keep.id])
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, target.id))
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: author, action: 'label:merge', entity: 'label', detail: { sources: [{ id: a.id }] } })
  })

  it('re-points imported label entries at the target, leaving other kinds alone', async () => {
    const target = await makeLabel()
    const a = await makeLabel()
    const b = await makeLabel()
    const other = await makeLabel()
    const entry = async (kind: 'label' | 'post', externalId: string, entityId: number) =>
      await db().insert(importedEntries).values({ source: 'blogger', kind, externalId, entityId })
    await entry('label', 'kota saraipanjang', a.id)
    await entry('label', 'kota sarai panjaang', b.id)
    await entry('label', 'kota sarai panjang', target.id)
    await entry('label', 'opini', other.id)
    await entry('post', '1234', a.id) // a post whose id happens to equal a source label's
    await mergeLabels([a.id, b.id], target.id)
    const rows = await db()
      .select({ kind: importedEntries.kind, externalId: importedEntries.externalId, entityId: importedEntries.entityId })
      .from(importedEntries)
    expect(Object.fromEntries(rows.map((r) => [`${r.kind}:${r.externalId}`, r.entityId]))).toEqual({
      'label:kota saraipanjang': target.id,
      'label:kota sarai panjaang': target.id,
      'label:kota sarai panjang': target.id,
      'label:opini': other.id,
      'post:1234': a.id,
    })
  })

  it('refuses an empty merge, a target among its sources and unknown labels, changing nothing', async () => {
    const target = await makeLabel()
    const a = await makeLabel()
    const story = await createArticle({ authorId: author, labelIds: [a.id] })
    await expect(mergeLabels([], target.id)).rejects.toThrow(InvalidMergeError)
    await expect(mergeLabels([a.id, target.id], target.id)).rejects.toThrow(InvalidMergeError)
    await expect(mergeLabels([a.id, 999_999], target.id)).rejects.toThrow(LabelNotFoundError)
    await expect(mergeLabels([a.id], 999_999)).rejects.toThrow(LabelNotFoundError)
    expect((await linksOf(story.id)).map((l) => l.labelId)).toEqual([a.id])
    expect(await redirectMap()).toEqual({})
  })
})

describe('deleteLabel', () => {
  it.each([{ batch: undefined }, { batch: 1 }])('keeps the stories, moves their later labels up, and forgets the label everywhere (batch $batch)', async ({ batch }) => {
    const gone = await makeLabel({ slug: 'sementara' })
    const next = await makeLabel()
    const story = await createArticle({ authorId: author, labelIds: [gone.id, next.id] })
    const third = await createArticle({ authorId: author, labelIds: [next.id, gone.id] })
    await write(() => recordRedirect('/label/lama', '/label/sementara', 'manual'))
    await updateSiteSettings({ featuredLabelIds: [gone.id, next.id] })

    const result = await deleteLabel(gone.id, author, { batch })

    expect(result?.stories).toBe(2)
    expect((await linksOf(third.id)).map((l) => [l.labelId, l.position])).toEqual([[next.id, 0]])
    expect((await db().select().from(articles).where(eq(articles.id, story.id)).limit(1))[0]).toBeDefined()
    expect((await linksOf(story.id)).map((l) => [l.labelId, l.position])).toEqual([[next.id, 0]])
    expect(await redirectMap()).toEqual({})
    expect((await getSiteSettings()).featuredLabelIds).toEqual([next.id])
    expect(await db().select().from(auditLog).where(eq(auditLog.entityId, gone.id))).toMatchObject([{ action: 'label:delete', actorId: author }])
    expect(await deleteLabel(gone.id)).toBeNull()
  })
})

describe('createLabel and updateLabel', () => {
  it('keeps the slug on a rename and records 301s when the slug changes', async () => {
    const label = await makeLabel({ name: 'Ekonomi', slug: 'ekonomi' })
    await updateLabel(label.id, { name: 'Ekonomi & Bisnis', slug: 'ekonomi', description: 'Uang dan usaha' })
    expect(await redirectMap()).toEqual({})
    expect((await db().select().from(labels).where(eq(labels.id, label.id)).limit(1))[0]).toMatchObject({ name: 'Ekonomi & Bisnis', slug: 'ekonomi' })
    const result = await updateLabel(label.id, { name: 'Ekonomi & Bisnis', slug: 'ekonomi-bisnis', description: '' })
    expect(result).toEqual({ before: { slug: 'ekonomi', name: 'Ekonomi & Bisnis' }, after: { slug: 'ekonomi-bisnis', name: 'Ekonomi & Bisnis' } })
    expect(await redirectMap()).toEqual({ '/label/ekonomi': '/label/ekonomi-bisnis', '/label/ekonomi/feed.xml': '/label/ekonomi-bisnis/feed.xml' })
    expect(await updateLabel(999_999, { name: 'x', slug: 'x', description: '' })).toBeNull()
  })

  it('refuses a slug another label uses, and a new label takes its URL back from old redirects', async () => {
    await makeLabel({ slug: 'daerah' })
    const other = await makeLabel({ slug: 'nasional' })
    await expect(createLabel({ name: 'Daerah', slug: 'daerah', description: '' })).rejects.toThrow(SlugTakenError)
    await expect(updateLabel(other.id, { name: 'x', slug: 'daerah', description: '' })).rejects.toThrow(SlugTakenError)
    await write(() => recordRedirect('/label/budaya', '/label/nasional', 'manual'))
    const created = await createLabel({ name: 'Budaya', slug: 'budaya', description: '' })
    expect(created.slug).toBe('budaya')
    expect(await redirectMap()).toEqual({})
  })
})
