// The event loop and the write lock are SQLite's concern here (PostgreSQL answers asynchronously
// and locks rows): this file runs on SQLite whatever TEST_DIALECT says. What a merge and a deletion
// leave behind is tested on both in labels-desk.test.ts.
import '@/tests/sqlite-only'
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { articleLabels, labels } from '@/db/tables'
import { createLabel, createUser } from '@/tests/factories'
import { longestStall } from '@/tests/event-loop'
import { listLabelsForDesk } from './labels-desk'
import { deleteLabel, mergeLabels } from './labels-desk-merge'

/*
 * Merging or deleting a big label at archive size (issue 9 #1: nothing may hold a server process's
 * event loop for more than 50 ms; #6: the write lock is held in short slices, so that saves
 * elsewhere are acknowledged within a second). On the 100,000-story site, merging a label of 22,078
 * stories held both for 1,083 ms in one transaction, and deleting one of 41,916 for 431 ms.
 */
const STORIES = 20_000
const NEWEST = Date.UTC(2026, 0, 1)
let authorId: number

beforeAll(async () => {
  authorId = (await createUser()).id
}, 60_000)

/** A label on `count` generated stories (every third a draft), with a second label on half of them. */
async function labelWithStories(prefix: string, count: number): Promise<{ label: number; other: number }> {
  const label = (await createLabel()).id
  const other = (await createLabel()).id
  const db = getWriteConnection()
  await db.run(sql`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${count - 1})
    INSERT INTO articles (title, slug, path_month, body_html, author_id, status, published_at)
    SELECT 'Cerita ' || i, ${prefix} || i, '2025/12', '<p>Isi.</p>', ${authorId},
      CASE WHEN i % 3 = 0 THEN 'draft' ELSE 'published' END, ${NEWEST} - i * 60000
    FROM n`)
  await db.run(sql`
    INSERT INTO article_labels (article_id, label_id, position)
    SELECT id, ${other}, 0 FROM articles WHERE slug LIKE ${prefix + '%'} AND id % 2 = 0`)
  await db.run(sql`
    INSERT INTO article_labels (article_id, label_id, position)
    SELECT id, ${label}, CASE WHEN id % 2 = 0 THEN 1 ELSE 0 END FROM articles WHERE slug LIKE ${prefix + '%'}`)
  return { label, other }
}

const storiesOf = async (labelId: number) =>
  (await getWriteConnection().select({ n: sql<number>`count(*)` }).from(articleLabels).where(eq(articleLabels.labelId, labelId)))[0]!.n

/**
 * The longest stall of three rounds' least: each round runs `round` on labels of its own, so that
 * a busy machine pausing the process once is not taken for the write.
 */
async function leastStall<T>(round: (i: number) => Promise<T>): Promise<{ stall: number; stalls: number[]; results: T[] }> {
  const stalls: number[] = []
  const results: T[] = []
  for (let i = 0; i < 3; i++) {
    let result: T | undefined
    stalls.push(
      await longestStall(async () => {
        result = await round(i)
      }),
    )
    results.push(result!)
  }
  return { stall: Math.min(...stalls), stalls, results }
}

describe('a big label', () => {
  it('is merged without holding the event loop or the write lock, and every story moves', async () => {
    const rounds: Array<{ source: number; other: number; target: number }> = []
    for (let i = 0; i < 3; i++) {
      const { label, other } = await labelWithStories(`gabung-${i}-`, STORIES)
      rounds.push({ source: label, other, target: (await createLabel()).id })
    }
    const { stall, stalls, results } = await leastStall((i) => mergeLabels([rounds[i]!.source], rounds[i]!.target))
    expect(stall, `the longest stall of each round: ${stalls.map((ms) => ms.toFixed(1)).join(', ')} ms`).toBeLessThan(50)
    const { source, other, target } = rounds[0]!
    expect(results[0]?.stories).toBe(STORIES)
    expect(await storiesOf(target)).toBe(STORIES)
    expect(await storiesOf(other)).toBe(STORIES / 2)
    expect((await getWriteConnection().select().from(labels).where(eq(labels.id, source)))).toEqual([])
    const counted = (await listLabelsForDesk()).items.find((l) => l.id === target)
    expect(counted).toMatchObject({ publishedCount: STORIES - Math.ceil(STORIES / 3), otherCount: Math.ceil(STORIES / 3) })
  })

  it('is deleted without holding the event loop or the write lock, and its stories keep their other label', async () => {
    const rounds: Array<{ label: number; other: number }> = []
    for (let i = 0; i < 3; i++) rounds.push(await labelWithStories(`hapus-${i}-`, STORIES))
    const { stall, stalls, results } = await leastStall((i) => deleteLabel(rounds[i]!.label))
    expect(stall, `the longest stall of each round: ${stalls.map((ms) => ms.toFixed(1)).join(', ')} ms`).toBeLessThan(50)
    const { label, other } = rounds[0]!
    expect(results[0]?.stories).toBe(STORIES)
    expect(await storiesOf(label)).toBe(0)
    // The label was second on the stories carrying both: their first stays first.
    const positions = await getWriteConnection()
      .select({ position: articleLabels.position, n: sql<number>`count(*)` })
      .from(articleLabels)
      .where(eq(articleLabels.labelId, other))
      .groupBy(articleLabels.position)
    expect(positions).toEqual([{ position: 0, n: STORIES / 2 }])
  })
})
