import { getDb } from '@/db'
import { articleLabels, articles, labels, users, type ArticleStatus } from '@/db/schema'
import { toPathMonth } from '@/lib/dates'

let seq = 0

export function createUser(overrides: Partial<typeof users.$inferInsert> = {}) {
  seq += 1
  return getDb()
    .insert(users)
    .values({ name: `Penulis ${seq}`, slug: `penulis-${seq}`, email: `p${seq}@test.example`, role: 'reporter', ...overrides })
    .returning()
    .get()
}

export function createLabel(overrides: Partial<typeof labels.$inferInsert> = {}) {
  seq += 1
  return getDb()
    .insert(labels)
    .values({ name: `Label ${seq}`, slug: `label-${seq}`, ...overrides })
    .returning()
    .get()
}

/** Inserts an article (published by default, URL month from its publication time) with labels. */
export function createArticle(
  input: { authorId: number; labelIds?: number[]; status?: ArticleStatus; publishedAt?: Date } & Partial<
    typeof articles.$inferInsert
  >,
) {
  seq += 1
  const { labelIds = [], status = 'published', publishedAt = new Date(Date.UTC(2024, 0, 1) + seq * 60_000), ...rest } = input
  const db = getDb()
  const row = db
    .insert(articles)
    .values({
      title: `Berita nomor ${seq}`,
      slug: `berita-nomor-${seq}`,
      bodyHtml: `<p>Isi berita nomor ${seq}.</p>`,
      status,
      publishedAt,
      pathMonth: status === 'draft' ? null : toPathMonth(publishedAt),
      ...rest,
    })
    .returning()
    .get()
  labelIds.forEach((labelId, position) => db.insert(articleLabels).values({ articleId: row.id, labelId, position }).run())
  return row
}
