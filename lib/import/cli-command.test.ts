import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCliCommand } from './cli-command'

describe('importCliCommand', () => {
  it('runs the import CLI through tsx under this Node, with --json and --dry-run when asked', () => {
    const spec = importCliCommand('/data/imports/abc.xml', { dryRun: true })
    expect(spec).toEqual({
      command: process.execPath,
      args: [
        path.join(process.cwd(), 'node_modules/.bin/tsx'),
        '--conditions=react-server',
        'lib/cli/import-blogger.ts',
        '/data/imports/abc.xml',
        '--json',
        '--dry-run',
      ],
      cwd: process.cwd(),
    })
    expect(importCliCommand('/f.xml', { dryRun: false }).args).not.toContain('--dry-run')
  })
})
