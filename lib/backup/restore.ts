import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { makePrivateDir, PRIVATE_DIR_MODE } from '@/lib/file-modes'
import { readServerAddress } from '@/lib/server-address'
import { copyFileHashed, flushTree, folderMaker, formatBytes, fsyncPath } from './files'
import { isRestoreRunning, readRestoreJournal, removeRestoreJournal, type RestoreJournal, writeRestoreJournal } from './journal'
import { DATABASE_FILE, type Manifest, SECRETS_FILE, UPLOADS_FOLDER } from './manifest'
import { BackupUnusable, checkDatabaseIntegrity, latestMigration, openBackup } from './read'

export type RestoreTarget = { dataDir: string; databasePath: string; uploadsDir: string }

/** Restoring now would be unsafe (a server or tool uses the folder, no space, …): nothing was changed. */
export class RestoreRefused extends Error {}

export type RestoreOptions = {
  log?: (line: string) => void
  now?: () => Date
  /** `created_at` of the newest migration this code knows; a backup with a newer one is refused. */
  latestKnownMigrationAt?: number | null
  /** Test hook: called before each rename of the swap, to simulate a crash part way. */
  beforeRename?: (index: number) => void
}

export type RestoreOutcome = { manifest: Manifest; aside: string[] }

const STAGING_FOLDER = '.restore-staging'
// Room left free on the disk after staging, so the server is not started onto a full disk.
const SPARE_BYTES = 64 * 1024 * 1024

/**
 * Replaces the data folder's database, secrets and media with a backup's, safely:
 *
 * 1. refuses while a server or another process uses the database, while another restore is
 *    unfinished, or when the disk cannot hold a second copy;
 * 2. copies the backup next to the live data (same file system, so the swap is renames), checking
 *    every file against its checksum and the database with `PRAGMA integrity_check`;
 * 3. renames the live items aside into `replaced-<time>/` and the copies into their place,
 *    recording each step in a journal first, so an interruption is finished by `--resume`
 *    and no server starts on a half-restored folder (lib/backup/journal.ts).
 *
 * Anything else in the data folder (imports in progress, other files) is left as it is.
 */
export function restoreBackup(sourceDir: string, target: RestoreTarget, opts: RestoreOptions = {}): RestoreOutcome {
  const log = opts.log ?? (() => {})
  const backup = openBackup(sourceDir)
  const { manifest } = backup
  const inData = (p: string) => p === target.dataDir || p.startsWith(`${target.dataDir}${path.sep}`)
  if (inData(backup.dir)) {
    throw new RestoreRefused('The backup lies inside the data folder it would replace; move it elsewhere first.')
  }

  const unfinished = fs.existsSync(target.dataDir) ? readRestoreJournal(target.dataDir) : null
  if (unfinished) {
    throw new RestoreRefused(
      isRestoreRunning(unfinished)
        ? `Another restore into ${target.dataDir} is running (process ${unfinished.pid}).`
        : `An earlier restore into ${target.dataDir} did not finish: run \`npm run restore -- --resume\` first.`,
    )
  }
  refuseWhileServed(target)
  const hold = holdDatabase(target.databasePath)

  let journal: RestoreJournal | undefined
  const stagingData = path.join(target.dataDir, STAGING_FOLDER)
  const stagingDb = path.join(path.dirname(target.databasePath), STAGING_FOLDER)
  const staging = [...new Set([stagingData, stagingDb])]
  try {
    makePrivateDir(target.dataDir)
    fs.mkdirSync(path.dirname(target.databasePath), { recursive: true, mode: PRIVATE_DIR_MODE })
    ensureSpace(target, manifest)

    journal = {
      pid: process.pid,
      startedAt: (opts.now?.() ?? new Date()).toISOString(),
      source: backup.dir,
      state: 'staging',
      staging,
      aside: [],
      steps: [],
      done: 0,
    }
    for (const dir of staging) fs.rmSync(dir, { recursive: true, force: true })
    writeRestoreJournal(target.dataDir, journal)
    for (const dir of staging) makePrivateDir(dir)

    log(`Copying and checking ${backup.entries.length} files from ${backup.dir}…`)
    const stagedDb = path.join(stagingDb, DATABASE_FILE)
    const makeFolder = folderMaker(stagingData)
    fs.mkdirSync(path.join(stagingData, UPLOADS_FOLDER), { mode: PRIVATE_DIR_MODE })
    for (const entry of backup.entries) {
      const dest = entry.path === DATABASE_FILE ? stagedDb : path.join(stagingData, entry.path)
      if (entry.path !== DATABASE_FILE) makeFolder(entry.path)
      if (copyFileHashed(path.join(backup.dir, entry.path), dest).sha256 !== entry.sha256) {
        throw new BackupUnusable(`${entry.path} in ${backup.dir} does not match its checksum: the backup is damaged. Nothing was changed.`)
      }
    }
    log('Running the database integrity check…')
    const integrity = checkDatabaseIntegrity(stagedDb)
    if (integrity !== 'ok') {
      throw new BackupUnusable(`The backup's database fails SQLite's integrity check (${integrity.slice(0, 300)}). Nothing was changed.`)
    }
    refuseNewerSchema(stagedDb, opts.latestKnownMigrationAt)
    for (const dir of staging) flushTree(dir)
  } catch (error) {
    hold?.close()
    for (const dir of staging) fs.rmSync(dir, { recursive: true, force: true })
    if (journal) removeRestoreJournal(target.dataDir)
    throw error
  }

  // Closing the last connection folds the WAL into the live database, so what is kept aside is
  // one whole file.
  hold?.close()
  const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
  const asideData = path.join(target.dataDir, `replaced-${stamp}`)
  const asideDb = path.join(path.dirname(target.databasePath), `replaced-${stamp}`)
  const steps: RestoreJournal['steps'] = []
  const moveAside = (from: string, folder: string) => {
    if (fs.existsSync(from)) steps.push({ from, to: path.join(folder, path.basename(from)) })
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) moveAside(target.databasePath + suffix, asideDb)
  if (manifest.secrets) moveAside(path.join(target.dataDir, SECRETS_FILE), asideData)
  // The media store is swapped as a whole folder, by rename under the journal: this is the folder
  // store's (lib/media/storage.ts localMediaStorage); another store would be restored file by file.
  moveAside(target.uploadsDir, asideData)
  steps.push({ from: path.join(stagingDb, DATABASE_FILE), to: target.databasePath })
  if (manifest.secrets) steps.push({ from: path.join(stagingData, SECRETS_FILE), to: path.join(target.dataDir, SECRETS_FILE) })
  steps.push({ from: path.join(stagingData, UPLOADS_FOLDER), to: target.uploadsDir })

  const aside = [...new Set([asideData, asideDb])]
  for (const dir of aside) makePrivateDir(dir)
  journal = { ...journal, state: 'swapping', aside, steps, done: 0 }
  writeRestoreJournal(target.dataDir, journal)
  const movesAside = steps.some((step) => aside.includes(path.dirname(step.to)))
  log(movesAside ? `Replacing the data (the current data is kept in ${aside.join(' and ')})…` : 'Moving the restored data into place…')
  finishSwap(target, journal, opts)
  return { manifest, aside: aside.filter((dir) => fs.existsSync(dir)) }
}

/**
 * Completes an interrupted restore: one that was still copying is undone (the live data was
 * never touched), one that was swapping is finished (its copies were all verified).
 */
export function resumeRestore(target: RestoreTarget, opts: RestoreOptions = {}): { outcome: 'none' | 'undone' | 'finished'; aside: string[] } {
  const journal = fs.existsSync(target.dataDir) ? readRestoreJournal(target.dataDir) : null
  if (!journal) return { outcome: 'none', aside: [] }
  if (isRestoreRunning(journal)) throw new RestoreRefused(`The restore is still running (process ${journal.pid}); wait for it.`)
  if (journal.state === 'staging') {
    for (const dir of journal.staging) fs.rmSync(dir, { recursive: true, force: true })
    removeRestoreJournal(target.dataDir)
    return { outcome: 'undone', aside: [] }
  }
  refuseWhileServed(target)
  const mine = { ...journal, pid: process.pid }
  writeRestoreJournal(target.dataDir, mine)
  finishSwap(target, mine, opts)
  return { outcome: 'finished', aside: journal.aside.filter((dir) => fs.existsSync(dir)) }
}

function finishSwap(target: RestoreTarget, journal: RestoreJournal, opts: RestoreOptions): void {
  for (let i = journal.done; i < journal.steps.length; i++) {
    const { from, to } = journal.steps[i]!
    const hasFrom = fs.existsSync(from)
    const hasTo = fs.existsSync(to)
    // Step `done` may have been made just before an interruption, before the journal said so.
    const alreadyMade = i === journal.done && !hasFrom && hasTo
    if (!alreadyMade) {
      if (!hasFrom || hasTo) {
        throw new Error(`Cannot finish the restore: expected ${from} and no ${to}. See docs/decisions/013-backups.md to finish by hand.`)
      }
      opts.beforeRename?.(i)
      fs.renameSync(from, to)
      fsyncPath(path.dirname(from))
      fsyncPath(path.dirname(to))
    }
    journal.done = i + 1
    writeRestoreJournal(target.dataDir, journal)
  }
  for (const dir of journal.staging) fs.rmSync(dir, { recursive: true, force: true })
  for (const dir of journal.aside) {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir)
  }
  removeRestoreJournal(target.dataDir)
}

function refuseWhileServed(target: RestoreTarget): void {
  const server = readServerAddress(target.dataDir)
  if (server) {
    throw new RestoreRefused(`A Warta server (process ${server.pid}, ${server.url}) is using ${target.dataDir}. Stop it, then restore.`)
  }
}

/**
 * Opens the live database and takes SQLite's exclusive lock, kept until the swap: it fails at
 * once while any other process (a server without server.json, an import, a script) has the
 * database open, and keeps them from opening it meanwhile.
 */
function holdDatabase(file: string): Database.Database | null {
  if (!fs.existsSync(file)) return null
  const db = new Database(file, { fileMustExist: true, timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
    db.exec('COMMIT')
    return db
  } catch (error) {
    db.close()
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new RestoreRefused(`${file} is open in another process (a server, an import or another tool). Stop it, then restore.`)
    }
    throw error
  }
}

function ensureSpace(target: RestoreTarget, manifest: Manifest): void {
  const needs = new Map<string, number>()
  const add = (dir: string, bytes: number) => needs.set(dir, (needs.get(dir) ?? 0) + bytes)
  add(path.dirname(target.databasePath), manifest.database.bytes)
  add(target.dataDir, manifest.media.bytes + (manifest.secrets?.bytes ?? 0))
  for (const [dir, bytes] of needs) {
    const stats = fs.statfsSync(dir)
    const free = stats.bavail * stats.bsize
    if (free < bytes + SPARE_BYTES) {
      throw new RestoreRefused(
        `Not enough free disk space in ${dir}: the restore needs ${formatBytes(bytes + SPARE_BYTES)} (the current data is kept aside), ${formatBytes(free)} is free.`,
      )
    }
  }
}

function refuseNewerSchema(stagedDb: string, latestKnown: number | null | undefined): void {
  if (latestKnown === undefined || latestKnown === null) return
  const db = new Database(stagedDb, { readonly: true, fileMustExist: true })
  let latest: number | null
  try {
    latest = latestMigration(db)
  } finally {
    db.close()
  }
  if (latest !== null && latest > latestKnown) {
    throw new BackupUnusable('The backup was made by a newer version of Warta (its database has migrations this version does not know). Update Warta, then restore. Nothing was changed.')
  }
}
