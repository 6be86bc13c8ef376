/**
 * `npm install` runs this (package.json's postinstall): four changes to the installed Next.js, for
 * speed and memory only (docs/decisions/023-next-cache-set-and-statements.md).
 *
 * 1. Next's IncrementalCache.set measures every entry it keeps with `JSON.stringify(entry).length`,
 *    to refuse fetch-cache items over 2 MB. It does so for whole pages too, where the figure is
 *    never used: a page's entry holds its HTML and its RSC payload as a Buffer, which
 *    JSON.stringify turns into an array of numbers. That is 5–13 ms of the event loop per page
 *    rendered (of about 40) and several hundred kilobytes of garbage. The change measures
 *    fetch-cache items only, as the check that reads the figure does.
 * 2. Next's in-memory page cache (`memory-cache.external.js`, one module every server runtime
 *    requires) keeps a page's HTML as a JavaScript string. A page with one character outside
 *    Latin-1 (every page here: "…", "·") is a two-byte string, so 45 KB of HTML took 90 KB of the
 *    JavaScript heap, which the garbage collector walks and moves, while the cache's size limit
 *    counted 45 KB. The change keeps the HTML as UTF-8 bytes (a Buffer, outside the heap, counted
 *    at its true size) and hands Next a string again on every read, as before.
 * 3. A page rendered at run time (the first request for a story, a page a tag expired) with
 *    `cacheComponents` is rendered as a "prospective" prerender first, then for real. After the
 *    prospective React Server Components render, Next also renders its HTML, throws it away, and
 *    waits, only so that client components' modules that load asynchronously (dynamic `import()`)
 *    have loaded before the real render. Turbopack's server runtime loads client chunks with a
 *    synchronous `require`, and no client component here imports anything dynamically
 *    (lib/cli/patch-next.test.ts checks), so at run time that HTML render does nothing but cost
 *    3–5 ms of every cold render. The change skips it at run time; `next build` still does it.
 * 4. After each page rendered at run time, Next decomposes its whole RSC payload into per-segment
 *    responses for the client router's prefetches (`collectSegmentData`): it reads the payload
 *    back and serialises every segment again, 3–5 ms of every cold render, and keeps the result
 *    with the page. Only `next/link` and `router.prefetch` ask for them, and Warta uses neither:
 *    reader pages link with plain <a> and export `prefetch = 'force-disabled'` (ADR 017). The
 *    change keeps an empty set of segments at run time, so a segment prefetch that arrives anyway
 *    is answered 404 from the cache, as Next answers one it has no segment for, and a navigation
 *    still fetches the page's full payload.
 *
 * The page a render produces is byte for byte the same with 3 and 4 (ADR 023, amended).
 * Idempotent, and harmless when Next changes: a file where the code is not found is left as it is,
 * with a warning; lib/cli/patch-next.test.ts fails until this script is brought up to date.
 * Plain JavaScript: it runs at install, before anything else is ready.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** What each patch does, in the words the install prints. */
const STRINGIFY = 'page-cache entries measured without JSON.stringify'
const HTML_BYTES = 'page HTML kept as UTF-8 bytes in the page cache'
const PROSPECTIVE_HTML = 'no throwaway HTML render before a page rendered at run time'
const SEGMENT_DATA = 'no segment prefetch data collected for a page rendered at run time'

/** Next's minified page runtimes: the webpack builds name the functions differently. */
const PAGE_RUNTIMES = [
  { name: 'app-page', segments: 's8', result: 's', store: 'o' },
  { name: 'app-page-experimental', segments: 's8', result: 's', store: 'o' },
  { name: 'app-page-turbo', segments: 's1', result: 'o', store: 'a' },
  { name: 'app-page-turbo-experimental', segments: 's1', result: 'o', store: 'a' },
]

// The end of getMemoryCache() in next/dist/server/lib/incremental-cache/memory-cache.external.js.
const MEMORY_CACHE_END = `            return cacheKey.length + valueSize;
        });
    }
    return memoryCache;`

/**
 * Patches, each a piece of Next's code found exactly once in a file and what replaces it: the same
 * statement in Next's source build and in each of its minified server runtimes, then the page
 * cache's module (not bundled into the runtimes: they require it, so that all share one cache).
 */
export const PATCHES = [
  {
    file: 'dist/server/lib/incremental-cache/index.js',
    from: 'const itemSize = JSON.stringify(data).length;',
    to: 'const itemSize = ctx.fetchCache ? JSON.stringify(data).length : 0; /* warta: lib/cli/patch-next.mjs */',
    what: STRINGIFY,
  },
  ...[
    'app-page',
    'app-page-turbo',
    'app-page-experimental',
    'app-page-turbo-experimental',
    'app-route',
    'app-route-turbo',
    'app-route-experimental',
    'app-route-turbo-experimental',
  ].map((name) => ({
    file: `dist/compiled/next-server/${name}.runtime.prod.js`,
    from: 'let i=JSON.stringify(t).length;if(r.fetchCache&&i>2097152',
    to: 'let i=r.fetchCache?JSON.stringify(t).length:0;if(r.fetchCache&&i>2097152',
    what: STRINGIFY,
  })),
  {
    file: 'dist/server/lib/incremental-cache/memory-cache.external.js',
    from: MEMORY_CACHE_END,
    // set() stores a copy of the entry, so the caller's object is left as it was; get() returns a
    // copy with the string, so no reader of an entry sees the difference. The LRU measures
    // `value.html.length`, which for the Buffer is its size in bytes.
    to: `            return cacheKey.length + valueSize;
        });
        /* warta: lib/cli/patch-next.mjs: a page's HTML kept as UTF-8 bytes, outside the JavaScript heap */
        const keepEntry = memoryCache.set, readEntry = memoryCache.get;
        memoryCache.set = function(key, entry) {
            const value = entry == null ? void 0 : entry.value;
            if ((value == null ? void 0 : value.kind) === _types.CachedRouteKind.APP_PAGE && typeof value.html === 'string') {
                entry = { ...entry, value: { ...value, html: Buffer.from(value.html, 'utf8') } };
            }
            return keepEntry.call(this, key, entry);
        };
        memoryCache.get = function(key) {
            const entry = readEntry.call(this, key);
            const value = entry == null ? void 0 : entry.value;
            if ((value == null ? void 0 : value.kind) === _types.CachedRouteKind.APP_PAGE && Buffer.isBuffer(value.html)) {
                return { ...entry, value: { ...value, html: value.html.toString('utf8') } };
            }
            return entry;
        };
    }
    return memoryCache;`,
    what: HTML_BYTES,
  },
  // 3. `renderOpts.isBuildTimePrerendering` (`h` in the minified runtimes is renderOpts there).
  {
    file: 'dist/server/app-render/app-render.js',
    from: `            if (initialServerResult) {
                const initialClientPrerenderController = new AbortController();`,
    to: `            if (initialServerResult && isBuildTimePrerendering) { /* warta: lib/cli/patch-next.mjs */
                const initialClientPrerenderController = new AbortController();`,
    what: PROSPECTIVE_HTML,
  },
  ...PAGE_RUNTIMES.map(({ name, result, store }) => ({
    file: `dist/compiled/next-server/${name}.runtime.prod.js`,
    from: `ProspectiveRender)}if(${result}){let e=new AbortController,r=new AbortController,n=new AbortController,${store}={type:"prerender-client"`,
    to: `ProspectiveRender)}if(${result}&&h.isBuildTimePrerendering){let e=new AbortController,r=new AbortController,n=new AbortController,${store}={type:"prerender-client"`,
    what: PROSPECTIVE_HTML,
  })),
  // 4.
  {
    file: 'dist/server/app-render/app-render.js',
    from: 'async function collectSegmentData(fullPageDataBuffer, prerenderStore, ComponentMod, renderOpts, pagePath, metadata) {',
    to:
      'async function collectSegmentData(fullPageDataBuffer, prerenderStore, ComponentMod, renderOpts, pagePath, metadata) {' +
      ' if (!renderOpts.isBuildTimePrerendering) { metadata.segmentData = new Map(); return; } /* warta: lib/cli/patch-next.mjs */',
    what: SEGMENT_DATA,
  },
  ...PAGE_RUNTIMES.map(({ name, segments }) => ({
    file: `dist/compiled/next-server/${name}.runtime.prod.js`,
    from: `async function ${segments}(e,t,r,n,a,i){let s,{clientModules:o,edgeRscModuleMapping`,
    to: `async function ${segments}(e,t,r,n,a,i){if(!n.isBuildTimePrerendering){i.segmentData=new Map;return}let s,{clientModules:o,edgeRscModuleMapping`,
    what: SEGMENT_DATA,
  })),
]

/**
 * Applies the patches to the Next.js installed at `nextDir`.
 * @param {string} nextDir
 * @returns {{ file: string, what: string, state: 'patched' | 'already' | 'missing' | 'not-found' }[]}
 */
export function patchNext(nextDir) {
  return PATCHES.map(({ file, from, to, what }) => {
    const full = path.join(nextDir, file)
    if (!fs.existsSync(full)) return { file, what, state: 'missing' }
    const source = fs.readFileSync(full, 'utf8')
    if (source.includes(to)) return { file, what, state: 'already' }
    const at = source.indexOf(from)
    if (at === -1 || source.indexOf(from, at + from.length) !== -1) return { file, what, state: 'not-found' }
    fs.writeFileSync(full, source.slice(0, at) + to + source.slice(at + from.length))
    return { file, what, state: 'patched' }
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const nextDir = path.resolve('node_modules/next')
  if (!fs.existsSync(nextDir)) process.exit(0)
  const results = patchNext(nextDir)
  const stale = results.filter((r) => r.state === 'not-found')
  for (const what of new Set(PATCHES.map((p) => p.what))) {
    const patched = results.filter((r) => r.what === what && r.state === 'patched').length
    if (patched > 0) console.log(`Next.js: ${what}, in ${patched} file${patched === 1 ? '' : 's'} (lib/cli/patch-next.mjs)`)
  }
  if (stale.length > 0) {
    console.warn(
      `Warning: lib/cli/patch-next.mjs did not find the code it changes in ${stale.map((r) => r.file).join(', ')} ` +
        '(a different Next.js version?). Pages still work; each render costs a few milliseconds more, and kept pages more memory.',
    )
  }
}
