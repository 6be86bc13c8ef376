import { write } from '@/db'
import type { ArticleContent } from '@/db/queries/articles-desk'
import { articleLabels, articles, labels, users, type ArticleStatus } from '@/db/tables'
import { toPathMonth } from '@/lib/dates'

let seq = 0

export async function createUser(overrides: Partial<typeof users.$inferInsert> = {}) {
  seq += 1
  const values = { name: `Penulis ${seq}`, slug: `penulis-${seq}`, email: `p${seq}@test.example`, role: 'reporter' as const, ...overrides }
  return write(async (tx) => (await tx.insert(users).values(values).returning())[0]!)
}

export async function createLabel(overrides: Partial<typeof labels.$inferInsert> = {}) {
  seq += 1
  const values = { name: `Label ${seq}`, slug: `label-${seq}`, ...overrides }
  return write(async (tx) => (await tx.insert(labels).values(values).returning())[0]!)
}

/** Inserts an article (published by default, URL month from its publication time) with labels. */
export async function createArticle(
  input: { authorId: number; labelIds?: number[]; status?: ArticleStatus; publishedAt?: Date } & Partial<
    typeof articles.$inferInsert
  >,
) {
  seq += 1
  const { labelIds = [], status = 'published', publishedAt = new Date(Date.UTC(2024, 0, 1) + seq * 60_000), ...rest } = input
  const n = seq
  return write(async (db) => {
    const row = (await db
      .insert(articles)
      .values({
        title: `Berita nomor ${n}`,
        slug: `berita-nomor-${n}`,
        bodyHtml: `<p>Isi berita nomor ${n}.</p>`,
        status,
        publishedAt,
        pathMonth: status === 'draft' ? null : toPathMonth(publishedAt),
        ...rest,
      })
      .returning())[0]!
    for (const [position, labelId] of labelIds.entries()) await db.insert(articleLabels).values({ articleId: row.id, labelId, position })
    return row
  })
}

/** What the article editor sends on save, with the fields a test cares about overridden. */
export function articleContent(overrides: Partial<ArticleContent> = {}): ArticleContent {
  return {
    title: 'Banjir merendam Padang',
    slug: null,
    dateline: 'Padang',
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
    ...overrides,
  }
}
