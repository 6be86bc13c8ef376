/**
 * `npm install` runs this (package.json's postinstall): one change to the installed Next.js, for
 * speed only (docs/decisions/023-next-cache-set-and-statements.md).
 *
 * Next's IncrementalCache.set measures every entry it keeps with `JSON.stringify(entry).length`,
 * to refuse fetch-cache items over 2 MB. It does so for whole pages too, where the figure is never
 * used: a page's entry holds its HTML and its RSC payload as a Buffer, which JSON.stringify turns
 * into an array of numbers. That is 5–13 ms of the event loop per page rendered (of about 40) and
 * several hundred kilobytes of garbage. The change measures fetch-cache items only, as the check
 * that reads the figure does.
 *
 * Idempotent, and harmless when Next changes: a file where the code is not found is left as it is,
 * with a warning; lib/cli/patch-next.test.ts fails until this script is brought up to date.
 * Plain JavaScript: it runs at install, before anything else is ready.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The same statement in Next's source build and in each of its minified server runtimes. */
export const PATCHES = [
  {
    file: 'dist/server/lib/incremental-cache/index.js',
    from: 'const itemSize = JSON.stringify(data).length;',
    to: 'const itemSize = ctx.fetchCache ? JSON.stringify(data).length : 0; /* warta: lib/cli/patch-next.mjs */',
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
  })),
]

/**
 * Applies the patches to the Next.js installed at `nextDir`.
 * @param {string} nextDir
 * @returns {{ file: string, state: 'patched' | 'already' | 'missing' | 'not-found' }[]}
 */
export function patchNext(nextDir) {
  return PATCHES.map(({ file, from, to }) => {
    const full = path.join(nextDir, file)
    if (!fs.existsSync(full)) return { file, state: 'missing' }
    const source = fs.readFileSync(full, 'utf8')
    if (source.includes(to)) return { file, state: 'already' }
    const at = source.indexOf(from)
    if (at === -1 || source.indexOf(from, at + from.length) !== -1) return { file, state: 'not-found' }
    fs.writeFileSync(full, source.slice(0, at) + to + source.slice(at + from.length))
    return { file, state: 'patched' }
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const nextDir = path.resolve('node_modules/next')
  if (!fs.existsSync(nextDir)) process.exit(0)
  const results = patchNext(nextDir)
  const stale = results.filter((r) => r.state === 'not-found')
  const patched = results.filter((r) => r.state === 'patched').length
  if (patched > 0) console.log(`Next.js: measured page-cache entries without JSON.stringify in ${patched} files (lib/cli/patch-next.mjs)`)
  if (stale.length > 0) {
    console.warn(
      `Warning: lib/cli/patch-next.mjs did not find the code it changes in ${stale.map((r) => r.file).join(', ')} ` +
        '(a different Next.js version?). Pages still work, each render costs a few milliseconds more.',
    )
  }
}
