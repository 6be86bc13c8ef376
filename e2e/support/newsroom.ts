import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { databaseEnv } from './database'
import { E2E_DATA_DIR } from './server'

/**
 * Runs e2e/support/newsroom-cli.ts against a data folder (the reader server's by default), as a
 * newsroom tool on the same machine would, and returns its JSON report.
 */
export function newsroom(args: string[], dataDir = E2E_DATA_DIR): { result: Record<string, unknown>; revalidated: string[] } {
  const out = execFileSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'e2e/support/newsroom-cli.ts', ...args], {
    env: { ...process.env, ...databaseEnv(dataDir), NODE_ENV: 'production' },
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').at(-1)!)
}
