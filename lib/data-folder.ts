import fs from 'node:fs'
import path from 'node:path'
import { assertNoUnfinishedRestore } from '@/lib/backup/journal'
import { isOpenToOthers, makePrivateDir, makePrivateFile, makeTreePrivate } from '@/lib/file-modes'

export type DataFolder = { dataDir: string; databasePath: string }

/**
 * Runs before anything else touches the data folder, from `npm start` (lib/cli/prepare.ts) and
 * again from instrumentation.ts for a bare `next start`:
 *
 * - refuses to go on while a restore is unfinished (lib/backup/journal.ts), so that no server ever
 *   runs on a half-restored folder;
 * - makes the folder 0700 and its files 0600 (finding 11 of issue 10), which corrects installs
 *   from before files were created private.
 *
 * Walking a large uploads folder takes seconds, so a subfolder's tree is only walked while the
 * subfolder itself is open to others: everything Warta creates now is private from the start,
 * and a subfolder that is 0700 was either created so or already corrected.
 */
export function prepareDataFolder(folder: DataFolder): void {
  assertNoUnfinishedRestore(folder.dataDir)
  makePrivateDir(folder.dataDir)
  for (const entry of fs.readdirSync(folder.dataDir, { withFileTypes: true })) {
    const full = path.join(folder.dataDir, entry.name)
    if (entry.isFile()) makePrivateFile(full)
    else if (entry.isDirectory() && isOpenToOthers(full)) makeTreePrivate(full)
  }
  // DATABASE_PATH may live outside DATA_DIR; openDatabase() corrects it too, this covers tools
  // that open it another way.
  for (const suffix of ['', '-wal', '-shm']) makePrivateFile(folder.databasePath + suffix)
}
