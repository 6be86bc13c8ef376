import crypto from 'node:crypto'
import { Redis } from 'ioredis'
import { createRedisClient } from '@/lib/redis/client'

/**
 * A Redis for one test file: TEST_REDIS_URL or the local one, and a key prefix of its own, so
 * runs never see each other's keys. Null (after one printed line) when no Redis answers: the
 * file's tests are skipped, as on a machine with SQLite only.
 */
export type TestRedis = {
  url: string
  prefix: string
  /** A new connection with Warta's options and this run's prefix: one per simulated server. */
  connect(): Redis
  /** The same, once it is ready (code that skips Redis while connecting sees it at once). */
  connectReady(): Promise<Redis>
  /** Closes every connection made here and deletes every key under the prefix. */
  cleanup(): Promise<void>
}

export async function openTestRedis(file: string): Promise<TestRedis | null> {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {})
  try {
    await probe.connect()
    await probe.ping()
  } catch {
    probe.disconnect()
    console.log(`SKIPPED ${file}: no Redis answers at ${url} (start one, or set TEST_REDIS_URL)`)
    return null
  }
  const prefix = `warta-test:${crypto.randomUUID()}:`
  const clients: Redis[] = []
  const connect = () => {
    const client = createRedisClient(url, prefix)
    clients.push(client)
    return client
  }
  return {
    url,
    prefix,
    connect,
    async connectReady() {
      const client = connect()
      if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve))
      return client
    },
    async cleanup() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())))
      let cursor = '0'
      do {
        const [next, keys] = await probe.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
        if (keys.length > 0) await probe.del(...keys)
        cursor = next
      } while (cursor !== '0')
      await probe.quit()
    },
  }
}
