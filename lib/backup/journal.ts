import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { isProcessAlive } from '@/lib/server-address'
import { fsyncPath, writeFileAtomic } from './files'

/**
 * A restore records what it is doing in `DATA_DIR/restore-journal.json` before it changes
 * anything, and removes the file when it is done. While the file exists no server starts
 * (lib/data-folder.ts), and `npm run restore -- --resume` finishes the job:
 *
 * - `staging`: the backup is being copied and checked beside the live data, which is untouched;
 *   resuming removes the copies.
 * - `swapping`: every copy was verified; the live items are being renamed aside and the copies
 *   into their place, in the order of `steps`; resuming performs the renames not yet done.
 */
export const RESTORE_JOURNAL_FILE = 'restore-journal.json'

const journalSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  /** The backup folder being restored. */
  source: z.string(),
  state: z.enum(['staging', 'swapping']),
  /** Folders holding the verified copies; removed when the restore ends either way. */
  staging: z.array(z.string()),
  /** Folders the replaced data is moved into (one, unless DATABASE_PATH lives outside DATA_DIR). */
  aside: z.array(z.string()),
  /** Renames, in order; `done` of them are known to be made (the next one may be too). */
  steps: z.array(z.object({ from: z.string(), to: z.string() })),
  done: z.number().int().nonnegative(),
})

export type RestoreJournal = z.infer<typeof journalSchema>

const journalPath = (dataDir: string) => path.join(dataDir, RESTORE_JOURNAL_FILE)

/** The unfinished restore's journal, or null when none is recorded. Throws on an unreadable one. */
export function readRestoreJournal(dataDir: string): RestoreJournal | null {
  let text: string
  try {
    text = fs.readFileSync(journalPath(dataDir), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  const parsed = journalSchema.safeParse(json)
  if (!parsed.success) {
    throw new Error(`${journalPath(dataDir)} is damaged: finish or undo the restore by hand (see docs/decisions/013-backups.md).`)
  }
  return parsed.data
}

export function writeRestoreJournal(dataDir: string, journal: RestoreJournal): void {
  writeFileAtomic(journalPath(dataDir), `${JSON.stringify(journal, null, 2)}\n`)
}

export function removeRestoreJournal(dataDir: string): void {
  fs.rmSync(journalPath(dataDir), { force: true })
  fsyncPath(dataDir)
}

/** True while the restore that wrote the journal is still running (another live process). */
export function isRestoreRunning(journal: RestoreJournal): boolean {
  return journal.pid !== process.pid && isProcessAlive(journal.pid)
}

export class UnfinishedRestoreError extends Error {}

/** Throws while a restore into `dataDir` runs or was interrupted: nothing may use the folder then. */
export function assertNoUnfinishedRestore(dataDir: string): void {
  const journal = readRestoreJournal(dataDir)
  if (!journal) return
  if (isRestoreRunning(journal)) {
    throw new UnfinishedRestoreError(
      `A restore from ${journal.source} into ${dataDir} is running (process ${journal.pid}). Start Warta when it has finished.`,
    )
  }
  throw new UnfinishedRestoreError(
    `A restore from ${journal.source} into ${dataDir} (started ${journal.startedAt}) did not finish. ` +
      'Run `npm run restore -- --resume` to complete it, then start Warta.',
  )
}
