import { execFileSync, spawn } from 'node:child_process'
import path from 'node:path'

/**
 * A production server of its own, on its own data folder and port, for specs that must stop,
 * kill or restart it (the two servers of playwright.config.ts live for the whole run). Started
 * as `npm start` does it, minus npm: lib/cli/prepare.ts (the build already exists: the e2e
 * webServer made it), then `node server.mjs`, so the process killed is the server itself.
 */
export type OwnServer = {
  baseURL: string
  dataDir: string
  env: NodeJS.ProcessEnv
  pid: number
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  kill(): Promise<void>
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>
}

export function ownServerEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_PATH: path.join(dataDir, 'warta.db'),
    PORT: String(port),
    SITE_URL: `http://localhost:${port}`,
    SEED_DEMO: '0',
    NODE_ENV: 'production',
  }
}

export async function startOwnServer(dataDir: string, port: number): Promise<OwnServer> {
  const env = ownServerEnv(dataDir, port)
  execFileSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'lib/cli/prepare.ts'], { env, stdio: 'pipe' })
  const child = spawn(process.execPath, ['server.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (output.includes('Warta ready')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The server exited (${code}) before it was ready:\n${output}`))
    })
  })
  const end = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return { baseURL: `http://localhost:${port}`, dataDir, env, pid: child.pid!, kill: end('SIGKILL'), stop: end('SIGTERM') }
}
