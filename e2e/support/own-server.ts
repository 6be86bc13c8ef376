import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/*
 * Extra production servers a spec starts itself, on the build the suite's own servers use:
 * several processes on one data folder (as `npm start` runs them, or as several machines would),
 * or a fresh process whose caches are empty. `npm start` would repeat the build check; these run
 * `lib/cli/prepare.ts` once per data folder and then `node server.mjs` directly.
 */

const TSX = path.resolve('node_modules/.bin/tsx')

/** A fresh data folder with migrations applied and, unless `seed` is false, the demo content. */
export function prepareDataDir(dataDir: string, opts: { seed?: boolean; port: number }): void {
  fs.rmSync(dataDir, { recursive: true, force: true })
  const result = spawnSync(TSX, ['--conditions=react-server', 'lib/cli/prepare.ts'], {
    env: serverEnv(dataDir, opts.port, { SEED_DEMO: opts.seed === false ? '0' : '1' }),
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`prepare failed: ${result.stderr}${result.stdout}`)
}

function serverEnv(dataDir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SITE_URL: `http://localhost:${port}`,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  }
}

export type OwnServer = { url: string; process: ChildProcess; output: () => string; stop: () => Promise<void> }

/** Starts `node server.mjs` on a data folder and resolves once it serves. */
export async function startServer(
  dataDir: string,
  port: number,
  opts: { processes?: number; env?: Record<string, string> } = {},
  // SITE_URL defaults to this server's own address; opts.env.SITE_URL names another.
): Promise<OwnServer> {
  let output = ''
  const child = spawn(process.execPath, ['server.mjs'], {
    env: serverEnv(dataDir, port, { WEB_CONCURRENCY: String(opts.processes ?? 1), ...opts.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const url = `http://localhost:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited: ${output}`)
    if (/Warta ready/.test(output)) break
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start: ${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
