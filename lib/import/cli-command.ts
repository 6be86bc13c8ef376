import 'server-only'
import path from 'node:path'
import type { SpawnSpec } from './jobs'

/**
 * How the server starts the Blogger import for an uploaded file: the same CLI as
 * `npm run import:blogger`, with --json so its progress can be read line by line. It runs with
 * the server's environment (DATA_DIR, DATABASE_PATH, PORT) and revalidates the server itself.
 * tsx runs under this Node binary rather than through its `#!/usr/bin/env node` line, so a PATH
 * without `node` (a service manager's) does not matter.
 */
export function importCliCommand(filePath: string, opts: { dryRun: boolean; actorId: number }): SpawnSpec {
  // turbopackIgnore: run-time locations in the installed project, not files to trace into the build.
  const root = process.cwd()
  return {
    command: process.execPath,
    args: [
      path.join(/*turbopackIgnore: true*/ root, 'node_modules', '.bin', 'tsx'),
      '--conditions=react-server',
      'lib/cli/import-blogger.ts',
      filePath,
      '--json',
      // Recorded in the audit log as who ran the import.
      `--actor=${opts.actorId}`,
      ...(opts.dryRun ? ['--dry-run'] : []),
    ],
    cwd: root,
  }
}
