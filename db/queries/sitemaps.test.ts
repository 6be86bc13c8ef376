import { describe, expect, it } from 'vitest'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import {
  countSitemapAuthors,
  countSitemapLabels,
  getSitemapMonthStats,
  iterateSitemapArticles,
  listNewsSitemapArticles,
  listSitemapAuthors,
  listSitemapLabels,
  listSitemapMonths,
} from './sitemaps'

describe('sitemap queries', () => {
  it('lists months, splits a month into files and streams every story exactly once', async () => {
    const author = await createUser()
    const label = await createLabel()
    const august = []
    for (let i = 0; i < 7; i++) {
      august.push(await createArticle({ authorId: author.id, labelIds: [label.id], publishedAt: new Date(Date.UTC(2023, 7, 1 + i, 3)) }))
    }
    // 31 July 20:00 UTC is 1 August 03:00 in Jakarta: an August story.
    const edge = await createArticle({ authorId: author.id, publishedAt: new Date(Date.UTC(2023, 6, 31, 20)) })
    await createArticle({ authorId: author.id, publishedAt: new Date(Date.UTC(2023, 6, 10)) })
    await createArticle({ authorId: author.id, status: 'draft', publishedAt: new Date(Date.UTC(2023, 7, 9)) })
    const updated = await createArticle({ authorId: author.id, publishedAt: new Date(Date.UTC(2023, 7, 20)), updatedAt: new Date(Date.UTC(2023, 9, 1)) })

    const months = (await listSitemapMonths()).filter((m) => m.year === 2023)
    expect(months.map((m) => [m.month, m.count])).toEqual([
      [8, 9],
      [7, 1],
    ])
    expect(months[0]!.lastmod.toISOString()).toBe('2023-10-01T00:00:00.000Z')

    // Files of 4 URLs, read 3 rows per query.
    const pages = []
    for (const page of [1, 2, 3]) {
      const rows = []
      for await (const row of (await iterateSitemapArticles(2023, 8, page, 4, 3))) rows.push(row)
      pages.push(rows)
    }
    expect(pages.map((p) => p.length)).toEqual([4, 4, 1])
    const slugs = pages.flat().map((a) => a.slug)
    expect(new Set(slugs).size).toBe(9)
    expect(slugs).toContain(edge.slug)
    expect(slugs).toEqual(expect.arrayContaining(august.map((a) => a.slug)))
    expect(pages.flat().find((a) => a.slug === updated.slug)?.lastmod.toISOString()).toBe('2023-10-01T00:00:00.000Z')

    const stats = await getSitemapMonthStats(2023, 8)
    expect(stats.count).toBe(9)
    expect(await countSitemapLabels()).toBeGreaterThanOrEqual(1)
    expect(await countSitemapAuthors()).toBeGreaterThanOrEqual(1)
    expect((await listSitemapLabels(1)).map((l) => l.slug)).toContain(label.slug)
  })

  it('the news list holds recent non-sponsored stories only, newest first', async () => {
    const author = await createUser()
    const now = Date.now()
    const fresh = await createArticle({ authorId: author.id, publishedAt: new Date(now - 60 * 60 * 1000) })
    const fresher = await createArticle({ authorId: author.id, publishedAt: new Date(now - 10 * 60 * 1000) })
    const sponsored = await createArticle({ authorId: author.id, publishedAt: new Date(now - 5 * 60 * 1000), isSponsored: true, sponsorName: 'PT Contoh' })
    const old = await createArticle({ authorId: author.id, publishedAt: new Date(now - 3 * 24 * 60 * 60 * 1000) })
    const slugs = (await listNewsSitemapArticles(new Date(now - 2 * 24 * 60 * 60 * 1000))).map((a) => a.slug)
    expect(slugs.slice(0, 2)).toEqual([fresher.slug, fresh.slug])
    expect(slugs).not.toContain(sponsored.slug)
    expect(slugs).not.toContain(old.slug)
    expect(await listNewsSitemapArticles(new Date(0), 1)).toHaveLength(1)
  })
})
