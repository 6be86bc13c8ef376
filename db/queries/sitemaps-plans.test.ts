// These tests are about SQLite's query planner (EXPLAIN QUERY PLAN): this file runs on SQLite
// whatever TEST_DIALECT says. Moved from sitemaps.test.ts, which runs on both.
import '@/tests/sqlite-only'
import { describe, expect, it } from 'vitest'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import { captureStatements } from '@/tests/query-plans'
import { countSitemapAuthors, countSitemapLabels, getSitemapMonthStats, listSitemapAuthors, listSitemapLabels, listSitemapMonths } from './sitemaps'

describe('the sitemap index reads bounded ranges', () => {
  it('finding 3: months, labels and authors are read a row per month, label and author (every story was grouped: 1.4 s at 100,000 stories)', async () => {
    const author = await createUser()
    const label = await createLabel()
    for (let i = 0; i < 5; i++) await createArticle({ authorId: author.id, labelIds: [label.id], publishedAt: new Date(Date.UTC(2022, i, 3)) })
    const ran = await captureStatements(async () => {
      await listSitemapMonths()
      await getSitemapMonthStats(2022, 2)
      await countSitemapLabels()
      await listSitemapLabels(1)
      await countSitemapAuthors()
      await listSitemapAuthors(1)
    })
    expect(ran.length).toBeGreaterThanOrEqual(6)
    for (const statement of ran) {
      const plan = statement.plan.join(' | ')
      // No pass over every story (or every story's labels), and no grouping of them.
      expect(plan, statement.sql).not.toMatch(/SCAN (articles|article_labels)\b|TEMP B-TREE FOR (GROUP BY|DISTINCT)|USING (COVERING )?INDEX \w+ \(status=\?\)/)
    }
    expect((await listSitemapMonths()).filter((m) => m.year === 2022).map((m) => [m.month, m.count])).toEqual([5, 4, 3, 2, 1].map((m) => [m, 1]))
    expect((await listSitemapAuthors(1)).map((a) => a.slug)).toContain(author.slug)
    expect((await listSitemapLabels(1)).find((l) => l.slug === label.slug)?.lastmod.toISOString()).toBe('2022-05-03T00:00:00.000Z')
  })
})
