import 'server-only'
import { publishDueArticles } from '@/db/queries/articles-desk'
import { articleChangeTags } from '@/lib/cache/article'
import { expireTags } from '@/lib/cache/expire'

export type SchedulerOptions = {
  /** How often to look for due articles. Default 15 s: a scheduled story is live within that. */
  intervalMs?: number
  /**
   * Expires the given cache tags in every server process. Default: the shared tag store
   * (lib/cache/expire.ts); tests pass their own.
   */
  revalidate?: (tags: string[]) => Promise<unknown>
  now?: () => Date
  onError?: (error: unknown) => void
  /**
   * Runs the publishing step of a tick only if no other server is running one (a Redis lock
   * with REDIS_URL set; ADR 018); resolves to false when another holds it. Default: runs it.
   * Publishing stays exactly-once without it: the write transaction checks the status.
   */
  exclusive?: (publish: () => Promise<void>) => Promise<boolean>
}

export type Scheduler = {
  /** One pass now: publishes what is due and revalidates. Resolves to how many went live. */
  tick: () => Promise<number>
  stop: () => void
}

/**
 * Publishes scheduled articles when their time comes, without anyone clicking: every
 * `intervalMs` (and once at start, to catch up after downtime) it flips due articles to
 * published, then revalidates every page they appear on. Ticks never overlap; tags whose
 * revalidation failed are retried on the next tick (the articles are already live in the
 * database, so only the cached pages lag).
 */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  const intervalMs = opts.intervalMs ?? 15_000
  const now = opts.now ?? (() => new Date())
  const onError = opts.onError ?? ((error: unknown) => console.error('scheduler: tick failed', error))
  const revalidate = opts.revalidate ?? expireTags
  const pending = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let running: Promise<number> | null = null

  const exclusive = opts.exclusive ?? (async (publish: () => Promise<void>) => (await publish(), true))

  async function runTick(): Promise<number> {
    let count = 0
    await exclusive(async () => {
      const published = await publishDueArticles(now())
      for (const footprint of published) for (const tag of await articleChangeTags(null, footprint)) pending.add(tag)
      count = published.length
    })
    // Outside the lock: this server's failed expiries are retried even while another server
    // holds the lock at its ticks.
    if (pending.size > 0) {
      const tags = [...pending]
      await revalidate(tags)
      for (const tag of tags) pending.delete(tag)
    }
    return count
  }

  function tick(): Promise<number> {
    running ??= runTick().finally(() => {
      running = null
    })
    return running
  }

  function loop() {
    if (stopped) return
    tick()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs)
      })
  }

  timer = setTimeout(loop, 0)
  return {
    tick,
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
