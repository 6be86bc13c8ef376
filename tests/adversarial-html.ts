/*
 * Hostile bodies for the "every pattern on user input is linear" tests (issue 10, finding 3).
 * Each input is as long as the longest body a save accepts (ARTICLE_LIMITS.body, 500,000
 * characters) and is built around one shape that makes a backtracking pattern go quadratic or
 * worse. Each is sized so that the patterns the finding named need seconds for it, while linear
 * code needs milliseconds.
 */

/** The longest body a save accepts (ARTICLE_LIMITS.body). */
export const HOSTILE_LENGTH = 500_000

/** Runs of `unit` (`run` copies each), each followed by `between`, up to HOSTILE_LENGTH. */
export function runs(unit: string, run: number, between = 'x'): string {
  const segment = unit.repeat(run) + between
  return segment.repeat(Math.ceil(HOSTILE_LENGTH / segment.length)).slice(0, HOSTILE_LENGTH)
}

/** `count` copies of `unit` spread evenly through HOSTILE_LENGTH characters of `filler`. */
export function sprinkled(unit: string, count: number, filler = 'a'): string {
  const gap = Math.floor(HOSTILE_LENGTH / count) - unit.length
  if (gap < 0) throw new Error(`${count} × ${JSON.stringify(unit)} do not fit`)
  return (unit + filler.repeat(gap)).repeat(count).padEnd(HOSTILE_LENGTH, filler)
}

/**
 * The best of a few timed runs of `fn(input)`, in milliseconds: a busy machine can stretch one
 * run, a quadratic pattern stretches all of them. Stops after a run over `giveUpMs`: it failed.
 */
export function bestTimeMs(fn: (input: string) => unknown, input: string, tries = 5, giveUpMs = 1_000): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i < tries; i++) {
    const started = performance.now()
    fn(input)
    best = Math.min(best, performance.now() - started)
    if (best < LINEAR_BUDGET_MS / 2 || best > giveUpMs) break
  }
  return best
}

/** What a 500 KB body may cost any one cleaner (finding 3). */
export const LINEAR_BUDGET_MS = 100
