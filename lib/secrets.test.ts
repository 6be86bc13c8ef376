import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const run = promisify(execFile)
const baseDataDir = process.env.DATA_DIR!
let dataDir: string
let caseNumber = 0

// lib/env.ts and lib/secrets.ts both cache per process, so each case loads fresh copies
// against its own data folder, as a restarted server would.
async function loadSecrets() {
  vi.resetModules()
  return import('./secrets')
}

beforeEach(() => {
  dataDir = path.join(baseDataDir, `secrets-${++caseNumber}`)
  process.env.DATA_DIR = dataDir
})

afterEach(() => {
  process.env.DATA_DIR = baseDataDir
})

const secretsFile = () => path.join(dataDir, 'secrets.json')

describe('getSecret', () => {
  it('creates a 32-byte hex secret on first use and returns the same one afterwards', async () => {
    const { getSecret } = await loadSecrets()
    const first = getSecret('ip-hash')
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(getSecret('ip-hash')).toBe(first)
    expect(getSecret('auth')).not.toBe(first)
    expect(JSON.parse(fs.readFileSync(secretsFile(), 'utf8'))).toEqual({ 'ip-hash': first, auth: getSecret('auth') })
  })

  it('keeps the file readable by its owner only', async () => {
    const { getSecret } = await loadSecrets()
    getSecret('ip-hash')
    expect(fs.statSync(secretsFile()).mode & 0o777).toBe(0o600)
    expect(fs.readdirSync(dataDir)).toEqual(['secrets.json'])
  })

  it('returns the stored secret after a restart', async () => {
    const before = (await loadSecrets()).getSecret('ip-hash')
    const after = (await loadSecrets()).getSecret('ip-hash')
    expect(after).toBe(before)
  })

  it('refuses a corrupt file instead of replacing every secret', async () => {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(secretsFile(), '{"ip-hash": "not hex"}')
    const { getSecret } = await loadSecrets()
    expect(() => getSecret('ip-hash')).toThrow(/64 hex digits/)
    fs.writeFileSync(secretsFile(), '{oops')
    expect(() => getSecret('ip-hash')).toThrow(/not valid JSON/)
    expect(fs.readFileSync(secretsFile(), 'utf8')).toBe('{oops')
  })

  it('rejects names that are not simple identifiers', async () => {
    const { getSecret } = await loadSecrets()
    for (const name of ['', '../x', 'A', 'with space', 'x'.repeat(65)]) expect(() => getSecret(name)).toThrow()
  })

  it('takes over a lock left behind by a crashed process', async () => {
    fs.mkdirSync(dataDir, { recursive: true })
    const lock = `${secretsFile()}.lock`
    fs.writeFileSync(lock, '')
    const old = new Date(Date.now() - 60_000)
    fs.utimesSync(lock, old, old)
    const { getSecret } = await loadSecrets()
    expect(getSecret('ip-hash')).toMatch(/^[0-9a-f]{64}$/)
    expect(fs.existsSync(lock)).toBe(false)
  })

  it('gives racing processes the same secrets and loses none of their additions', async () => {
    // Every worker loads the module, then spins until the same instant before writing, so the
    // read-modify-write sections overlap (without the lock this loses additions).
    const script = `
      import('${path.resolve('lib/secrets.ts')}').then((m) => {
        const getSecret = m.getSecret ?? m.default.getSecret
        const [worker, startAt] = process.argv.slice(1)
        while (Date.now() < Number(startAt));
        const own = []
        for (let i = 0; i < 10; i++) {
          own.push(getSecret('shared-' + i))
          getSecret('own-' + worker + '-' + i)
        }
        console.log(JSON.stringify(own))
      })`
    const startAt = String(Date.now() + 3_000)
    const workers = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        run(process.execPath, ['--conditions=react-server', '--import', 'tsx', '-e', script, String(i), startAt], {
          env: { ...process.env, DATA_DIR: dataDir },
          timeout: 30_000,
        }),
      ),
    )
    const shared = workers.map((w) => JSON.parse(w.stdout) as string[])
    const stored = JSON.parse(fs.readFileSync(secretsFile(), 'utf8')) as Record<string, string>
    for (const seen of shared) expect(seen).toEqual(shared[0])
    expect(Object.keys(stored)).toHaveLength(10 + 4 * 10)
    shared[0]!.forEach((value, i) => expect(stored[`shared-${i}`]).toBe(value))
    expect(fs.readdirSync(dataDir)).toEqual(['secrets.json'])
  }, 60_000)
})
