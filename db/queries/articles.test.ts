import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { articles } from '@/db/schema'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import {
  getAdjacentArticles,
  getPublishedArticle,
  listArticlesByAuthor,
  listArticlesByLabel,
  listArticlesPublishedBetween,
  listLatestArticles,
  listLatestArticlesByLabel,
  listNeighbourIds,
  listRelatedArticles,
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

  beforeAll(() => {
    authorId = createUser().id
    labelId = createLabel().id
    otherLabelId = createLabel().id
    // 41 public stories one hour apart in the label: pages of 20, 20 and 1.
    for (let i = 0; i < 41; i++) {
      ids.push(createArticle({ authorId, labelIds: [labelId], publishedAt: new Date(Date.UTC(2024, 4, 1) + i * 3_600_000) }).id)
    }
    createArticle({ authorId, labelIds: [labelId], status: 'draft' })
    createArticle({ authorId, labelIds: [labelId], status: 'scheduled', publishedAt: new Date(Date.UTC(2030, 0, 1)) })
  })

  it('pages a label newest first, 20 a page, and says when another page follows', () => {
    const p1 = listArticlesByLabel(labelId, 1)
    const p2 = listArticlesByLabel(labelId, 2)
    const p3 = listArticlesByLabel(labelId, 3)
    expect(p1.items.map((a) => a.id)).toEqual(ids.slice(-20).reverse())
    expect(p1.hasNext).toBe(true)
    expect(p2.items.map((a) => a.id)).toEqual(ids.slice(1, 21).reverse())
    expect(p3.items.map((a) => a.id)).toEqual([ids[0]])
    expect(p3.hasNext).toBe(false)
    expect(listArticlesByLabel(labelId, 4).items).toEqual([])
  })

  it('lists a label block without the stories the homepage already shows, hydrating only what it returns', () => {
    const newest = [...ids].reverse()
    expect(listLatestArticlesByLabel(labelId, 3).map((c) => c.id)).toEqual(newest.slice(0, 3))
    const shown = [newest[0]!, newest[2]!, 999_999]
    expect(listLatestArticlesByLabel(labelId, 3, shown).map((c) => c.id)).toEqual([newest[1], newest[3], newest[4]])
  })

  it('never lists drafts or scheduled stories', () => {
    const all = [1, 2, 3].flatMap((n) => listArticlesByLabel(labelId, n).items)
    expect(all).toHaveLength(41)
    expect(listLatestArticles(100).every((a) => ids.includes(a.id))).toBe(true)
  })

  it('drops a story from its label archive when it is unpublished, and brings it back', () => {
    const id = ids.at(-1)!
    getDb().update(articles).set({ status: 'unpublished' }).where(eq(articles.id, id)).run()
    expect(listArticlesByLabel(labelId, 1).items.map((a) => a.id)).not.toContain(id)
    getDb().update(articles).set({ status: 'published' }).where(eq(articles.id, id)).run()
    expect(listArticlesByLabel(labelId, 1).items[0]?.id).toBe(id)
  })

  it('pages by author and by date range the same way', () => {
    expect(listArticlesByAuthor(authorId, 1).items).toHaveLength(PAGE_SIZE)
    expect(listArticlesByAuthor(authorId, 3).items).toHaveLength(1)
    const { start, end } = jakartaRange(2024, 5)
    const may = listArticlesPublishedBetween(start, end, 1)
    expect(may.items).toHaveLength(PAGE_SIZE)
    expect(may.hasNext).toBe(true)
  })

  it('finds an article by its URL month and slug only', () => {
    const row = getDb().select().from(articles).where(eq(articles.id, ids[5]!)).get()!
    expect(getPublishedArticle(row.pathMonth!, row.slug)?.id).toBe(row.id)
    expect(getPublishedArticle('1999/01', row.slug)).toBeNull()
  })

  it('links neighbours and related stories', () => {
    const mid = getDb().select().from(articles).where(eq(articles.id, ids[10]!)).get()!
    const { previous, next } = getAdjacentArticles(mid.id, mid.publishedAt!)
    expect(previous?.id).toBe(ids[9])
    expect(next?.id).toBe(ids[11])
    const shared = createArticle({ authorId, labelIds: [labelId, otherLabelId] })
    const onlyOther = createArticle({ authorId, labelIds: [otherLabelId] })
    const related = listRelatedArticles(onlyOther.id, [labelId, otherLabelId], onlyOther.publishedAt!, 4)
    expect(related[0]?.id).toBe(shared.id)
  })

  it('takes related stories only from before a story, so a new story reaches a bounded set of pages', () => {
    const first = createArticle({ authorId, labelIds: [otherLabelId] })
    const later = createArticle({ authorId, labelIds: [otherLabelId] })
    expect(listRelatedArticles(first.id, [otherLabelId], first.publishedAt!, 4).map((c) => c.id)).not.toContain(later.id)
    expect(listRelatedArticles(later.id, [otherLabelId], later.publishedAt!, 4).map((c) => c.id)).toContain(first.id)
    // The mirror: whose related lists a story can appear on.
    const followers = listRelatedFollowerIds(first.id, [otherLabelId], first.publishedAt!)
    expect(followers).toContain(later.id)
    expect(followers.length).toBeLessThanOrEqual(RELATED_WINDOW)
    expect(listRelatedFollowerIds(later.id, [otherLabelId], later.publishedAt!)).toEqual([])
  })

  it('finds the neighbours of a place in the order, leaving the story itself out', () => {
    const mid = getDb().select().from(articles).where(eq(articles.id, ids[10]!)).get()!
    expect(listNeighbourIds(mid.id, mid.publishedAt!)).toEqual([ids[9], ids[11]])
  })
})

describe('archive queries use indexes, not scans over articles', () => {
  function plan(sql: string): string {
    return getDb()
      .$client.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n')
  }

  it('pages a label through the archive covering index', () => {
    const p = plan(
      'SELECT article_id FROM article_labels WHERE label_id = 1 AND published_at IS NOT NULL ORDER BY published_at DESC, article_id DESC LIMIT 21 OFFSET 9980',
    )
    expect(p).toMatch(/USING COVERING INDEX article_labels_archive_idx/)
    expect(p).not.toMatch(/TEMP B-TREE/)
  })

  it('pages the latest stories and a date range through the status index', () => {
    const p = plan(
      "SELECT id FROM articles WHERE status = 'published' AND published_at >= 0 AND published_at < 9e15 ORDER BY published_at DESC, id DESC LIMIT 21 OFFSET 9980",
    )
    expect(p).toMatch(/USING COVERING INDEX articles_status_published_idx/)
    expect(p).not.toMatch(/TEMP B-TREE/)
  })

  it('pages an author through the author index', () => {
    const p = plan(
      "SELECT id FROM articles WHERE author_id = 1 AND status = 'published' ORDER BY published_at DESC, id DESC LIMIT 21 OFFSET 9980",
    )
    expect(p).toMatch(/USING COVERING INDEX articles_author_status_published_idx/)
    expect(p).not.toMatch(/TEMP B-TREE/)
  })
})
