/**
 * `npm run restore -- DIR` brings a backup made by `npm run backup` back into the data folder
 * (DATA_DIR, DATABASE_PATH); `--check` only verifies the backup; `--resume` finishes a restore
 * that was interrupted (lib/backup/restore.ts, docs/decisions/013-backups.md).
 *
 * Refuses while a server or another process uses the data folder. The replaced data is kept in
 * DATA_DIR/replaced-<time>/. Exit codes: 0 done, 1 refused or damaged backup (nothing changed),
 * 2 failed unexpectedly (run it again with --resume if it says so).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { MIGRATIONS_FOLDER } from '@/db/migrate'
import { BackupUnusable, checkBackup, openBackup } from '@/lib/backup/read'
import { formatBytes } from '@/lib/backup/files'
import { RestoreRefused, restoreBackup, resumeRestore } from '@/lib/backup/restore'
import { postgresBackupRefusal } from '@/lib/backup/create'
import { getEnv } from '@/lib/env'

const USAGE = `Usage:
  npm run restore -- DIR            replace the data folder's database, secrets and media with the backup in DIR
  npm run restore -- DIR --check    only verify the backup (checksums and database integrity)
  npm run restore -- --resume       finish a restore that was interrupted

Stop the server first. The data that is replaced is kept in DATA_DIR/replaced-<time>/.`

function readArgs(): { dir: string | null; check: boolean; resume: boolean } {
  const { values, positionals } = parseArgs({
    options: { check: { type: 'boolean', default: false }, resume: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  if (values.resume ? positionals.length !== 0 || values.check : positionals.length !== 1) throw new Error('Give one backup folder, or --resume alone.')
  return { dir: positionals[0] ?? null, check: values.check, resume: values.resume }
}

/** `when` of the newest migration in drizzle/ (drizzle records it as the migration's created_at). */
function latestKnownMigrationAt(): number | null {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number }> }
  return journal.entries.reduce<number | null>((max, e) => (max === null || e.when > max ? e.when : max), null)
}

function main(): number {
  let args: ReturnType<typeof readArgs>
  try {
    args = readArgs()
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 1
  }
  const env = getEnv()
  const refusal = postgresBackupRefusal(env, 'restore')
  if (refusal) {
    console.error(refusal)
    return 1
  }
  const log = (line: string) => console.error(line)
  try {
    if (args.resume) {
      const result = resumeRestore(env, { log })
      if (result.outcome === 'none') console.log(`No unfinished restore in ${env.dataDir}.`)
      else if (result.outcome === 'undone') console.log('The interrupted restore had not changed anything yet; its copies are removed. Run the restore again.')
      else console.log(`Restore finished. The replaced data is in ${result.aside.join(' and ') || '(nothing was replaced)'}.`)
      return 0
    }
    const backup = openBackup(args.dir!)
    if (args.check) {
      const problems = checkBackup(backup, log)
      if (problems.length > 0) {
        console.error(`The backup in ${backup.dir} is damaged:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
        return 1
      }
      console.log(`The backup in ${backup.dir} (made ${backup.manifest.createdAt}) is whole: every checksum matches, integrity check ok.`)
      return 0
    }
    const { manifest, aside } = restoreBackup(backup.dir, env, { log, latestKnownMigrationAt: latestKnownMigrationAt() })
    console.log(
      [
        `Restored the backup made ${manifest.createdAt} into ${env.dataDir}`,
        `  database ${formatBytes(manifest.database.bytes ?? 0)}, ${manifest.media.files} media files, secrets ${manifest.secrets ? 'restored' : 'kept (none in the backup)'}`,
        aside.length > 0 ? `The data it replaced is in ${aside.join(' and ')}: delete it once the site works.` : 'Nothing was replaced (the data folder was empty).',
        'Start Warta again (npm start).',
      ].join('\n'),
    )
    return 0
  } catch (error) {
    const refused = error instanceof RestoreRefused || error instanceof BackupUnusable
    console.error(`Restore ${refused ? 'refused' : 'failed'}: ${error instanceof Error ? error.message : String(error)}`)
    if (!refused) {
      console.error(error)
      console.error('If a restore journal remains in the data folder, run `npm run restore -- --resume`.')
    }
    return refused ? 1 : 2
  }
}

process.exitCode = main()
