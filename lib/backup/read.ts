import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { hashFile } from './files'
import { CHECKSUMS_FILE, type ChecksumEntry, DATABASE_FILE, MANIFEST_FILE, type Manifest, manifestSchema, parseChecksums, SECRETS_FILE } from './manifest'

/** The backup cannot be used (missing, damaged, from a newer Warta): the CLI prints the message and exits 1. */
export class BackupUnusable extends Error {}

export type OpenedBackup = { dir: string; manifest: Manifest; entries: ChecksumEntry[] }

/**
 * Reads a backup folder's manifest and checksum list and checks that they agree and that every
 * listed file is there. Fast: file contents are checked while they are copied (or by checkBackup).
 */
export function openBackup(dirArg: string): OpenedBackup {
  const dir = path.resolve(dirArg)
  let manifestText: string
  try {
    manifestText = fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')
  } catch {
    throw new BackupUnusable(`${dir} has no ${MANIFEST_FILE}: it is not a Warta backup, or the backup did not finish.`)
  }
  let json: unknown
  try {
    json = JSON.parse(manifestText)
  } catch {
    json = null
  }
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) throw new BackupUnusable(`${path.join(dir, MANIFEST_FILE)} is damaged or not from this version of Warta.`)
  const manifest = parsed.data

  const checksumsPath = path.join(dir, CHECKSUMS_FILE)
  if (!fs.existsSync(checksumsPath) || hashFile(checksumsPath).sha256 !== manifest.checksums.sha256) {
    throw new BackupUnusable(`${checksumsPath} is missing or does not match the manifest: the backup is damaged.`)
  }
  const checksums = parseChecksums(fs.readFileSync(checksumsPath, 'utf8'))
  if (!checksums.ok) throw new BackupUnusable(`${checksumsPath} line ${checksums.line} is not a file a Warta backup holds.`)
  const { entries } = checksums

  const byPath = new Map(entries.map((e) => [e.path, e.sha256]))
  const mediaCount = entries.filter((e) => e.path !== DATABASE_FILE && e.path !== SECRETS_FILE).length
  if (
    byPath.get(DATABASE_FILE) !== manifest.database.sha256 ||
    byPath.get(SECRETS_FILE) !== manifest.secrets?.sha256 ||
    mediaCount !== manifest.media.files
  ) {
    throw new BackupUnusable(`${MANIFEST_FILE} and ${CHECKSUMS_FILE} in ${dir} disagree: the backup is damaged.`)
  }
  const missing = entries.filter((e) => !fs.statSync(path.join(dir, e.path), { throwIfNoEntry: false })?.isFile())
  if (missing.length > 0) {
    const names = missing.slice(0, 5).map((e) => e.path).join(', ')
    throw new BackupUnusable(`${missing.length} file(s) listed in the backup are missing (${names}${missing.length > 5 ? ', …' : ''}): the backup is damaged.`)
  }
  return { dir, manifest, entries }
}

/** Runs SQLite's full integrity check; returns 'ok' or the first problems it reports. */
export function checkDatabaseIntegrity(file: string): string {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const rows = db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>
    return rows.map((r) => r.integrity_check).join('; ')
  } catch (error) {
    // Damage bad enough that SQLite cannot even read the schema to check it.
    const code = (error as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return (error as Error).message
    throw error
  } finally {
    db?.close()
  }
}

/**
 * Verifies a backup in place without restoring it: every file against its checksum, and the
 * database against SQLite's integrity check. Returns the problems found (none: usable).
 */
export function checkBackup(backup: OpenedBackup, log: (line: string) => void = () => {}): string[] {
  const problems: string[] = []
  log(`Checking ${backup.entries.length} files against their checksums…`)
  for (const entry of backup.entries) {
    if (hashFile(path.join(backup.dir, entry.path)).sha256 !== entry.sha256) problems.push(`${entry.path} does not match its checksum`)
  }
  if (problems.length === 0) {
    log('Running the database integrity check…')
    const integrity = checkDatabaseIntegrity(path.join(backup.dir, DATABASE_FILE))
    if (integrity !== 'ok') problems.push(`the database fails SQLite's integrity check: ${integrity}`)
  }
  return problems
}

export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined
}

/** `created_at` of the newest migration drizzle applied to this database, or null for none. */
export function latestMigration(db: Database.Database): number | null {
  if (!hasTable(db, '__drizzle_migrations')) return null
  const row = db.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }
  return row.at === null ? null : Number(row.at)
}
