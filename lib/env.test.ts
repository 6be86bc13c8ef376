import { afterEach, describe, expect, it, vi } from 'vitest'

const saved = process.env.TRUSTED_PROXIES

afterEach(() => {
  if (saved === undefined) delete process.env.TRUSTED_PROXIES
  else process.env.TRUSTED_PROXIES = saved
  vi.resetModules()
})

async function envWith(value: string | undefined) {
  if (value === undefined) delete process.env.TRUSTED_PROXIES
  else process.env.TRUSTED_PROXIES = value
  vi.resetModules()
  return (await import('./env')).getEnv
}

describe('TRUSTED_PROXIES', () => {
  it('trusts no proxy by default', async () => {
    expect((await envWith(undefined))().trustedProxies).toEqual([])
  })

  it('reads addresses and CIDR ranges, comma or space separated', async () => {
    expect((await envWith('127.0.0.1, ::1 10.0.0.0/8,fd00::/8'))().trustedProxies).toEqual(['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8'])
  })

  it('stops the start with the bad entries named', async () => {
    const getEnv = await envWith('127.0.0.1,nginx,10.0.0.0/33')
    expect(() => getEnv()).toThrow(/TRUSTED_PROXIES: not an IP address or CIDR range: nginx.*10\.0\.0\.0\/33/)
  })
})

describe('REDIS_URL and REDIS_PREFIX', () => {
  const savedUrl = process.env.REDIS_URL
  const savedPrefix = process.env.REDIS_PREFIX
  afterEach(() => {
    if (savedUrl === undefined) delete process.env.REDIS_URL
    else process.env.REDIS_URL = savedUrl
    if (savedPrefix === undefined) delete process.env.REDIS_PREFIX
    else process.env.REDIS_PREFIX = savedPrefix
  })

  async function redisEnv(url: string | undefined, prefix?: string) {
    if (url === undefined) delete process.env.REDIS_URL
    else process.env.REDIS_URL = url
    if (prefix === undefined) delete process.env.REDIS_PREFIX
    else process.env.REDIS_PREFIX = prefix
    vi.resetModules()
    return (await import('./env')).getEnv
  }

  it('needs no Redis by default', async () => {
    expect((await redisEnv(undefined))()).toMatchObject({ redisUrl: null, redisPrefix: 'warta:' })
  })

  it('takes redis:// and rediss:// addresses and a prefix of its own', async () => {
    expect((await redisEnv('rediss://user:secret@cache.example:6380/2', 'koran-b:'))()).toMatchObject({
      redisUrl: 'rediss://user:secret@cache.example:6380/2',
      redisPrefix: 'koran-b:',
    })
    expect((await redisEnv('redis://127.0.0.1:6379'))().redisUrl).toBe('redis://127.0.0.1:6379')
  })

  it('stops the start on another scheme or a prefix with spaces', async () => {
    expect(await redisEnv('http://cache.example:6379').then((getEnv) => () => getEnv())).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/)
    expect(await redisEnv('redis://127.0.0.1:6379', 'two words').then((getEnv) => () => getEnv())).toThrow(/REDIS_PREFIX/)
  })
})

describe('DATABASE_URL', () => {
  const savedUrl = process.env.DATABASE_URL
  afterEach(() => {
    if (savedUrl === undefined) delete process.env.DATABASE_URL
    else process.env.DATABASE_URL = savedUrl
    vi.resetModules()
  })
  async function withUrl(value: string | undefined) {
    if (value === undefined) delete process.env.DATABASE_URL
    else process.env.DATABASE_URL = value
    vi.resetModules()
    return (await import('./env')).getEnv
  }

  it('is SQLite when unset', async () => {
    expect((await withUrl(undefined))().databaseUrl).toBeNull()
  })

  it('takes postgres:// and postgresql:// URLs', async () => {
    expect((await withUrl('postgres://warta@db:5432/warta'))().databaseUrl).toBe('postgres://warta@db:5432/warta')
    expect((await withUrl('postgresql://warta:rahasia@127.0.0.1/warta'))().databaseUrl).toBe('postgresql://warta:rahasia@127.0.0.1/warta')
  })

  it('stops the start on any other URL', async () => {
    for (const bad of ['mysql://x/y', 'sqlite:./data/warta.db', 'postgres://']) {
      const getEnv = await withUrl(bad)
      expect(() => getEnv(), bad).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/)
    }
  })
})
