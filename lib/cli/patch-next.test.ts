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

  it('skips the throwaway HTML render and the segment data at run time only: next build still does both', () => {
    const runTimeOnly = PATCHES.filter((p) => p.to.includes('isBuildTimePrerendering'))
    expect(runTimeOnly).toHaveLength(10)
    for (const { from, to } of runTimeOnly) {
      expect(to.replace(/ \/\* warta: lib\/cli\/patch-next\.mjs \*\//, '')).not.toBe(from)
      expect(to).toMatch(/&& ?(?:\w+\.)?isBuildTimePrerendering\)|!\w+\.isBuildTimePrerendering\)/)
    }
  })

  it('measures a fetch-cache item still, as the 2 MB check needs', () => {
    const measuring = PATCHES.filter((p) => p.from.includes('JSON.stringify'))
    expect(measuring).toHaveLength(9)
    for (const { to } of measuring) expect(to).toMatch(/fetchCache\s*\?\s*JSON\.stringify\(\w+\)\.length\s*:\s*0/)
  })
})

describe('what the run-time render changes rely on (lib/cli/patch-next.mjs, changes 3 and 4)', () => {
  // Next renders a page's HTML once before the real render only so that client modules loaded by a
  // dynamic import() have arrived. Turbopack's server runtime requires client chunks synchronously,
  // so that render is skipped at run time; a client module that loads code dynamically would
  // leave a hole in the real render instead.
  const extensions = ['.ts', '.tsx', '.mjs', '.js']
  const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
  const isClientModule = (text: string) => /^['"]use client['"]/.test(withoutComments(text).trimStart())
  const sourceFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) return sourceFiles(full)
      return extensions.includes(path.extname(entry.name)) && !/\.test\.|\.d\.m?ts$/.test(entry.name) ? [full] : []
    })
  const resolveLocal = (from: string, specifier: string): string | null => {
    const base = specifier.startsWith('@/') ? path.resolve(specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : null
    if (!base) return null
    for (const candidate of [base, ...extensions.map((e) => base + e), ...extensions.map((e) => path.join(base, `index${e}`))]) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
    }
    return null
  }
  /** Every module of this repository a client module reaches through static imports. */
  const clientGraph = () => {
    const seen = new Set<string>()
    const queue = ['app', 'components', 'lib'].flatMap(sourceFiles).filter((f) => isClientModule(fs.readFileSync(f, 'utf8')))
    const clientModules = queue.length
    while (queue.length > 0) {
      const file = queue.pop()!
      if (seen.has(file)) continue
      seen.add(file)
      for (const m of withoutComments(fs.readFileSync(file, 'utf8')).matchAll(/(?:^|[\s;])(?:import|export)\s(?:[^'"]*?\sfrom\s*)?['"]([^'"]+)['"]/g)) {
        const target = resolveLocal(file, m[1]!)
        if (target) queue.push(target)
      }
    }
    return { clientModules, files: [...seen] }
  }
  const asksForPrefetch = (text: string) => /['"]next\/link['"]|\.prefetch\s*\(/.test(withoutComments(text))
  const loadsDynamically = (text: string) => /\bimport\s*\(|\blazy\s*\(|['"]next\/dynamic['"]/.test(withoutComments(text))

  it('no client component, nor any module of ours it imports, loads code with import(), lazy() or next/dynamic', () => {
    const { clientModules, files } = clientGraph()
    expect(clientModules).toBeGreaterThan(5)
    expect(files.length).toBeGreaterThan(clientModules)
    expect(files.filter((f) => loadsDynamically(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(process.cwd(), f))).toEqual([])
  })

  it('nothing asks for prefetch segments, which run-time renders no longer collect (change 4): no next/link, no router.prefetch', () => {
    const all = ['app', 'components', 'lib'].flatMap(sourceFiles)
    expect(all.length).toBeGreaterThan(100)
    const prefetching = all.filter((f) => asksForPrefetch(fs.readFileSync(f, 'utf8')))
    expect(prefetching.map((f) => path.relative(process.cwd(), f))).toEqual([])
  })

  it('would see one that did', () => {
    expect(loadsDynamically("const Map = lazy(() => import('./map'))")).toBe(true)
    expect(loadsDynamically("import dynamic from 'next/dynamic'")).toBe(true)
    expect(loadsDynamically("/** @param {import('node:http').IncomingMessage} req */\nexport const a = 1 // import('x')")).toBe(false)
    expect(isClientModule("// a comment\n'use client'\nexport {}")).toBe(true)
    expect(isClientModule("import 'server-only'\n'use client'")).toBe(false)
    expect(asksForPrefetch("import Link from 'next/link'")).toBe(true)
    expect(asksForPrefetch('router.prefetch(href)')).toBe(true)
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
