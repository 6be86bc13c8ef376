/**
 * What the running server changes in the Next config the build used (next.config.ts for `next dev`
 * and the tests; server.mjs for `npm start`, which hands Next the build's own resolved config
 * instead of letting it compile next.config.ts again: docs/decisions/023-next-cache-set-and-statements.md).
 * Plain JavaScript: server.mjs runs without a TypeScript loader.
 */
import fs from 'node:fs'
import path from 'node:path'
import { bytesSetting } from './env-bytes.mjs'

/**
 * 48 MB of pages counted in bytes (lib/cli/patch-next.mjs keeps their HTML as bytes): about 700 of
 * today's pages, with the front cache (ADR 021) in front of it. 128 MB until 2026-12-05, which a
 * long crawl filled, taking a worker past 430 MB (ADR 023, amended).
 */
export const DEFAULT_PAGE_CACHE_BYTES = 48 * 1024 * 1024

/** Bytes of whole pages each server process keeps (ADR 002); an invalid value stops the start. */
export function pageCacheBytes(env = process.env) {
  return bytesSetting('WARTA_PAGE_CACHE_BYTES', env.WARTA_PAGE_CACHE_BYTES, { fallback: DEFAULT_PAGE_CACHE_BYTES, min: 1024 * 1024 })
}

/**
 * The config with the settings a server reads when it starts, not when it is built:
 * - the page cache's size (WARTA_PAGE_CACHE_BYTES);
 * - pages generated at run time stay in memory only: a page cache on disk would outlive the
 *   database it was made from (a fresh database must never show another's pages), and junk URLs'
 *   404s must not fill the disk (ADR 002). The only switch for it is `experimental.isrFlushToDisk`,
 *   which the running server reads; `next build` lists every experiment that differs from its
 *   default and prints this one as `⨯ isrFlushToDisk`, which reads as an error, and writes its own
 *   output whatever the flag says, so it is set here, for servers only.
 * @template {{ experimental?: object }} C
 * @param {C} config @param {Record<string, string | undefined>} [env]
 * @returns {C & { cacheMaxMemorySize: number, experimental: { isrFlushToDisk: false } }}
 */
export function withRunTimeSettings(config, env = process.env) {
  return { ...config, cacheMaxMemorySize: pageCacheBytes(env), experimental: { ...config.experimental, isrFlushToDisk: false } }
}

/** Where `next build` writes the config it resolved (Next's own standalone server reads it too). */
export const BUILT_CONFIG_FILE = path.join('.next', 'required-server-files.json')

/**
 * The config `next build` resolved from next.config.ts, with the run-time settings, as JSON for
 * Next's `__NEXT_PRIVATE_STANDALONE_CONFIG` (what `output: 'standalone'` servers start with), or
 * null when there is no build to read it from (Next then loads next.config.ts itself).
 * Loading next.config.ts would compile it with Next's SWC binding, which then stays mapped:
 * about 25 MB of each server process's memory.
 * @param {string} dir the project folder @param {Record<string, string | undefined>} [env]
 * @returns {string | null}
 */
export function serverConfigJson(dir, env = process.env) {
  let built
  try {
    built = JSON.parse(fs.readFileSync(path.join(dir, BUILT_CONFIG_FILE), 'utf8')).config
  } catch {
    return null
  }
  if (!built || typeof built !== 'object') return null
  return JSON.stringify(withRunTimeSettings(built, env))
}
