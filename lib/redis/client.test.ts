import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { openTestRedis } from '@/tests/redis'

const redis = await openTestRedis('lib/redis/client.test.ts')
const saved = { url: process.env.REDIS_URL, prefix: process.env.REDIS_PREFIX }

async function clientModule(url: string | undefined) {
  if (url === undefined) delete process.env.REDIS_URL
  else process.env.REDIS_URL = url
  process.env.REDIS_PREFIX = redis?.prefix ?? 'warta-test:'
  vi.resetModules()
  return import('./client')
}

afterEach(async () => {
  const { closeRedis } = await import('./client')
  await closeRedis()
  for (const [key, value] of [['REDIS_URL', saved.url], ['REDIS_PREFIX', saved.prefix]] as const) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  vi.resetModules()
})

afterAll(() => redis?.cleanup())

describe('the shared Redis client', () => {
  it('is absent without REDIS_URL, and so is its health', async () => {
    const { getRedis, pingRedis } = await clientModule(undefined)
    expect(getRedis()).toBeNull()
    expect(await pingRedis()).toBeNull()
  })

  it.skipIf(!redis)('is one connection per process, with the site’s prefix, and answers a health check', async () => {
    const { getRedis, pingRedis } = await clientModule(redis!.url)
    expect(getRedis()).toBe(getRedis())
    expect(await pingRedis()).toBe(true)
    await getRedis()!.set('probe', '1', 'PX', 10_000)
    // Another connection with the same prefix (another server of this site) sees it.
    expect(await redis!.connect().exists('probe')).toBe(1)
  })

  it('reports an unreachable Redis at once instead of waiting', async () => {
    const { getRedis, pingRedis } = await clientModule('redis://127.0.0.1:1')
    await new Promise((resolve) => getRedis()!.once('error', resolve))
    const start = performance.now()
    expect(await pingRedis()).toBe(false)
    expect(performance.now() - start).toBeLessThan(100)
  })
})
