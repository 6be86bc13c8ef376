/*
 * A counter on globalThis that tells this process's redirect check (server.mjs) to re-read the
 * redirect table at once instead of within a second. instrumentation.ts, route handlers and
 * server actions are separate bundles in one Node process, so a module-level variable would not be shared between them.
 */
const KEY = Symbol.for('warta.redirects.generation')

type Holder = typeof globalThis & { [KEY]?: number }

/** Bumped after a write to redirects or retractions in this process, and by /api/revalidate. */
export function noteRedirectsChanged(): void {
  const g = globalThis as Holder
  g[KEY] = (g[KEY] ?? 0) + 1
}

export function getRedirectsGeneration(): number {
  return (globalThis as Holder)[KEY] ?? 0
}
