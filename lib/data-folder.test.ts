import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '@/db/connection'
import { getEnv } from '@/lib/env'
import { receiveXmlUpload } from '@/lib/import/upload'
import { storeImage } from '@/lib/media/process'

// Finding 11 (issue 10): the database, its WAL and the import uploads were created 0644 under a
// 0755 folder, so every account on the machine could read password hashes, staff emails and
// readers' messages. The usual umask (022) is what made them so; the tests run under it.
let savedUmask: number
beforeAll(() => {
  savedUmask = process.umask(0o022)
})
afterAll(() => {
  process.umask(savedUmask)
})

const modeOf = (p: string) => fs.statSync(p).mode & 0o777
const base = path.join(getEnv().dataDir, 'finding-11')
let caseNumber = 0
const freshFolder = () => path.join(base, `case-${++caseNumber}`)

describe('finding 11: the data folder is readable by the server’s user only', () => {
  it('a new database is created in a 0700 folder, and the database, its WAL and shared memory are 0600', () => {
    const dir = freshFolder()
    const file = path.join(dir, 'warta.db')
    const db = openDatabase(file)
    db.$client.exec('CREATE TABLE notes (body TEXT)')
    db.$client.prepare('INSERT INTO notes VALUES (?)').run('pesan pembaca')
    try {
      expect(modeOf(dir).toString(8)).toBe('700')
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([path.basename(f), modeOf(f).toString(8)]).toEqual([path.basename(f), '600'])
    } finally {
      db.$client.close()
    }
  })

  it('opening an existing world-readable database makes it and its WAL 0600', () => {
    const dir = freshFolder()
    const file = path.join(dir, 'warta.db')
    const first = openDatabase(file)
    first.$client.exec('CREATE TABLE notes (body TEXT)')
    first.$client.prepare('INSERT INTO notes VALUES (?)').run('pesan pembaca')
    // As an install from before the fix left them (the writer stays open so its WAL remains).
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.chmodSync(f, 0o644)
    const second = openDatabase(file)
    try {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([path.basename(f), modeOf(f).toString(8)]).toEqual([path.basename(f), '600'])
    } finally {
      second.$client.close()
      first.$client.close()
    }
  })

  it('uploaded images are written 0600 in 0700 folders', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } }).jpeg().toBuffer()
    const stored = await storeImage(jpeg, { originalName: 'foto.jpg', now: new Date('2026-11-20T03:00:00Z') })
    const { uploadsDir } = getEnv()
    const [year, month] = stored.storageKey.split('/')
    for (const dir of [uploadsDir, path.join(uploadsDir, year!), path.join(uploadsDir, year!, month!)]) {
      expect([dir, modeOf(dir).toString(8)]).toEqual([dir, '700'])
    }
    for (const width of stored.variants) {
      const file = path.join(uploadsDir, `${stored.storageKey}-${width}.webp`)
      expect([file, modeOf(file).toString(8)]).toEqual([file, '600'])
    }
  })

  it('an uploaded Blogger export is written 0600', async () => {
    const dir = freshFolder()
    fs.mkdirSync(dir, { recursive: true })
    const dest = path.join(dir, 'export.xml')
    const body = new Blob(["<?xml version='1.0'?><feed><entry>surat pembaca</entry></feed>"]).stream()
    expect(await receiveXmlUpload(body, dest)).toMatchObject({ ok: true })
    expect(modeOf(dest).toString(8)).toBe('600')
  })

  it('the folder holding generated secrets is created 0700', async () => {
    const saved = process.env.DATA_DIR
    const dir = freshFolder()
    process.env.DATA_DIR = dir
    try {
      vi.resetModules()
      const { getSecret } = await import('./secrets')
      getSecret('auth')
      expect(modeOf(dir).toString(8)).toBe('700')
      expect(modeOf(path.join(dir, 'secrets.json')).toString(8)).toBe('600')
    } finally {
      process.env.DATA_DIR = saved
      vi.resetModules()
    }
  })

  it('on start, an existing install’s folder and files are made private, uploads and import files included', async () => {
    const dataDir = freshFolder()
    const uploadsDir = path.join(dataDir, 'uploads')
    const databasePath = path.join(dataDir, 'warta.db')
    const dirs = [dataDir, uploadsDir, path.join(uploadsDir, '2026'), path.join(uploadsDir, '2026', '11'), path.join(dataDir, 'imports')]
    const files = [
      databasePath,
      `${databasePath}-wal`,
      `${databasePath}-shm`,
      path.join(dataDir, 'secrets.json'),
      path.join(dataDir, 'server.json'),
      path.join(uploadsDir, '2026', '11', '0123456789abcdef-640.webp'),
      path.join(dataDir, 'imports', 'job.xml'),
    ]
    for (const dir of dirs) fs.mkdirSync(dir, { recursive: true, mode: 0o755 })
    for (const file of files) fs.writeFileSync(file, '', { mode: 0o644 })
    for (const dir of dirs) fs.chmodSync(dir, 0o755)

    const { prepareDataFolder } = await import('./data-folder')
    prepareDataFolder({ dataDir, databasePath })

    expect(Object.fromEntries(dirs.map((d) => [path.relative(dataDir, d) || '.', modeOf(d).toString(8)]))).toEqual(
      Object.fromEntries(dirs.map((d) => [path.relative(dataDir, d) || '.', '700'])),
    )
    expect(Object.fromEntries(files.map((f) => [path.relative(dataDir, f), modeOf(f).toString(8)]))).toEqual(
      Object.fromEntries(files.map((f) => [path.relative(dataDir, f), '600'])),
    )
  })
})
