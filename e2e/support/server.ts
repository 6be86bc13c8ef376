import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { databaseEnv, resetDataDir } from './database'

/**
 * The e2e servers. playwright.config.ts starts two: the reader server runs on the demo content,
 * the newsroom server starts empty so first-run setup can be tested. A spec may start a third
 * of its own (startServer) on E2E_PORT + 2. `E2E_PORT=N npm test` moves them all to N, N+1, N+2.
 *
 * The reader and newsroom projects run at the same time (playwright.config.ts), so a server a spec
 * starts itself needs a port no spec of the other project uses: reader specs E2E_PORT + 2, + 20–21,
 * + 30, + 35 and + 36; newsroom specs E2E_NEWSROOM_PORT + 30–32, + 40–41 and E2E_NEWSROOM_OWN_PORT.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)
export const E2E_DATA_DIR = path.resolve('.tmp/e2e-reader')
export const E2E_NEWSROOM_PORT = E2E_PORT + 1
export const E2E_NEWSROOM_DATA_DIR = path.resolve('.tmp/e2e-newsroom')
/** A server started by a spec, with settings the two others do not have (no SITE_URL…). */
export const E2E_OWN_PORT = E2E_PORT + 2
export const E2E_OWN_DATA_DIR = path.resolve('.tmp/e2e-own')
/** A fresh server a newsroom spec starts itself (newsroom-6), clear of the reader specs' ports. */
export const E2E_NEWSROOM_OWN_PORT = E2E_NEWSROOM_PORT + 50

export type RunningServer = { url: string; dataDir: string; stop: () => Promise<void> }

/**
 * Starts `npm start` on a fresh data folder, as a newsroom would, and waits until it answers.
 * `env` replaces the defaults (SITE_URL is not set unless given). The build is the one the
 * configured servers made, so this takes seconds.
 */
export async function startServer(env: Record<string, string> = {}, port = E2E_OWN_PORT, dataDir = E2E_OWN_DATA_DIR): Promise<RunningServer> {
  resetDataDir(dataDir)
  const inherited = { ...process.env }
  delete inherited.SITE_URL
  const child: ChildProcess = spawn('npm', ['start'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, NODE_ENV: 'production', ...databaseEnv(dataDir), PORT: String(port), SEED_DEMO: '0', ...env },
  })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    // The whole group: npm, the launcher and the server it execs.
    process.kill(-child.pid, 'SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))])
  }
  const url = `http://127.0.0.1:${port}`
  const until = Date.now() + 10 * 60_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`)
    try {
      if ((await fetch(`${url}/favicon.svg`)).ok) return { url, dataDir, stop }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  await stop()
  throw new Error(`The server did not answer within 10 minutes:\n${output}`)
}
