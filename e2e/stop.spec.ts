import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { dropDatabase } from './support/database'
import { type OwnServer, ownServerEnv, prepareDataDir, startServer } from './support/own-server'
import { E2E_PORT } from './support/server'

/*
 * A server told to stop (SIGTERM from systemd, Docker or a deploy script; Ctrl+C in a terminal)
 * finishes the requests it has begun, takes no new ones, and then exits: a deploy or a restart
 * must not cut off a reporter's save or a reader's page halfway. The signal goes to the whole
 * process group, as systemd's default KillMode and a terminal send it, so with several processes
 * the workers receive it too. A request that never ends does not hold the stop for ever. A server
 * that cannot have its port says so and exits, rather than waiting unseen.
 */

const PORT = E2E_PORT + 35
const DATA_DIR = path.resolve('.tmp/e2e-stop')
// How long a stop waits for requests in flight (server.mjs, STOP_GRACE_MS), with room for a slow machine.
const GRACE_MS = 10_000

test.describe.configure({ mode: 'serial' })

test.beforeAll(() => {
  test.setTimeout(3 * 60_000)
  prepareDataDir(DATA_DIR, { seed: false, port: PORT })
})
test.afterAll(async () => {
  await dropDatabase(DATA_DIR)
  fs.rmSync(DATA_DIR, { recursive: true, force: true })
})

/**
 * A sign-in whose form arrives in two parts, as from a phone on a slow link: the headers and the
 * first bytes at once, the rest when `finish` is called. next-auth reads the whole form before it
 * answers, so until then the request is in the server's hands. `Connection: close` makes the
 * server end the connection after its answer, so the answer is everything received until then.
 */
function slowSignIn(port: number) {
  const body = 'csrfToken=tidak-sah&email=redaksi%40contoh.example&password=bukan-sandinya&json=true'
  const head = [
    'POST /api/auth/callback/credentials HTTP/1.1',
    `Host: localhost:${port}`,
    'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n')
  const socket = net.connect(port, '127.0.0.1')
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (received += chunk))
  socket.on('error', () => {})
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  const sent = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => socket.write(head + body.slice(0, 10), () => resolve()))
    socket.once('error', reject)
  })
  return {
    sent,
    closed,
    received: () => received,
    /** Sends the rest of the form; resolves with the server's whole answer once it closed the connection. */
    async finish() {
      socket.write(body.slice(10))
      await closed
      return received
    },
  }
}

/** Whether a new connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))])
}

// `npm start` as a newsroom runs it (npm passes the group's signal on to the server: it gets two),
// and `node server.mjs` as a process manager might.
const STARTS = [
  { processes: 1, npm: true },
  { processes: 2, npm: true },
  { processes: 2, npm: false },
]

for (const { processes, npm } of STARTS) {
  test(`told to stop, a server of ${processes} process${processes > 1 ? 'es' : ''} (${npm ? 'npm start' : 'node server.mjs'}) finishes the request it has begun, takes no new one, then exits`, async () => {
    test.setTimeout(2 * 60_000)
    let server: OwnServer | undefined
    try {
      server = await startServer(DATA_DIR, PORT, { processes, group: true, npm })
      // Which check failed is only in the server's log (the answer is one fixed word).
      expect((await fetch(`${server.url}/api/health`)).status, server.output().slice(-3000)).toBe(200)

      const signIn = slowSignIn(PORT)
      await signIn.sent
      // Long enough for the headers to reach the process that answers (past the primary with two).
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      expect(signIn.received()).toBe('')

      server.signal('SIGTERM')
      // It stops listening at once ...
      await expect.poll(() => accepts(PORT), { timeout: 5_000 }).toBe(false)
      // ... but stays to answer what it began.
      expect(server.process.exitCode, server.output()).toBeNull()
      const answer = await within(signIn.finish(), 10_000, 'the answer to the request in flight')
      expect(answer.split('\r\n')[0], server.output()).toBe('HTTP/1.1 200 OK')
      expect(answer).toContain('"url"')

      // Then it exits by itself, soon and cleanly.
      expect(await within(server.exited, 5_000, 'the exit after the last answer')).toBe(0)
    } finally {
      await server?.kill()
    }
  })
}

test('a request that never ends holds a stop for the grace period only', async () => {
  test.setTimeout(2 * 60_000)
  let server: OwnServer | undefined
  try {
    server = await startServer(DATA_DIR, PORT, { processes: 2, group: true })
    const signIn = slowSignIn(PORT)
    await signIn.sent
    await new Promise((resolve) => setTimeout(resolve, 1_000))

    const started = Date.now()
    server.signal('SIGTERM')
    expect(await within(server.exited, GRACE_MS + 10_000, 'the exit after the grace period')).toBe(0)
    // It waited for the request, then cut it off.
    expect(Date.now() - started).toBeGreaterThan(GRACE_MS - 1_000)
    await within(signIn.closed, 1_000, 'the connection cut off')
  } finally {
    await server?.kill()
  }
})

for (const processes of [1, 2]) {
  test(`a server of ${processes} process${processes > 1 ? 'es' : ''} whose port is taken says so in one line and exits with 1`, async () => {
    test.setTimeout(2 * 60_000)
    const taken = net.createServer()
    await new Promise<void>((resolve) => taken.listen(PORT, resolve))
    try {
      const child = spawn(process.execPath, ['server.mjs'], {
        env: ownServerEnv(DATA_DIR, PORT, { WEB_CONCURRENCY: String(processes) }),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      try {
        expect(await within(exited, 60_000, 'the exit of a server without its port'), output).toBe(1)
      } finally {
        child.kill('SIGKILL')
      }
      expect(output).toContain(`Cannot serve on port ${PORT}: listen EADDRINUSE`)
      // Not as an uncaught exception with its stack (other lines may come from the workers, which
      // started meanwhile: on PostgreSQL a busy Redis's timeout, with its own stack).
      expect(output).not.toContain('Error: listen EADDRINUSE')
      expect(output).not.toContain('uncaughtException')
    } finally {
      taken.close()
    }
  })
}
