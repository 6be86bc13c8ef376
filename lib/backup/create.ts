import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { makePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '@/lib/file-modes'
import { type MediaStorage, localMediaStorage } from '@/lib/media/storage'
import { copyFileHashed, flushTree, folderMaker, fsyncPath, hashFile, writeFileAtomic, writeNewFileHashed } from './files'
import {
  CHECKSUMS_FILE,
  type ChecksumEntry,
  DATABASE_FILE,
  formatChecksums,
  MANIFEST_FILE,
  type Manifest,
  SECRETS_FILE,
  UPLOADS_FOLDER,
} from './manifest'
import { hasTable, latestMigration } from './read'

export type BackupSource = {
  dataDir: string
  databasePath: string
  uploadsDir: string
  /** Where the media files are read from; default: the folder store on `uploadsDir`. */
  media?: MediaStorage
}

/** An expected refusal (bad target, missing database): the CLI prints the message and exits 1. */
export class BackupRefused extends Error {}

/** Tables whose row counts the manifest records, so a person can tell one backup from another. */
const COUNTED_TABLES = ['articles', 'users', 'media', 'labels', 'contact_messages'] as const

/**
 * Writes a backup of a data folder into `target`, which must not exist yet or be empty, while
 * the site keeps running:
 *
 * 1. the database, through SQLite's online backup API in one step: one read transaction, so the
 *    copy is a consistent snapshot and, in WAL mode, writers never wait for it;
 * 2. then the media files, read through the media store (written before their row is committed
 *    and never changed, so every file the snapshot refers to exists by now), and the secrets;
 * 3. then SHA256SUMS and manifest.json.
 *
 * Everything goes into `<target>.partial-<pid>` first and is renamed to `target` when complete
 * and flushed to disk, so a folder named `target` is always a whole backup.
 */
export async function createBackup(
  source: BackupSource,
  targetDir: string,
  opts: { log?: (line: string) => void; now?: () => Date } = {},
): Promise<Manifest> {
  const log = opts.log ?? (() => {})
  const now = opts.now ?? (() => new Date())
  const started = performance.now()
  const createdAt = now().toISOString()
  const target = path.resolve(targetDir)
  checkTarget(source, target)
  if (!fs.existsSync(source.databasePath)) throw new BackupRefused(`There is no database at ${source.databasePath}.`)

  const partial = `${target}.partial-${process.pid}`
  fs.rmSync(partial, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE })
  makePrivateDir(partial)
  try {
    const checksums: ChecksumEntry[] = []

    log('Copying the database…')
    const database = await copyDatabase(source.databasePath, path.join(partial, DATABASE_FILE), log)
    checksums.push({ path: DATABASE_FILE, sha256: database.sha256 })

    let secrets: Manifest['secrets'] = null
    const secretsFile = path.join(source.dataDir, SECRETS_FILE)
    if (fs.existsSync(secretsFile)) {
      secrets = { file: SECRETS_FILE, ...copyFileHashed(secretsFile, path.join(partial, SECRETS_FILE)) }
      checksums.push({ path: SECRETS_FILE, sha256: secrets.sha256 })
    }

    log('Copying the media files…')
    const media = await copyMedia(source.media ?? localMediaStorage(source.uploadsDir), path.join(partial, UPLOADS_FOLDER), checksums)

    checksums.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    const checksumsPath = path.join(partial, CHECKSUMS_FILE)
    writeFileAtomic(checksumsPath, formatChecksums(checksums))

    const manifest: Manifest = {
      format: 'warta-backup',
      version: 1,
      createdAt,
      durationMs: Math.round(performance.now() - started),
      source: { dataDir: source.dataDir, databasePath: source.databasePath },
      database: { file: DATABASE_FILE, ...database },
      secrets,
      media: { folder: UPLOADS_FOLDER, ...media },
      checksums: { file: CHECKSUMS_FILE, ...hashFile(checksumsPath) },
    }
    writeFileAtomic(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
    log('Flushing the backup to disk…')
    flushTree(partial)

    if (fs.existsSync(target)) fs.rmdirSync(target) // checked empty above
    fs.renameSync(partial, target)
    fsyncPath(path.dirname(target))
    return manifest
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true })
    throw error
  }
}

function checkTarget(source: BackupSource, target: string): void {
  if (target === source.dataDir || target.startsWith(`${source.dataDir}${path.sep}`)) {
    throw new BackupRefused(`Write backups outside the data folder (${source.dataDir}): a backup on the same folder is replaced or lost with it.`)
  }
  let entries: string[]
  try {
    entries = fs.readdirSync(target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    if (code === 'ENOTDIR') throw new BackupRefused(`${target} is a file, not a folder.`)
    throw error
  }
  if (entries.length > 0) throw new BackupRefused(`${target} is not empty: give a new folder for each backup (e.g. one named after the date).`)
}

type DatabaseCopy = Omit<Manifest['database'], 'file'>

async function copyDatabase(from: string, to: string, log: (line: string) => void): Promise<DatabaseCopy> {
  // SQLite creates the copy (and its journal) with the mode of an existing file: make it 0600 first.
  fs.closeSync(fs.openSync(to, 'wx', PRIVATE_FILE_MODE))
  const live = new Database(from, { fileMustExist: true, timeout: 5_000 })
  try {
    // One step copies every page under one read transaction: a consistent snapshot. Smaller steps
    // would let the server's writes in between, and SQLite restarts the copy after each of them.
    await live.backup(to, { progress: () => Number.MAX_SAFE_INTEGER })
  } finally {
    live.close()
  }

  const copy = new Database(to, { fileMustExist: true })
  let integrity: string
  let latestMigrationAt: number | null
  const rows: Record<string, number> = {}
  try {
    // The copy keeps the live file's WAL flag; a backup is one self-contained file.
    copy.pragma('journal_mode = DELETE')
    log('Checking the copy (PRAGMA integrity_check)…')
    const problems = copy.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>
    integrity = problems.map((p) => p.integrity_check).join('; ')
    if (integrity !== 'ok') {
      throw new BackupRefused(`The live database fails SQLite's integrity check; the backup was not written. First problems: ${integrity.slice(0, 500)}`)
    }
    latestMigrationAt = latestMigration(copy)
    for (const table of COUNTED_TABLES) {
      if (hasTable(copy, table)) rows[table] = (copy.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
    }
  } finally {
    copy.close()
  }
  log('Computing checksums…')
  return { integrityCheck: 'ok', latestMigrationAt, rows, ...hashFile(to) }
}

/**
 * Every file of the media store, through lib/media/storage.ts (so a store that is not a folder
 * is backed up the same way), into `to` under its key, hashed while copied.
 */
async function copyMedia(from: MediaStorage, to: string, checksums: ChecksumEntry[]): Promise<{ files: number; bytes: number }> {
  fs.mkdirSync(to, { mode: PRIVATE_DIR_MODE })
  const makeFolder = folderMaker(to)
  let files = 0
  let bytes = 0
  for (const { key } of await from.list('')) {
    // Read whole, one at a time: a media file is at most a few hundred KB, and this costs about
    // half of streaming each one (measured on 2,000 files).
    const data = await from.read(key)
    // Warta never removes a media file; one removed by hand since the store was listed is skipped.
    if (!data) continue
    makeFolder(key)
    const copied = writeNewFileHashed(path.join(to, key), data)
    checksums.push({ path: `${UPLOADS_FOLDER}/${key}`, sha256: copied.sha256 })
    files += 1
    bytes += copied.bytes
  }
  return { files, bytes }
}

/**
 * Why `npm run backup` and `npm run restore` refuse on this site, or null: they copy the SQLite
 * file, and with DATABASE_URL the data lives in PostgreSQL, whose own tools do it consistently.
 */
export function postgresBackupRefusal(env: { databaseUrl: string | null }, action: 'backup' | 'restore'): string | null {
  if (!env.databaseUrl) return null
  return action === 'backup'
    ? 'This site runs on PostgreSQL (DATABASE_URL): back up the database with pg_dump (e.g. pg_dump -Fc -f warta.dump "$DATABASE_URL") and DATA_DIR (media, secrets) with your file backup. `npm run backup` copies the SQLite file only.'
    : 'This site runs on PostgreSQL (DATABASE_URL): restore the database with pg_restore and DATA_DIR from your file backup. `npm run restore` restores the SQLite file only.'
}
