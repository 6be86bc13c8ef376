import fs from 'node:fs'
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
    for (const { to } of PATCHES) expect(to).toMatch(/fetchCache\s*\?\s*JSON\.stringify\(\w+\)\.length\s*:\s*0/)
  })
})
