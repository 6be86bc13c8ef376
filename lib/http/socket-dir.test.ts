import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeSocketDir, sweepSocketDirs } from './socket-dir.mjs'

let tmp: string

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-dir-test-'))
})

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(r.stdout)
}

function folder(name: string, pid?: number) {
  const dir = path.join(tmp, name)
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'worker-1.sock'), '')
  if (pid !== undefined) fs.writeFileSync(path.join(dir, 'primary.pid'), `${pid}\n`)
  return dir
}

describe('the cluster primary’s socket folder', () => {
  it('is new for each primary and names it', () => {
    const a = makeSocketDir(tmp)
    const b = makeSocketDir(tmp)
    expect(a).not.toBe(b)
    expect(path.basename(a)).toMatch(/^warta-/)
    expect(fs.readFileSync(path.join(a, 'primary.pid'), 'utf8').trim()).toBe(String(process.pid))
    // The first is still in use by this (living) process: the second start left it alone.
    expect(fs.existsSync(a)).toBe(true)
  })

  it('removes the folders of primaries that are gone, and nothing else', () => {
    const gone = folder('warta-gone', deadPid())
    const running = folder('warta-running', process.pid)
    const noPid = folder('warta-other-program')
    const notOurs = folder('unrelated-gone', deadPid())
    const garbled = folder('warta-garbled')
    fs.writeFileSync(path.join(garbled, 'primary.pid'), 'not a pid')

    expect(sweepSocketDirs(tmp)).toEqual([gone])
    expect(fs.existsSync(gone)).toBe(false)
    for (const kept of [running, noPid, notOurs, garbled]) expect(fs.existsSync(kept)).toBe(true)
  })

  it('sweeps when a primary starts', () => {
    const gone = folder('warta-gone', deadPid())
    const made = makeSocketDir(tmp)
    expect(fs.existsSync(gone)).toBe(false)
    expect(fs.readdirSync(tmp)).toEqual([path.basename(made)])
  })
})
