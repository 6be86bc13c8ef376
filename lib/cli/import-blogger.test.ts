import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMAGE_UNREACHABLE } from '@/lib/import/images'
import type { ImportEvent, ImportReport } from '@/lib/import/blogger/report'

/*
 * `npm run import:blogger` as an administrator runs it, in a data folder of its own, with an
 * export whose images point at a mirror on loopback (a server below, with real bytes).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-import-cli-'))
let server: http.Server
let exportFile: string
const requests: string[] = []

beforeAll(async () => {
  const jpeg = fs.readFileSync(path.resolve('tests/fixtures/images/exif-gps.jpg'))
  server = http.createServer((req, res) => {
    requests.push(req.url!)
    res.writeHead(200, { 'content-type': 'image/jpeg' })
    res.end(jpeg)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const xml = fs.readFileSync(path.resolve('tests/fixtures/blogger/small-classic.xml'), 'utf8')
  exportFile = path.join(dataDir, 'mirror.xml')
  fs.writeFileSync(exportFile, xml.replace(/https:\/\/(blogger\.googleusercontent\.com|\d\.bp\.blogspot\.com)\//g, `http://127.0.0.1:${port}/$1/`))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Runs the CLI with --json (asynchronously: the mirror answers from this process). */
function importCli(args: string[]): Promise<{ code: number | null; report: ImportReport | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  delete env.DATABASE_PATH
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/import-blogger.ts', exportFile, '--json', ...args], { env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d))
  child.stderr.on('data', (d: Buffer) => (stderr += d))
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const events = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ImportEvent)
      const last = events.at(-1)
      resolve({ code, report: last?.type === 'report' ? last.report : null, stderr })
    })
  })
}

describe('npm run import:blogger -- --download-images', () => {
  it('finding 10: refuses a loopback mirror unless --allow-private-images names it one', async () => {
    const refused = await importCli(['--download-images'])
    expect(refused.code, refused.stderr).toBe(0)
    expect(refused.report!.images.referenced).toBeGreaterThan(0)
    expect(refused.report!.images.downloaded).toBe(0)
    expect(new Set(refused.report!.images.failed.map((f) => f.reason))).toEqual(new Set([IMAGE_UNREACHABLE]))
    expect(requests).toEqual([])

    const allowed = await importCli(['--download-images', '--allow-private-images'])
    expect(allowed.code, allowed.stderr).toBe(0)
    expect(allowed.report!.images.downloaded).toBe(allowed.report!.images.referenced)
    expect(requests.length).toBe(allowed.report!.images.referenced)
    // Two CLI runs (tsx start, migration, import): past the default 30 s on a loaded machine.
  }, 120_000)

  it('takes --allow-private-images only with --download-images', async () => {
    const result = await importCli(['--allow-private-images'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/--allow-private-images only applies with --download-images/)
  })
})
