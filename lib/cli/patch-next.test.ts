import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PATCHES, patchNext } from './patch-next.mjs'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('the change to the installed Next.js (lib/cli/patch-next.mjs)', () => {
  it('is in place in every server runtime: npm install applied it, and this Next still has the code it changes', () => {
    const nextDir = path.resolve('node_modules/next')
    for (const { file, to } of PATCHES) {
      const source = fs.readFileSync(path.join(nextDir, file), 'utf8')
      expect(source.includes(to), `${file} is not patched: run npm install, or bring lib/cli/patch-next.mjs up to date with this Next.js`).toBe(true)
    }
  })

  it('patches once, and leaves a file it does not recognise as it is', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patch-next-'))
    dirs.push(dir)
    const [first, second] = PATCHES
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      fs.writeFileSync(path.join(dir, file), text)
    }
    write(first!.file, `before;${first!.from}after;`)
    write(second!.file, 'a Next.js that was rewritten;')
    const states = (results: ReturnType<typeof patchNext>) => Object.fromEntries(results.map((r) => [r.file, r.state]))

    expect(states(patchNext(dir))).toMatchObject({ [first!.file]: 'patched', [second!.file]: 'not-found', [PATCHES[2]!.file]: 'missing' })
    expect(fs.readFileSync(path.join(dir, first!.file), 'utf8')).toBe(`before;${first!.to}after;`)
    expect(fs.readFileSync(path.join(dir, second!.file), 'utf8')).toBe('a Next.js that was rewritten;')
    expect(states(patchNext(dir))).toMatchObject({ [first!.file]: 'already' })
    expect(fs.readFileSync(path.join(dir, first!.file), 'utf8')).toBe(`before;${first!.to}after;`)
  })

  it('measures a fetch-cache item still, as the 2 MB check needs', () => {
    const measuring = PATCHES.filter((p) => p.from.includes('JSON.stringify'))
    expect(measuring).toHaveLength(9)
    for (const { to } of measuring) expect(to).toMatch(/fetchCache\s*\?\s*JSON\.stringify\(\w+\)\.length\s*:\s*0/)
  })
})

describe("Next's page cache with the change (next/dist/server/lib/incremental-cache/memory-cache.external.js)", () => {
  // The installed module, as every server runtime requires it. Its cache is one per process: this
  // test file is the only user in its process (vitest isolates test files).
  const require = createRequire(import.meta.url)
  type Entry = { value: { kind: string; html?: unknown; body?: Buffer; rscData?: Buffer; headers?: object; status?: number } | null; lastModified: number }
  type Lru = {
    set(key: string, entry: Entry): boolean
    get(key: string): Entry | undefined
    totalSize: number
    cache: Map<string, { data: Entry }>
  }
  const { getMemoryCache } = require('next/dist/server/lib/incremental-cache/memory-cache.external.js') as {
    getMemoryCache(maxBytes: number): Lru
  }
  const { CachedRouteKind } = require('next/dist/server/response-cache/types.js') as { CachedRouteKind: Record<string, string> }
  const cache = getMemoryCache(1024 * 1024)

  it("keeps a page's HTML as UTF-8 bytes, counts it at that size, and hands back the same string", () => {
    const html = '<!DOCTYPE html><p>Warga · Desa… ' + 'x'.repeat(1000) + '</p>'
    const rscData = Buffer.from('0:["rsc"]')
    const page: Entry = { value: { kind: CachedRouteKind.APP_PAGE!, html, rscData, headers: { 'x-next-cache-tags': 'a,b' }, status: 200 }, lastModified: 1 }
    const before = cache.totalSize
    cache.set('/2024/05/page', page)

    const kept = cache.cache.get('/2024/05/page')!.data
    expect(Buffer.isBuffer(kept.value!.html)).toBe(true)
    expect(cache.totalSize - before).toBe('/2024/05/page'.length + Buffer.byteLength(html) + rscData.length)
    // The caller's entry is left as it was.
    expect(page.value!.html).toBe(html)

    const read = cache.get('/2024/05/page')!
    expect(read.value).toEqual({ kind: CachedRouteKind.APP_PAGE, html, rscData, headers: { 'x-next-cache-tags': 'a,b' }, status: 200 })
    expect(read.lastModified).toBe(1)
    // Every read is a string again, as Next expects of a kept page.
    expect(typeof cache.get('/2024/05/page')!.value!.html).toBe('string')
  })

  it('leaves other kinds of entries, and empty ones, as they are', () => {
    const route: Entry = { value: { kind: CachedRouteKind.APP_ROUTE!, body: Buffer.from('<rss/>'), headers: {}, status: 200 }, lastModified: 2 }
    cache.set('/feed.xml', route)
    expect(cache.get('/feed.xml')).toBe(route)
    const missing: Entry = { value: null, lastModified: 3 }
    cache.set('/hilang', missing)
    expect(cache.get('/hilang')).toBe(missing)
    expect(cache.get('/never-kept')).toBeUndefined()
  })
})
