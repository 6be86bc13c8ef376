// Types for the plain-JavaScript run-time settings (next-run-time.mjs).
export const DEFAULT_PAGE_CACHE_BYTES: number
export function pageCacheBytes(env?: Record<string, string | undefined>): number
export function withRunTimeSettings<C extends { experimental?: object }>(
  config: C,
  env?: Record<string, string | undefined>,
): C & { cacheMaxMemorySize: number; experimental: NonNullable<C['experimental']> & { isrFlushToDisk: false } }
export const BUILT_CONFIG_FILE: string
export function serverConfigJson(dir: string, env?: Record<string, string | undefined>): string | null
