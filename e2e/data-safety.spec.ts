import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, type Page, test } from '@playwright/test'
import { onPostgres, query, queryRow, resetDataDir } from './support/database'
import { type OwnServer, ownServerEnv, startOwnServer } from './support/own-server'
import { E2E_PORT } from './support/server'

// Issue 10, data safety: a real server (`node server.mjs` on the production build) is killed
// with SIGKILL in the middle of a stream of saves and publishes made through the editor; after a
// restart the database passes PRAGMA integrity_check and holds every write the browser saw
// acknowledged. Then a backup taken while the site runs is restored into a new data folder,
// where the site and the signed-in session carry on. The server is this file's own (port
// E2E_PORT + 2, its own data folder), as it is killed and restarted.
const PORT = E2E_PORT + 2
const DATA_DIR = path.resolve('.tmp/e2e-crash')
const BACKUP_DIR = path.resolve('.tmp/e2e-crash-backup')
const RESTORED_DIR = path.resolve('.tmp/e2e-crash-restored')
const PASSWORD = 'listrik-padam-lagi'
const TSX = path.resolve('node_modules/.bin/tsx')
const run = Date.now().toString(36)
const runCli = promisify(execFile)

test.use({ baseURL: `http://localhost:${PORT}`, viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })
test.describe.configure({ mode: 'serial' })

type Written = { id: number; title: string; attempts: string[]; acked: number; published: boolean }

const modeOf = (p: string) => (fs.statSync(p).mode & 0o777).toString(8)

/** SQLite's own check of the file; PostgreSQL keeps its files to itself (and checks its WAL on start). */
async function expectIntact(dataDir: string) {
  if (onPostgres) return
  expect((await queryRow<{ integrity_check: string }>(dataDir, 'PRAGMA integrity_check'))?.integrity_check).toBe('ok')
}

async function signIn(page: Page, email: string) {
  await page.goto('/admin/masuk')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Kata sandi').fill(PASSWORD)
  await page.getByRole('button', { name: 'Masuk' }).click()
  // bcrypt cost 12 on a busy machine can take seconds.
  await expect(page).toHaveURL(/\/admin$/, { timeout: 30_000 })
}

test.describe('data safety', () => {
  let server: OwnServer | undefined
  const written: Written[] = []
  const email = `redaktur-${run}@crash.example`

  test.beforeAll(() => {
    resetDataDir(DATA_DIR)
    for (const dir of [BACKUP_DIR, RESTORED_DIR]) fs.rmSync(dir, { recursive: true, force: true })
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('a server killed with SIGKILL in the middle of saves and publishes restarts with every acknowledged write', async ({ page }) => {
    test.setTimeout(180_000)
    server = await startOwnServer(DATA_DIR, PORT)
    const created = spawnSync(TSX, ['--conditions=react-server', 'lib/cli/user-create.ts', '--email', email, '--name', `Redaktur ${run}`, '--role', 'editor'], {
      input: `${PASSWORD}\n`,
      env: server.env,
      encoding: 'utf8',
    })
    expect(created.status, created.stderr).toBe(0)
    await signIn(page, email)

    // Finding 11 on the real server: its data folder is readable by its own user only.
    expect(modeOf(DATA_DIR)).toBe('700')
    for (const name of [...(onPostgres ? [] : ['warta.db', 'warta.db-wal', 'warta.db-shm']), 'secrets.json', 'server.json']) {
      expect([name, modeOf(path.join(DATA_DIR, name))]).toEqual([name, '600'])
    }

    const version = page.locator('input[name="version"]')
    let killedAt: number | null = null
    // The version the editor holds goes up only when the server's answer to a save arrived.
    const acknowledged = async (click: () => Promise<void>, killNow: boolean): Promise<boolean> => {
      const before = Number(await version.inputValue())
      await click()
      if (killNow) {
        await page.waitForTimeout(Math.floor(Math.random() * 120))
        killedAt = Date.now()
        await server!.kill()
      }
      for (const started = Date.now(); ; ) {
        // Once the server is gone, Next may fall back to a full navigation that finds no page.
        const now = await version.inputValue({ timeout: 250 }).catch(() => null)
        if (now !== null && Number(now) > before) return true
        if (killedAt !== null && Date.now() - killedAt > 2_000) return false
        if (killedAt === null && Date.now() - started > 30_000) throw new Error('A save was not acknowledged while the server ran')
        await page.waitForTimeout(25)
      }
    }

    // After at least one whole article (three saves and a publish) and the next one's first save.
    const killAt = 6 + Math.floor(Math.random() * 5)
    let step = 0
    stream: for (let n = 1; ; n++) {
      const title = `Uji listrik padam ${run} ${n}`
      await page.goto('/admin/artikel/baru')
      await page.getByLabel('Judul').fill(title)
      await page.getByRole('button', { name: 'Mulai menulis' }).click()
      await page.waitForURL(/\/admin\/artikel\/\d+$/)
      const w: Written = { id: Number(page.url().split('/').pop()), title, attempts: [], acked: -1, published: false }
      written.push(w)
      for (let s = 1; s <= 3; s++) {
        const excerpt = `${run} berita ${n} simpanan ${s}`
        await page.getByLabel('Ringkasan').fill(excerpt)
        w.attempts.push(excerpt)
        const save = page.getByRole('button', { name: w.published ? 'Simpan perubahan' : 'Simpan draf' })
        if (!(await acknowledged(() => save.click(), ++step === killAt))) break stream
        w.acked = w.attempts.length - 1
        // The answer can beat the kill: the write counts, and the stream ends (the server is gone).
        if (killedAt !== null) break stream
        if (s === 2) {
          if (!(await acknowledged(() => page.getByRole('button', { name: 'Terbitkan sekarang' }).click(), ++step === killAt))) break stream
          w.published = true
          if (killedAt !== null) break stream
        }
      }
    }
    expect(killedAt, 'the server was killed during the stream').not.toBeNull()
    expect(written.filter((w) => w.acked >= 0).length).toBeGreaterThanOrEqual(2)
    const acks = written.reduce((n, w) => n + w.acked + 1 + (w.published ? 1 : 0), 0)
    test.info().annotations.push({ type: 'crash', description: `killed during write ${killAt}, after ${acks} acknowledged saves and publishes in ${written.length} articles` })

    server = await startOwnServer(DATA_DIR, PORT)
    await expectIntact(DATA_DIR)
    for (const w of written) {
      const row = await queryRow<{ title: string; excerpt: string; status: string }>(DATA_DIR, 'SELECT title, excerpt, status FROM articles WHERE id = ?', [w.id])
      expect(row?.title, `article ${w.id} was created`).toBe(w.title)
      // The save in flight at the kill may or may not have been committed; nothing before it may be lost.
      if (w.acked >= 0) expect(w.attempts.slice(w.acked), `article ${w.id}`).toContain(row!.excerpt)
      if (w.published) expect(row!.status, `article ${w.id}`).toBe('published')
    }

    // The restarted site serves what was published, and the session still works.
    const published = written.filter((w) => w.published).at(-1)!
    const where = (await queryRow<{ month: string; slug: string }>(DATA_DIR, 'SELECT path_month AS month, slug FROM articles WHERE id = ?', [published.id]))!
    const reader = await page.context().newPage()
    expect((await reader.goto(`/${where.month}/${where.slug}`))?.status()).toBe(200)
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(published.title)
    await reader.close()
    await page.goto(`/admin/artikel/${published.id}`)
    await expect(page.getByRole('textbox', { name: 'Judul', exact: true })).toHaveValue(published.title)

    // A save is on the disk within about a second, not whenever 1,000 frames have gathered: the
    // server's checkpoint thread syncs the WAL and copies it into the database file (ADR 027), so
    // a power cut after that second would not undo it.
    if (!onPostgres) {
      await page.getByLabel('Ringkasan').fill(`${run} sudah di disk`)
      await page.getByRole('button', { name: /^Simpan (draf|perubahan)$/ }).click()
      await expect(page.getByRole('status').filter({ hasText: 'Tersimpan.' })).toBeVisible()
      const waiting = async () => {
        const wal = await queryRow<{ log: number; checkpointed: number }>(DATA_DIR, 'PRAGMA wal_checkpoint(NOOP)')
        return wal!.log - wal!.checkpointed
      }
      expect(await waiting(), 'the save is in the WAL first').toBeGreaterThan(0)
      await expect.poll(waiting, { timeout: 5_000 }).toBe(0)
    }
  })

  test('a backup taken while the site runs restores into a new data folder, where the site and the session carry on', async ({ page }) => {
    test.skip(onPostgres, 'backup and restore copy the SQLite file; a PostgreSQL database is backed up with its own tools')
    test.setTimeout(180_000)
    expect(server, 'the first test left a running server').toBeDefined()
    const last = written.at(-1)!
    await signIn(page, email)
    await page.goto(`/admin/artikel/${last.id}`)

    // The backup runs beside the server while the editor keeps saving.
    const backup = runCli(TSX, ['--conditions=react-server', 'lib/cli/backup.ts', BACKUP_DIR], { env: server!.env })
    const during = `${run} disimpan selama pencadangan`
    await page.getByLabel('Ringkasan').fill(during)
    await page.getByRole('button', { name: /^Simpan (draf|perubahan)$/ }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Tersimpan.' })).toBeVisible()
    expect((await backup).stdout).toContain(`Backup written to ${BACKUP_DIR}`)

    // Restore refuses while the server uses the data folder.
    const refused = spawnSync(TSX, ['--conditions=react-server', 'lib/cli/restore.ts', BACKUP_DIR], { env: server!.env, encoding: 'utf8' })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/A Warta server \(process \d+, http:\/\/127\.0\.0\.1:\d+\) is using/)

    const restoredEnv = ownServerEnv(RESTORED_DIR, PORT)
    const restored = await runCli(TSX, ['--conditions=react-server', 'lib/cli/restore.ts', BACKUP_DIR], { env: restoredEnv })
    expect(restored.stdout).toContain('Restored the backup made')
    await server!.stop()
    server = await startOwnServer(RESTORED_DIR, PORT)

    // Same browser, same cookie: the restored secrets keep the session valid.
    const published = written.filter((w) => w.published).at(-1)!
    await page.goto(`/admin/artikel/${published.id}`)
    await expect(page.getByRole('textbox', { name: 'Judul', exact: true })).toHaveValue(published.title)
    await expectIntact(RESTORED_DIR)
    expect(await query(RESTORED_DIR, 'SELECT count(*) AS n FROM articles')).toEqual([{ n: written.length }])
  })
})
