import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILT_CONFIG_FILE, DEFAULT_PAGE_CACHE_BYTES, serverConfigJson, withRunTimeSettings } from './next-run-time.mjs'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function projectWith(builtFile: string | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'next-run-time-'))
  dirs.push(dir)
  if (builtFile !== null) {
    fs.mkdirSync(path.join(dir, '.next'))
    fs.writeFileSync(path.join(dir, BUILT_CONFIG_FILE), builtFile)
  }
  return dir
}

describe('the settings a server reads at start (lib/next-run-time.mjs)', () => {
  it('sizes the page cache from WARTA_PAGE_CACHE_BYTES and keeps pages off the disk, leaving the rest as built', () => {
    const built = { cacheComponents: true, cacheMaxMemorySize: 1, experimental: { isrFlushToDisk: true, other: 'kept' } }
    expect(withRunTimeSettings(built, {})).toEqual({
      cacheComponents: true,
      cacheMaxMemorySize: DEFAULT_PAGE_CACHE_BYTES,
      experimental: { isrFlushToDisk: false, other: 'kept' },
    })
    expect(withRunTimeSettings(built, { WARTA_PAGE_CACHE_BYTES: String(8 * 1024 * 1024) }).cacheMaxMemorySize).toBe(8 * 1024 * 1024)
    expect(() => withRunTimeSettings(built, { WARTA_PAGE_CACHE_BYTES: '48MB' })).toThrow(/WARTA_PAGE_CACHE_BYTES/)
    // The build's own object is not changed.
    expect(built.experimental.isrFlushToDisk).toBe(true)
  })

  it("gives Next the build's resolved config with those settings, as its standalone server starts with", () => {
    const config = { distDir: '.next', cacheHandlers: { default: '../lib/cache/page-cache-handler.mjs' }, experimental: { isrFlushToDisk: true } }
    const dir = projectWith(JSON.stringify({ version: 1, config, files: [] }))
    expect(JSON.parse(serverConfigJson(dir, { WARTA_PAGE_CACHE_BYTES: String(2 * 1024 * 1024) })!)).toEqual({
      ...config,
      cacheMaxMemorySize: 2 * 1024 * 1024,
      experimental: { isrFlushToDisk: false },
    })
  })

  it('leaves Next to load next.config.ts when there is no build, or no config in it', () => {
    expect(serverConfigJson(projectWith(null), {})).toBeNull()
    expect(serverConfigJson(projectWith('{ not json'), {})).toBeNull()
    expect(serverConfigJson(projectWith(JSON.stringify({ version: 1 })), {})).toBeNull()
  })

  it('still refuses a page cache size that is not a size, with a build to read', () => {
    const dir = projectWith(JSON.stringify({ config: {} }))
    expect(() => serverConfigJson(dir, { WARTA_PAGE_CACHE_BYTES: '-1' })).toThrow(/WARTA_PAGE_CACHE_BYTES/)
  })
})
