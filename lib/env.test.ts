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
