// `npm run backup` and `restore` copy the SQLite file (PostgreSQL: pg_dump; the CLI refuses there): this file runs on SQLite whatever TEST_DIALECT says.
import '@/tests/sqlite-only'
import { execFile, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { prepareDataFolder } from '@/lib/data-folder'
import { BackupRefused, createBackup } from './create'
import { hashFile, listFiles } from './files'
import { UnfinishedRestoreError, writeRestoreJournal } from './journal'
import { CHECKSUMS_FILE, formatChecksums, MANIFEST_FILE, type Manifest, parseChecksums } from './manifest'
import { BackupUnusable } from './read'
import { RestoreRefused, restoreBackup, resumeRestore } from './restore'

const run = promisify(execFile)
const TSX = path.resolve('node_modules/.bin/tsx')
const TEMPLATE = path.resolve('.tmp/vitest/template.db')
const base = path.join(process.env.DATA_DIR!, 'backups')
let folderNumber = 0

type Folder = { dataDir: string; databasePath: string; uploadsDir: string }

function folder(name: string): Folder {
  const dataDir = path.join(base, `${name}-${++folderNumber}`)
  return { dataDir, databasePath: path.join(dataDir, 'warta.db'), uploadsDir: path.join(dataDir, 'uploads') }
}

/** A data folder as a running site leaves it: a migrated database, secrets and one image's files. */
function liveFolder(name: string, opts: { note?: string } = {}): Folder {
  const f = folder(name)
  fs.mkdirSync(path.join(f.uploadsDir, '2026', '12'), { recursive: true })
  fs.copyFileSync(TEMPLATE, f.databasePath)
  const db = new Database(f.databasePath)
  db.pragma('journal_mode = WAL')
  db.prepare(`INSERT INTO settings (key, value) VALUES ('site.note', ?)`).run(JSON.stringify(opts.note ?? name))
  db.close()
  fs.writeFileSync(path.join(f.dataDir, 'secrets.json'), JSON.stringify({ auth: crypto.randomBytes(32).toString('hex') }))
  fs.writeFileSync(path.join(f.uploadsDir, '2026', '12', `${crypto.randomBytes(8).toString('hex')}-640.webp`), crypto.randomBytes(300))
  return f
}

/** Everything restore replaces, as hashes by path, to compare folders. */
function contents(f: Folder): Record<string, string> {
  const out: Record<string, string> = {
    'warta.db': noteIn(f.databasePath),
    'secrets.json': hashFile(path.join(f.dataDir, 'secrets.json')).sha256,
  }
  for (const rel of listFiles(f.uploadsDir)) out[`uploads/${rel}`] = hashFile(path.join(f.uploadsDir, rel)).sha256
  return out
}

function noteIn(databasePath: string): string {
  const db = new Database(databasePath, { readonly: true })
  try {
    return (db.prepare(`SELECT value FROM settings WHERE key = 'site.note'`).get() as { value: string }).value
  } finally {
    db.close()
  }
}

const childEnv = (f: Folder) => ({ ...process.env, DATA_DIR: f.dataDir, DATABASE_PATH: f.databasePath })

type Ack = { seq: number; kind: 'ready' | 'draft' | 'article' | 'media'; id: number; excerpt?: string; status?: string; storageKey?: string }

function startWriter(f: Folder) {
  const child = spawn(TSX, ['--conditions=react-server', 'tests/writer.ts'], { env: childEnv(f), stdio: ['pipe', 'pipe', 'pipe'] })
  const acks: Ack[] = []
  let stderr = ''
  let buffered = ''
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) acks.push(JSON.parse(line) as Ack)
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = async (count: number, timeoutMs = 60_000) => {
    for (const until = Date.now() + timeoutMs; acks.length < count; ) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`writer stopped after ${acks.length} writes: ${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const stop = () => child.stdin.end()
  return { acks, waitFor, stop, exited, stderr: () => stderr }
}

describe('backup and restore', () => {
  it('backs up a database another process keeps writing to, and restores it into a fresh folder whole', async () => {
    const live = liveFolder('live')
    const writer = startWriter(live)
    await writer.waitFor(12)
    const ackedBeforeBackup = writer.acks.filter((a) => a.kind !== 'ready').length

    const target = path.join(base, 'nightly', '2026-12-03')
    const backup = await run(TSX, ['--conditions=react-server', 'lib/cli/backup.ts', target], { env: childEnv(live) })
    expect(backup.stdout).toContain(`Backup written to ${target}`)
    const ackedAfterBackup = writer.acks.length
    // Writes go on after the backup (the writer never waits for it): stop at a few more.
    await writer.waitFor(ackedAfterBackup + 3)
    writer.stop()
    expect(await writer.exited, writer.stderr()).toBe(0)
    const acks = writer.acks.filter((a) => a.kind !== 'ready')

    const manifest = JSON.parse(fs.readFileSync(path.join(target, MANIFEST_FILE), 'utf8')) as Manifest
    expect(manifest.database.integrityCheck).toBe('ok')
    expect(fs.statSync(target).mode & 0o777).toBe(0o700)
    for (const rel of listFiles(target)) expect([rel, fs.statSync(path.join(target, rel)).mode & 0o777]).toEqual([rel, 0o600])

    const restored = folder('restored')
    const restore = await run(TSX, ['--conditions=react-server', 'lib/cli/restore.ts', target], { env: childEnv(restored) })
    expect(restore.stdout).toContain('Nothing was replaced (the data folder was empty)')

    // The restored folder holds exactly the backup: database, secrets and every media file.
    expect(hashFile(restored.databasePath).sha256).toBe(manifest.database.sha256)
    expect(fs.readFileSync(path.join(restored.dataDir, 'secrets.json'), 'utf8')).toBe(fs.readFileSync(path.join(live.dataDir, 'secrets.json'), 'utf8'))
    const sums = parseChecksums(fs.readFileSync(path.join(target, CHECKSUMS_FILE), 'utf8'))
    if (!sums.ok) throw new Error('SHA256SUMS did not parse')
    const restoredMedia = listFiles(restored.uploadsDir).map((rel) => ({ path: `uploads/${rel}`, sha256: hashFile(path.join(restored.uploadsDir, rel)).sha256 }))
    expect(restoredMedia).toEqual(sums.entries.filter((e) => e.path.startsWith('uploads/')))

    // The database is one moment of the writer's stream: every write acknowledged before the
    // backup started, then a run of later ones, and nothing after the first one it lacks.
    const db = new Database(restored.databasePath, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const isPresent = (a: Ack) =>
        a.kind === 'draft'
          ? db.prepare('SELECT 1 FROM articles WHERE id = ?').get(a.id) !== undefined
          : a.kind === 'article'
            ? db.prepare('SELECT 1 FROM articles WHERE id = ? AND excerpt = ? AND status = ?').get(a.id, a.excerpt, a.status) !== undefined
            : db.prepare('SELECT 1 FROM media WHERE id = ? AND storage_key = ?').get(a.id, a.storageKey) !== undefined
      const present = acks.map(isPresent)
      const kept = present.indexOf(false) === -1 ? present.length : present.indexOf(false)
      expect(present.slice(kept).every((p) => !p), 'a write missing from the middle of the backup').toBe(true)
      expect(kept).toBeGreaterThanOrEqual(ackedBeforeBackup)
      expect(kept).toBeLessThan(acks.length)
      const articleIds = acks.slice(0, kept).filter((a) => a.kind === 'draft').map((a) => a.id)
      expect((db.prepare('SELECT id FROM articles ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id)).toEqual(articleIds)
      // Every image the database names has all its files in the backup.
      for (const m of db.prepare('SELECT storage_key AS key, variants FROM media').all() as Array<{ key: string; variants: string }>) {
        for (const width of JSON.parse(m.variants) as number[]) expect(fs.existsSync(path.join(restored.uploadsDir, `${m.key}-${width}.webp`))).toBe(true)
      }
    } finally {
      db.close()
    }
  }, 120_000)

  it('restore puts the replaced data aside rather than deleting it', () => {
    const old = liveFolder('source', { note: 'the backup' })
    const target = path.join(base, `aside-${folderNumber}`)
    return createBackup(old, target).then(() => {
      const live = liveFolder('live', { note: 'newer data' })
      const before = contents(live)
      const { aside } = restoreBackup(target, live)
      expect(contents(live)).toEqual(contents(old))
      expect(aside).toHaveLength(1)
      expect(contents({ dataDir: aside[0]!, databasePath: path.join(aside[0]!, 'warta.db'), uploadsDir: path.join(aside[0]!, 'uploads') })).toEqual(before)
    })
  })

  describe('restore refuses, changing nothing', () => {
    async function setUp() {
      const source = liveFolder('source', { note: 'the backup' })
      const target = path.join(base, `backup-${folderNumber}`)
      await createBackup(source, target)
      const live = liveFolder('live', { note: 'live data' })
      return { target, live, before: contents(live) }
    }
    const expectUntouched = (live: Folder, before: Record<string, string>) => {
      expect(contents(live)).toEqual(before)
      expect(fs.readdirSync(live.dataDir).filter((name) => /^(\.restore|restore-journal|replaced-)/.test(name))).toEqual([])
    }

    it('while a server uses the data folder', async () => {
      const { target, live, before } = await setUp()
      const record = { url: 'http://127.0.0.1:3609', pid: process.pid, startedAt: new Date().toISOString() }
      fs.writeFileSync(path.join(live.dataDir, 'server.json'), JSON.stringify(record))
      expect(() => restoreBackup(target, live)).toThrow(RestoreRefused)
      expect(() => restoreBackup(target, live)).toThrow(/A Warta server \(process \d+, http:\/\/127\.0\.0\.1:3609\)/)
      expectUntouched(live, before)
    })

    it('while another process has the database open', async () => {
      const { target, live, before } = await setUp()
      const holder = spawn(
        process.execPath,
        ['-e', `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.prepare('SELECT count(*) FROM settings').get(); console.log('open'); setInterval(() => {}, 1000)`, live.databasePath],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      try {
        await new Promise((resolve) => holder.stdout.once('data', resolve))
        expect(() => restoreBackup(target, live)).toThrow(/is open in another process/)
      } finally {
        holder.kill('SIGKILL')
      }
      expectUntouched(live, before)
    })

    it('when a file of the backup does not match its checksum', async () => {
      const { target, live, before } = await setUp()
      const media = listFiles(path.join(target, 'uploads'))[0]!
      fs.appendFileSync(path.join(target, 'uploads', media), 'x')
      expect(() => restoreBackup(target, live)).toThrow(BackupUnusable)
      expect(() => restoreBackup(target, live)).toThrow(/does not match its checksum/)
      expectUntouched(live, before)
    })

    it('when the backup’s database fails the integrity check', async () => {
      const { target, live, before } = await setUp()
      // Overwrite the headers of b-tree pages, then make the checksums agree, as if the database
      // had been damaged before it was copied.
      const dbFile = path.join(target, 'warta.db')
      const fd = fs.openSync(dbFile, 'r+')
      const pageSize = 4096
      const pages = fs.fstatSync(fd).size / pageSize
      for (let page = 1; page < pages; page += 2) fs.writeSync(fd, Buffer.alloc(12, 0x0b), 0, 12, page * pageSize)
      fs.closeSync(fd)
      resign(target)
      expect(() => restoreBackup(target, live)).toThrow(BackupUnusable)
      expect(() => restoreBackup(target, live)).toThrow(/fails SQLite's integrity check/)
      expectUntouched(live, before)
    })

    it('when the backup comes from a newer Warta', async () => {
      const { target, live, before } = await setUp()
      expect(() => restoreBackup(target, live, { latestKnownMigrationAt: 1 })).toThrow(/newer version of Warta/)
      expectUntouched(live, before)
    })
  })

  it('an interrupted restore keeps the server from starting until --resume finishes it', async () => {
    const source = liveFolder('source', { note: 'the backup' })
    const target = path.join(base, `interrupted-${folderNumber}`)
    await createBackup(source, target)
    const live = liveFolder('live', { note: 'live data' })
    const before = contents(live)

    // A power cut after the live data went aside and the database came in, before the secrets
    // and media did (steps: database, secrets, uploads aside; then the three copies in).
    const crash = (index: number) => {
      if (index === 4) throw new Error('power cut')
    }
    expect(() => restoreBackup(target, live, { beforeRename: crash })).toThrow('power cut')
    expect(() => prepareDataFolder(live)).toThrow(UnfinishedRestoreError)
    expect(() => prepareDataFolder(live)).toThrow(/npm run restore -- --resume/)
    expect(() => restoreBackup(target, live)).toThrow(/did not finish/)

    const { outcome, aside } = resumeRestore(live)
    expect(outcome).toBe('finished')
    expect(contents(live)).toEqual(contents(source))
    expect(contents({ dataDir: aside[0]!, databasePath: path.join(aside[0]!, 'warta.db'), uploadsDir: path.join(aside[0]!, 'uploads') })).toEqual(before)
    expect(() => prepareDataFolder(live)).not.toThrow()
    expect(fs.readdirSync(live.dataDir).filter((name) => name.startsWith('.restore') || name.startsWith('restore'))).toEqual([])
  })

  it('--resume undoes a restore interrupted while copying, leaving the live data as it was', async () => {
    const live = liveFolder('live')
    const before = contents(live)
    const staging = path.join(live.dataDir, '.restore-staging')
    fs.mkdirSync(path.join(staging, 'uploads'), { recursive: true })
    fs.writeFileSync(path.join(staging, 'warta.db'), 'half a copy')
    const dead = spawn(process.execPath, ['-e', ''])
    await new Promise((resolve) => dead.on('exit', resolve))
    writeRestoreJournal(live.dataDir, { pid: dead.pid!, startedAt: new Date().toISOString(), source: '/backups/x', state: 'staging', staging: [staging], aside: [], steps: [], done: 0 })

    expect(() => prepareDataFolder(live)).toThrow(UnfinishedRestoreError)
    expect(resumeRestore(live).outcome).toBe('undone')
    expect(contents(live)).toEqual(before)
    expect(fs.existsSync(staging)).toBe(false)
    expect(() => prepareDataFolder(live)).not.toThrow()
  })

  it('backup refuses a folder that is not empty, or one inside the data folder', async () => {
    const live = liveFolder('live')
    const full = path.join(base, 'full')
    fs.mkdirSync(full, { recursive: true })
    fs.writeFileSync(path.join(full, 'other.txt'), 'x')
    await expect(createBackup(live, full)).rejects.toThrow(BackupRefused)
    await expect(createBackup(live, path.join(live.dataDir, 'backups'))).rejects.toThrow(/outside the data folder/)
    expect(fs.readdirSync(base).filter((name) => name.includes('.partial-'))).toEqual([])
  })

  it('backup and restore refuse a site that runs on PostgreSQL, naming its own tools', async () => {
    const live = liveFolder('on-postgres')
    const env = { ...childEnv(live), DATABASE_URL: 'postgres://warta@127.0.0.1:1/warta' }
    const target = path.join(base, 'on-postgres')
    const backup = run(TSX, ['--conditions=react-server', 'lib/cli/backup.ts', target], { env })
    await expect(backup).rejects.toMatchObject({ stderr: expect.stringContaining('pg_dump') })
    expect(fs.existsSync(target)).toBe(false)
    const restore = run(TSX, ['--conditions=react-server', 'lib/cli/restore.ts', target], { env })
    await expect(restore).rejects.toMatchObject({ stderr: expect.stringContaining('DATABASE_URL') })
  })

  it('a checksum list naming a path outside the backup is refused', () => {
    const sha = 'a'.repeat(64)
    for (const bad of ['../warta.db', '/etc/passwd', 'uploads/../secrets.json', 'uploads//x', 'uploads/a\\b', 'other.txt', 'uploads/']) {
      expect(parseChecksums(`${sha}  ${bad}\n`), bad).toEqual({ ok: false, line: 1 })
    }
    expect(parseChecksums(`${sha}  warta.db\n${sha}  uploads/2026/12/x-640.webp\n`)).toMatchObject({ ok: true })
  })
})

/** Recomputes SHA256SUMS and the manifest's checksums after a test changed a file on purpose. */
function resign(dir: string) {
  const manifestPath = path.join(dir, MANIFEST_FILE)
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest
  const sums = parseChecksums(fs.readFileSync(path.join(dir, CHECKSUMS_FILE), 'utf8'))
  if (!sums.ok) throw new Error('bad sums')
  const entries = sums.entries.map((e) => ({ path: e.path, sha256: hashFile(path.join(dir, e.path)).sha256 }))
  fs.writeFileSync(path.join(dir, CHECKSUMS_FILE), formatChecksums(entries))
  manifest.database = { ...manifest.database, ...hashFile(path.join(dir, 'warta.db')) }
  manifest.checksums = { ...manifest.checksums, ...hashFile(path.join(dir, CHECKSUMS_FILE)) }
  fs.writeFileSync(manifestPath, JSON.stringify(manifest))
}
