/*
 * Small helpers for specs that watch several servers from outside: a story's address, a status
 * without following redirects, and polling until something holds.
 */

/** WIB month of now, as a story published now gets it in its address. */
export function currentPathMonth(): string {
  const wib = new Date(Date.now() + 7 * 3600_000)
  return `${wib.getUTCFullYear()}/${String(wib.getUTCMonth() + 1).padStart(2, '0')}`
}

/** The status `base + url` answers, redirects not followed. */
export async function status(base: string, url: string): Promise<number> {
  return (await fetch(base + url, { redirect: 'manual' })).status
}

/** Polls until `check` passes; resolves to how long it took, throws after `ms`. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now()
  for (;;) {
    if (await check()) return Date.now() - started
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
