import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import path from 'node:path'
import { databaseEnv, resetDataDir } from './database'

/*
 * Production servers a spec starts itself, on the build the suite's own servers made (the two
 * servers of playwright.config.ts live for the whole run): servers to stop, kill or restart;
 * several processes on one data folder (as `npm start` runs them, or as several machines
 * would); a fresh process whose caches are empty. Started as `npm start` does it, minus npm:
 * lib/cli/prepare.ts (migrate, and seed unless told not to; the build exists), then
 * `node server.mjs`, so the process killed is the server itself.
 */

const TSX = path.resolve('node_modules/.bin/tsx')

export function ownServerEnv(dataDir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...databaseEnv(dataDir),
    PORT: String(port),
    SITE_URL: `http://localhost:${port}`,
    SEED_DEMO: '0',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  }
}

/** A fresh data folder (and database) with migrations applied and, unless `seed` is false, the demo content. */
export function prepareDataDir(dataDir: string, opts: { seed?: boolean; port: number }): void {
  resetDataDir(dataDir)
  execFileSync(TSX, ['--conditions=react-server', 'lib/cli/prepare.ts'], {
    env: ownServerEnv(dataDir, opts.port, { SEED_DEMO: opts.seed === false ? '0' : '1' }),
    stdio: 'pipe',
  })
}

export type OwnServer = {
  /** Where it answers (also baseURL, for Playwright's naming). */
  url: string
  baseURL: string
  dataDir: string
  env: NodeJS.ProcessEnv
  /** The process that listens: the cluster primary (npm, started with `npm`); SIGKILL to it leaves its server processes to exit by themselves. */
  pid: number
  process: ChildProcess
  output: () => string
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  kill: () => Promise<void>
  /** SIGTERM: a clean stop. */
  stop: () => Promise<void>
  /**
   * Sends a signal without waiting: to the whole process group when started with `group` (as
   * systemd's default KillMode and a terminal's Ctrl+C do), else to the listening process.
   */
  signal: (signal: NodeJS.Signals) => void
  /** Resolves with the exit code (null when a signal ended it) once the process has exited. */
  exited: Promise<number | null>
}

/**
 * Starts `node server.mjs` on a prepared data folder and resolves once it serves. One server
 * process unless `processes` says more. `env` adds or overrides variables (e.g. another
 * SITE_URL, so that two servers print the same addresses). `group` starts it in a process group
 * of its own, which `signal` then reaches whole. `npm` starts it as a newsroom does, with
 * `npm start` (prepare.ts again, then server.mjs under npm), where `pid` is npm's.
 */
export async function startServer(
  dataDir: string,
  port: number,
  opts: { processes?: number; env?: Record<string, string>; group?: boolean; npm?: boolean } = {},
): Promise<OwnServer> {
  const env = ownServerEnv(dataDir, port, { WEB_CONCURRENCY: String(opts.processes ?? 1), ...opts.env })
  let output = ''
  const [command, args] = opts.npm ? ['npm', ['start']] : [process.execPath, ['server.mjs']]
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.group === true })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const deadline = Date.now() + 60_000
  while (!output.includes('✓ Warta ready on http')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server on ${port} exited before it was ready:\n${output}`)
    if (Date.now() > deadline) throw new Error(`The server on ${port} did not start within 60 s:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    if (opts.group) process.kill(-child.pid!, name)
    else child.kill(name)
  }
  const end = (name: NodeJS.Signals) => async () => {
    signal(name)
    await exited
  }
  const url = `http://localhost:${port}`
  return {
    url,
    baseURL: url,
    dataDir,
    env,
    pid: child.pid!,
    process: child,
    output: () => output,
    kill: end('SIGKILL'),
    stop: end('SIGTERM'),
    signal,
    exited,
  }
}

/** Migrates (an empty folder gets no demo content) and starts one server process. */
export async function startOwnServer(dataDir: string, port: number): Promise<OwnServer> {
  execFileSync(TSX, ['--conditions=react-server', 'lib/cli/prepare.ts'], { env: ownServerEnv(dataDir, port), stdio: 'pipe' })
  return startServer(dataDir, port)
}
