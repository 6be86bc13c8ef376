import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { E2E_DATA_DIR, E2E_PORT } from './server'

/**
 * Runs e2e/support/url-history.ts against the e2e server's data folder, as a newsroom tool on
 * the same machine would, and returns its JSON report.
 */
export function urlHistory(...args: string[]): { result: Record<string, unknown>; revalidated: string[] } {
  const out = execFileSync(
    path.resolve('node_modules/.bin/tsx'),
    ['--conditions=react-server', 'e2e/support/url-history.ts', ...args],
    { env: { ...process.env, DATA_DIR: E2E_DATA_DIR, PORT: String(E2E_PORT), NODE_ENV: 'production' }, encoding: 'utf8' },
  )
  return JSON.parse(out.trim().split('\n').at(-1)!)
}
