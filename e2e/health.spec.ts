import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { dropDatabase, onPostgres, query, queryRow } from './support/database'
import { type OwnServer, prepareDataDir, startServer } from './support/own-server'
import { E2E_PORT } from './support/server'

/*
 * Issue #12: GET /api/health, what a load balancer probes every few seconds. It answers 200 only
 * while the database answers and its migrations are those of the code, is never cached or
 * redirected, and tells strangers nothing but "ok" or "unavailable".
 */

const PORT = E2E_PORT + 30
const DATA_DIR = path.resolve('.tmp/e2e-health')

test('the health endpoint answers 200 {"status":"ok"}, uncached, to GET and HEAD', async ({ request }) => {
  for (const target of ['/api/health', '/api/health?from=balancer']) {
    const res = await request.get(target, { maxRedirects: 0 })
    expect(res.status(), target).toBe(200)
    expect(res.headers()['cache-control'], target).toBe('no-store')
    expect(res.headers()['content-type'], target).toBe('application/json')
    expect(res.headers()['set-cookie'], target).toBeUndefined()
    expect(await res.text(), target).toBe('{"status":"ok"}')
  }
  const head = await request.head('/api/health', { maxRedirects: 0 })
  expect(head.status()).toBe(200)
  expect(head.headers()['cache-control']).toBe('no-store')
  expect(await head.body()).toHaveLength(0)
})

test('the health endpoint is quick enough to be probed every few seconds', async ({ request }) => {
  await request.get('/api/health')
  const times: number[] = []
  for (let i = 0; i < 20; i++) {
    const started = performance.now()
    expect((await request.get('/api/health')).status()).toBe(200)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  // The median on a busy two-core machine; a page render or a hung check would be far slower.
  expect(times[10]).toBeLessThan(250)
})

test.describe('a server whose database is behind its code', () => {
  test.describe.configure({ mode: 'serial' })
  let server: OwnServer | undefined

  test.beforeAll(async () => {
    test.setTimeout(5 * 60_000)
    prepareDataDir(DATA_DIR, { seed: false, port: PORT })
    server = await startServer(DATA_DIR, PORT)
  })
  test.afterAll(async () => {
    await server?.stop()
    fs.rmSync(DATA_DIR, { recursive: true, force: true })
  })

  test('answers 503 {"status":"unavailable"} while a migration is missing, with the reason only in its log', async ({ request }) => {
    const url = `${server!.url}/api/health`
    // Which check failed is only in the server's log (the answer is one fixed word).
    expect((await request.get(url)).status(), server!.output().slice(-3000)).toBe(200)

    // The dialect's journal and drizzle's table of applied migrations (its own schema on PostgreSQL).
    const [folder, table] = onPostgres ? ['drizzle-pg', 'drizzle.__drizzle_migrations'] : ['drizzle', '__drizzle_migrations']
    const journal = JSON.parse(fs.readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as { entries: Array<{ tag: string; when: number }> }
    const newest = journal.entries.at(-1)!
    const row = (await queryRow<{ hash: string }>(DATA_DIR, `SELECT hash FROM ${table} WHERE created_at = ?`, [newest.when]))!
    await query(DATA_DIR, `DELETE FROM ${table} WHERE created_at = ?`, [newest.when])
    try {
      const started = performance.now()
      const res = await request.get(url)
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(res.status()).toBe(503)
      expect(res.headers()['cache-control']).toBe('no-store')
      expect(await res.text()).toBe('{"status":"unavailable"}')
      expect((await request.head(url)).status()).toBe(503)
      await expect.poll(() => server!.output()).toContain('Health check failing (migrations): answering 503')
      expect(server!.output()).toContain(newest.tag)
    } finally {
      await query(DATA_DIR, `INSERT INTO ${table} (hash, created_at) VALUES (?, ?)`, [row.hash, newest.when])
    }
    const back = await request.get(url)
    expect(back.status()).toBe(200)
    expect(await back.text()).toBe('{"status":"ok"}')
  })

  test('answers 503 within two seconds once its PostgreSQL database is gone', async ({ request }) => {
    test.skip(!onPostgres, 'PostgreSQL only: the server of the SQLite pass holds its database file open')
    const url = `${server!.url}/api/health`
    expect((await request.get(url)).status()).toBe(200)
    // What a load balancer must notice: the database server stops answering for this site.
    await dropDatabase(DATA_DIR)
    const started = performance.now()
    const res = await request.get(url)
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(res.status()).toBe(503)
    expect(await res.text()).toBe('{"status":"unavailable"}')
    await expect.poll(() => server!.output()).toContain('Health check failing (database')
  })
})
