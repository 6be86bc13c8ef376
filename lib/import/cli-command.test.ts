import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCliCommand } from './cli-command'

describe('importCliCommand', () => {
  it('runs the import CLI through tsx under this Node, with --json, the admin as actor and --dry-run when asked', () => {
    const spec = importCliCommand('/data/imports/abc.xml', { dryRun: true, actorId: 7 })
    expect(spec).toEqual({
      command: process.execPath,
      args: [
        path.join(process.cwd(), 'node_modules/.bin/tsx'),
        '--conditions=react-server',
        'lib/cli/import-blogger.ts',
        '/data/imports/abc.xml',
        '--json',
        '--actor=7',
        '--dry-run',
      ],
      cwd: process.cwd(),
    })
    expect(importCliCommand('/f.xml', { dryRun: false, actorId: 7 }).args).not.toContain('--dry-run')
  })
})
