import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readServerAddress, SERVER_ADDRESS_FILE } from './server-address'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-address-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const write = (value: unknown) => fs.writeFileSync(path.join(dir, SERVER_ADDRESS_FILE), JSON.stringify(value))

describe('readServerAddress', () => {
  it('returns the address a live server recorded', async () => {
    await write({ url: 'http://127.0.0.1:3456', pid: process.pid, startedAt: '2026-12-03T00:00:00.000Z' })
    expect(readServerAddress(dir)).toEqual({ url: 'http://127.0.0.1:3456', pid: process.pid, startedAt: '2026-12-03T00:00:00.000Z' })
  })

  it('ignores a file left by a process that is gone', async () => {
    // A child that has exited: its pid no longer names a process.
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
    await write({ url: 'http://127.0.0.1:3456', pid: Number(child.stdout.toString()), startedAt: '2026-12-03T00:00:00.000Z' })
    expect(readServerAddress(dir)).toBeNull()
  })

  it('returns null without a file, or with a broken one', async () => {
    expect(readServerAddress(dir)).toBeNull()
    fs.writeFileSync(path.join(dir, SERVER_ADDRESS_FILE), '{not json')
    expect(readServerAddress(dir)).toBeNull()
    await write({ url: 'not a url', pid: process.pid, startedAt: 'x' })
    expect(readServerAddress(dir)).toBeNull()
  })
})
