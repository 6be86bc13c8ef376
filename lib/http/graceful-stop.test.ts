import http from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { trackRequests } from './graceful-stop.mjs'

let server: http.Server | undefined

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** A server that answers each request once its whole body has arrived, with the body's length. */
async function listen() {
  server = http.createServer((req, res) => {
    let length = 0
    req.on('data', (chunk: Buffer) => (length += chunk.length))
    req.on('end', () => res.end(`got ${length}`))
  })
  const requests = trackRequests(server)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { requests, port: (server.address() as AddressInfo).port }
}

/** A raw connection that keeps what it receives. */
function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1')
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (received += chunk))
  socket.on('error', () => {})
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('error', reject)
  })
  return { socket, closed, connected, received: () => received }
}

const post = (port: number, length: number) =>
  `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${length}\r\n\r\n`

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(check()).toBe(true)
}

/** Waits until new connections are refused (the server stops listening within two turns of the loop). */
async function refused(port: number) {
  for (let i = 0; i < 100; i++) {
    const client = connect(port)
    const outcome = await client.connected.then(
      () => 'accepted',
      (error: NodeJS.ErrnoException) => error.code,
    )
    client.socket.destroy()
    if (outcome === 'ECONNREFUSED') return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('new connections are still accepted')
}

describe('trackRequests', () => {
  it('stops at once when nothing is in flight, and takes no new connection', async () => {
    const { requests, port } = await listen()
    expect(requests.inFlight).toBe(0)
    await expect(requests.stop(5_000)).resolves.toBe('drained')
    await refused(port)
  })

  it('finishes a request in flight, closing its connection after the answer, before it resolves', async () => {
    const { requests, port } = await listen()
    const client = connect(port)
    await client.connected
    client.socket.write(`${post(port, 6)}abc`)
    await until(() => requests.inFlight === 1)

    let outcome: string | undefined
    const stopped = requests.stop(5_000).then((o) => (outcome = o))
    await refused(port)
    expect(outcome).toBeUndefined()

    client.socket.write('def')
    await client.closed
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(client.received()).toMatch(/\r\nConnection: close\r\n/i)
    expect(client.received()).toMatch(/got 6$/)
    await stopped
    expect(outcome).toBe('drained')
  })

  it('answers a request that arrived but was not read yet when the stop began', async () => {
    const { requests, port } = await listen()
    const client = connect(port)
    await client.connected
    // Sent, and stopped in the same turn of the loop: the server has not read the request yet.
    client.socket.write(post(port, 0))
    expect(requests.inFlight).toBe(0)
    const stopped = requests.stop(5_000)

    await client.closed
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(client.received()).toMatch(/\r\nConnection: close\r\n/i)
    await expect(stopped).resolves.toBe('drained')
  })

  it('closes a kept-alive connection that is idle', async () => {
    const { requests, port } = await listen()
    const client = connect(port)
    await client.connected
    client.socket.write(post(port, 0))
    await until(() => client.received().endsWith('got 0'))
    expect(client.received()).toMatch(/\r\nConnection: keep-alive\r\n/i)

    await expect(requests.stop(5_000)).resolves.toBe('drained')
    await client.closed
  })

  it('cuts off a request that never ends once the grace period is over', async () => {
    const { requests, port } = await listen()
    const client = connect(port)
    await client.connected
    client.socket.write(`${post(port, 6)}abc`)
    await until(() => requests.inFlight === 1)

    const started = performance.now()
    await expect(requests.stop(300)).resolves.toBe('cut')
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    await client.closed
    expect(client.received()).toBe('')
  })

  it('returns the same stop when called again', async () => {
    const { requests } = await listen()
    const first = requests.stop(5_000)
    expect(requests.stop(1)).toBe(first)
    await expect(first).resolves.toBe('drained')
  })
})
