import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { articles } from '@/db/tables'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import {
  getPublishedArticle,
  getStoryCompanions,
  listArticlesByAuthor,
  listArticlesByLabel,
  listArticlesPublishedBetween,
  listLatestArticles,
  listLatestArticlesByLabel,
  listNeighbourIds,
  listRelatedFollowerIds,
  RELATED_WINDOW,
  PAGE_SIZE,
} from './articles'
import { jakartaRange } from '@/lib/dates'

describe('article lists', () => {
  let authorId: number
  let labelId: number
  let otherLabelId: number
  const ids: number[] = []

  beforeAll(async () => {
    authorId = (await createUser()).id
    labelId = (await createLabel()).id
    otherLabelId = (await createLabel()).id
    // 41 public stories one hour apart in the label: pages of 20, 20 and 1.
    for (let i = 0; i < 41; i++) {
      ids.push((await createArticle({ authorId, labelIds: [labelId], publishedAt: new Date(Date.UTC(2024, 4, 1) + i * 3_600_000) })).id)
    }
    await createArticle({ authorId, labelIds: [labelId], status: 'draft' })
    await createArticle({ authorId, labelIds: [labelId], status: 'scheduled', publishedAt: new Date(Date.UTC(2030, 0, 1)) })
  })

  it('pages a label newest first, 20 a page, and says when another page follows', async () => {
    const p1 = await listArticlesByLabel(labelId, 1)
    const p2 = await listArticlesByLabel(labelId, 2)
    const p3 = await listArticlesByLabel(labelId, 3)
    expect(p1.items.map((a) => a.id)).toEqual(ids.slice(-20).reverse())
    expect(p1.hasNext).toBe(true)
    expect(p2.items.map((a) => a.id)).toEqual(ids.slice(1, 21).reverse())
    expect(p3.items.map((a) => a.id)).toEqual([ids[0]])
    expect(p3.hasNext).toBe(false)
    expect((await listArticlesByLabel(labelId, 4)).items).toEqual([])
  })

  it('lists a label block without the stories the homepage already shows, hydrating only what it returns', async () => {
    const newest = [...ids].reverse()
    expect((await listLatestArticlesByLabel(labelId, 3)).map((c) => c.id)).toEqual(newest.slice(0, 3))
    const shown = [newest[0]!, newest[2]!, 999_999]
    expect((await listLatestArticlesByLabel(labelId, 3, shown)).map((c) => c.id)).toEqual([newest[1], newest[3], newest[4]])
  })

  it('never lists drafts or scheduled stories', async () => {
    const all = (await Promise.all([1, 2, 3].map(async (n) => (await listArticlesByLabel(labelId, n)).items))).flat()
    expect(all).toHaveLength(41)
    expect((await listLatestArticles(100)).every((a) => ids.includes(a.id))).toBe(true)
  })

  it('drops a story from its label archive when it is unpublished, and brings it back', async () => {
    const id = ids.at(-1)!
    await getWriteConnection().update(articles).set({ status: 'unpublished' }).where(eq(articles.id, id))
    expect((await listArticlesByLabel(labelId, 1)).items.map((a) => a.id)).not.toContain(id)
    await getWriteConnection().update(articles).set({ status: 'published' }).where(eq(articles.id, id))
    expect((await listArticlesByLabel(labelId, 1)).items[0]?.id).toBe(id)
  })

  it('pages by author and by date range the same way', async () => {
    expect((await listArticlesByAuthor(authorId, 1)).items).toHaveLength(PAGE_SIZE)
    expect((await listArticlesByAuthor(authorId, 3)).items).toHaveLength(1)
    const { start, end } = jakartaRange(2024, 5)
    const may = await listArticlesPublishedBetween(start, end, 1)
    expect(may.items).toHaveLength(PAGE_SIZE)
    expect(may.hasNext).toBe(true)
  })

  it('finds an article by its URL month and slug only', async () => {
    const row = (await getWriteConnection().select().from(articles).where(eq(articles.id, ids[5]!)).limit(1))[0]!
    expect((await getPublishedArticle(row.pathMonth!, row.slug))?.id).toBe(row.id)
    expect(await getPublishedArticle('1999/01', row.slug)).toBeNull()
  })

  it('links neighbours and related stories', async () => {
    const mid = (await getWriteConnection().select().from(articles).where(eq(articles.id, ids[10]!)).limit(1))[0]!
    const { previous, next } = await getStoryCompanions(mid.id, [], mid.publishedAt!)
    expect(previous?.id).toBe(ids[9])
    expect(next?.id).toBe(ids[11])
    const shared = await createArticle({ authorId, labelIds: [labelId, otherLabelId] })
    const onlyOther = await createArticle({ authorId, labelIds: [otherLabelId] })
    const companions = await getStoryCompanions(onlyOther.id, [labelId, otherLabelId], onlyOther.publishedAt!)
    expect(companions.related[0]?.id).toBe(shared.id)
    // The story just before is also the most related one: one card, shown in both places.
    expect(companions.previous?.id).toBe(shared.id)
  })

  it('takes related stories only from before a story, so a new story reaches a bounded set of pages', async () => {
    const first = await createArticle({ authorId, labelIds: [otherLabelId] })
    const later = await createArticle({ authorId, labelIds: [otherLabelId] })
    expect((await getStoryCompanions(first.id, [otherLabelId], first.publishedAt!)).related.map((c) => c.id)).not.toContain(later.id)
    expect((await getStoryCompanions(later.id, [otherLabelId], later.publishedAt!)).related.map((c) => c.id)).toContain(first.id)
    // The mirror: whose related lists a story can appear on.
    const followers = await listRelatedFollowerIds(first.id, [otherLabelId], first.publishedAt!)
    expect(followers).toContain(later.id)
    expect(followers.length).toBeLessThanOrEqual(RELATED_WINDOW)
    expect(await listRelatedFollowerIds(later.id, [otherLabelId], later.publishedAt!)).toEqual([])
  })

  it('finds the neighbours of a place in the order, leaving the story itself out', async () => {
    const mid = (await getWriteConnection().select().from(articles).where(eq(articles.id, ids[10]!)).limit(1))[0]!
    expect(await listNeighbourIds(mid.id, mid.publishedAt!)).toEqual([ids[9], ids[11]])
  })
})
