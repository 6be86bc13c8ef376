import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getArticleForEdit } from '@/db/queries/articles-desk'
import { getPublishedArticle } from '@/db/queries/articles'
import { TAGS } from '@/lib/cache-tags'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import { startScheduler, type Scheduler } from './scheduler'

vi.mock('next/cache', () => ({ updateTag: vi.fn() }))

/*
 * Fake timers drive the scheduler's clock, but not a database's I/O: on PostgreSQL a tick's
 * queries travel over a socket and end in real time, after advanceTimersByTimeAsync returns. So
 * setImmediate stays real, and `ticks()` waits (in real time) until a given number of ticks has
 * published, before the test looks or advances the clock again (the next tick is scheduled only
 * when one ends). On SQLite the tick is done by then anyway.
 */
let published = 0
const countTicks = async (publish: () => Promise<void>) => {
  await publish()
  published++
  return true
}
async function ticks(n: number) {
  const until = Date.now() + 10_000 // the faked Date: a bound in ticks of the loop instead
  for (let spins = 0; published < n; spins++) {
    if (spins > 200_000 || Date.now() > until) throw new Error(`waited for ${n} ticks, saw ${published}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
  // Let the tick's revalidation and the next timer's scheduling run.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('startScheduler', () => {
  let scheduler: Scheduler | undefined
  beforeEach(() => {
    published = 0
    vi.useFakeTimers({ now: new Date('2026-08-16T23:59:30Z'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  })
  afterEach(() => {
    scheduler?.stop()
    vi.useRealTimers()
  })

  it('publishes a scheduled article on its own at its time and revalidates every page it shows on', async () => {
    const author = (await createUser()).id
    const label = (await createLabel()).id
    const at = new Date('2026-08-17T00:00:00Z') // 07.00 WIB
    const a = await createArticle({ authorId: author, labelIds: [label], status: 'scheduled', publishedAt: at, pathMonth: null })
    const calls: string[][] = []
    scheduler = startScheduler({ intervalMs: 15_000, revalidate: async (tags) => void calls.push(tags), exclusive: countTicks })
    await vi.advanceTimersByTimeAsync(0)
    await ticks(1)

    await vi.advanceTimersByTimeAsync(15_000) // 23:59:45: not yet
    await ticks(2)
    expect((await getArticleForEdit(a.id))!.status).toBe('scheduled')
    expect(calls).toEqual([])

    await vi.advanceTimersByTimeAsync(15_000) // 00:00:00
    await ticks(3)
    expect(await getArticleForEdit(a.id)).toMatchObject({ status: 'published', pathMonth: '2026/08' })
    expect((await getPublishedArticle('2026/08', a.slug))?.id).toBe(a.id)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toEqual(
      expect.arrayContaining([TAGS.latest, TAGS.sitemaps, TAGS.article(a.id), TAGS.authorList(author), TAGS.labelList(label), TAGS.articlePath('2026/08', a.slug)]),
    )

    for (let n = 4; n <= 7; n++) {
      await vi.advanceTimersByTimeAsync(15_000)
      await ticks(n)
    }
    expect(calls).toHaveLength(1)
  })

  it('retries a failed revalidation on the next tick and keeps running', async () => {
    const author = (await createUser()).id
    const a = await createArticle({ authorId: author, status: 'scheduled', publishedAt: new Date('2026-08-16T23:59:00Z'), pathMonth: null })
    const calls: string[][] = []
    let fail = true
    const errors: unknown[] = []
    scheduler = startScheduler({
      intervalMs: 15_000,
      revalidate: async (tags) => {
        calls.push(tags)
        if (fail) throw new Error('server not ready')
      },
      onError: (e) => void errors.push(e),
      exclusive: countTicks,
    })
    await vi.advanceTimersByTimeAsync(0)
    await ticks(1)
    expect((await getArticleForEdit(a.id))!.status).toBe('published')
    expect(errors).toHaveLength(1)
    fail = false
    await vi.advanceTimersByTimeAsync(15_000)
    await ticks(2)
    expect(calls).toHaveLength(2)
    expect(calls[1]).toContain(TAGS.article(a.id))
    await vi.advanceTimersByTimeAsync(15_000)
    await ticks(3)
    expect(calls).toHaveLength(2)
  })

  it('stops when asked', async () => {
    const revalidate = vi.fn(async () => {})
    scheduler = startScheduler({ intervalMs: 1000, revalidate })
    scheduler.stop()
    const a = await createArticle({ authorId: (await createUser()).id, status: 'scheduled', publishedAt: new Date('2026-08-16T23:00:00Z'), pathMonth: null })
    await vi.advanceTimersByTimeAsync(5000)
    expect((await getArticleForEdit(a.id))!.status).toBe('scheduled')
  })
})
