import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { dropDatabase } from './support/database'
import { type OwnServer, prepareDataDir, startServer } from './support/own-server'
import { E2E_PORT } from './support/server'

/*
 * With one server process (a one-core machine, or WEB_CONCURRENCY=1), the pages readers are
 * reading still come from the primary in front of it (ADR 022, amended): a cold render, a garbage
 * collection or a crash of the one process that renders does not hold up a reader of a kept page.
 * The render process is held still with SIGSTOP (a long render or pause, made certain) and killed
 * with SIGKILL (a crash, an out-of-memory kill); the primary restarts it.
 */

const PORT = E2E_PORT + 36
const DATA_DIR = path.resolve('.tmp/e2e-render-process')
const STATS_FILE = path.join(DATA_DIR, 'stats.json')

test.describe.configure({ mode: 'serial' })

let server: OwnServer | undefined
test.beforeAll(async () => {
  test.setTimeout(3 * 60_000)
  prepareDataDir(DATA_DIR, { port: PORT })
  server = await startServer(DATA_DIR, PORT, { processes: 1, env: { WARTA_STATS_FILE: STATS_FILE } })
})
test.afterAll(async () => {
  await server?.kill()
  await dropDatabase(DATA_DIR)
  fs.rmSync(DATA_DIR, { recursive: true, force: true })
})

/** The pid of the process that renders, as the server's own figures name it (rewritten every second). */
async function renderProcess(other?: number): Promise<number> {
  let pid: number | undefined
  await expect
    .poll(
      () => {
        try {
          const { workers } = JSON.parse(fs.readFileSync(STATS_FILE, 'utf8')) as { workers: Array<{ worker?: number; pid: number }> }
          pid = workers.find((w) => w.worker === 1 && w.pid !== other)?.pid
        } catch {
          pid = undefined // not written yet, or being replaced
        }
        return pid
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0)
  return pid!
}

/** A reader's request, given up after `ms`. */
async function read(url: string, ms = 3_000): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(ms) })
  return { status: res.status, body: await res.text() }
}

test('the homepage a reader asked for is answered while the one render process is held still', async () => {
  const pid = await renderProcess()
  expect(pid).not.toBe(server!.pid)
  // Read twice: the second answer is the kept one.
  const first = await read(`${server!.url}/`, 30_000)
  expect(first.status).toBe(200)
  expect((await read(`${server!.url}/`, 30_000)).status).toBe(200)

  process.kill(pid, 'SIGSTOP')
  try {
    const during = await read(`${server!.url}/`)
    expect(during.status).toBe(200)
    expect(during.body).toBe(first.body)
  } finally {
    process.kill(pid, 'SIGCONT')
  }
  expect((await read(`${server!.url}/api/health`, 30_000)).status).toBe(200)
})

test('after the render process crashes, readers still get the homepage and the primary starts it again', async () => {
  const pid = await renderProcess()
  const before = await read(`${server!.url}/`, 30_000)
  expect(before.status).toBe(200)

  process.kill(pid, 'SIGKILL')
  const during = await read(`${server!.url}/`)
  expect(during.status).toBe(200)
  expect(during.body).toBe(before.body)

  // A new process, and everything answers again, a story that was not kept included.
  const again = await renderProcess(pid)
  expect(again).not.toBe(pid)
  await expect.poll(async () => (await read(`${server!.url}/api/health`, 5_000).catch(() => ({ status: 0 }))).status, { timeout: 60_000 }).toBe(200)
  expect((await read(`${server!.url}/label/tidak-ada-label-ini`, 30_000)).status).toBe(404)
  expect(server!.output()).toContain('Server process 1 exited (SIGKILL); starting it again.')
})
