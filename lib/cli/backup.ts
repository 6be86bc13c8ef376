/**
 * `npm run backup -- DIR`: writes a consistent copy of the database, the generated secrets and
 * the media library into DIR (a new or empty folder) while the site keeps running, with a
 * manifest and checksums (lib/backup/create.ts, docs/decisions/013-backups.md).
 *
 * Runs at a lower CPU priority than the server, in its own process: the server's event loop
 * never waits for it, and SQLite's WAL mode lets the server write during the copy.
 * Exit codes: 0 written, 1 refused (bad DIR, no database, a damaged live database: nothing kept),
 * 2 failed unexpectedly (nothing kept).
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { BackupRefused, createBackup, postgresBackupRefusal } from '@/lib/backup/create'
import { formatBytes } from '@/lib/backup/files'
import { getEnv } from '@/lib/env'

const USAGE = `Usage: npm run backup -- DIR

Writes a backup of the data folder (DATA_DIR, DATABASE_PATH) into DIR, which must be new or
empty, e.g. a folder named after the date:
  npm run backup -- /var/backups/warta/$(date +%F)

The backup holds the database (password hashes, emails, readers' messages), the secrets that
sign sessions and the media files: keep it as private as the data folder itself.`

const NICE = 10

async function main(): Promise<number> {
  let dir: string
  try {
    const { values, positionals } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    if (positionals.length !== 1) throw new Error('Give exactly one folder to write the backup into.')
    dir = positionals[0]!
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 1
  }

  try {
    os.setPriority(NICE)
  } catch {
    // Not allowed here (some containers): run at normal priority.
  }
  const env = getEnv()
  const refusal = postgresBackupRefusal(env, 'backup')
  if (refusal) {
    console.error(refusal)
    return 1
  }
  try {
    const started = performance.now()
    const manifest = await createBackup(env, dir, { log: (line) => console.error(line) })
    const seconds = (performance.now() - started) / 1000
    const { database: db, media } = manifest
    console.log(
      [
        `Backup written to ${dir}`,
        `  database  ${formatBytes(db.bytes)}, integrity check ok (${Object.entries(db.rows).map(([t, n]) => `${n} ${t}`).join(', ')})`,
        `  secrets   ${manifest.secrets ? 'included' : 'none in the data folder'}`,
        `  media     ${media.files} files, ${formatBytes(media.bytes)}`,
        `  took      ${seconds.toFixed(1)} s`,
        'Keep it private: it holds password hashes, emails, readers’ messages and the session secrets.',
      ].join('\n'),
    )
    return 0
  } catch (error) {
    const refused = error instanceof BackupRefused
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}\nNothing was kept in ${dir}.`)
    if (!refused) console.error(error)
    return refused ? 1 : 2
  }
}

void main().then((code) => {
  process.exitCode = code
})
