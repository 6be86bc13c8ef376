import { describe, expect, it } from 'vitest'
import { beginSignInAttempt, finishSignInAttempt } from './throttle'

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1) + seconds * 1000)

describe('sign-in throttle', () => {
  it('refuses an address that tries many accounts after 20 attempts, whatever the accounts', async () => {
    const outcomes: boolean[] = []
    for (let i = 0; i < 24; i++) outcomes.push((await beginSignInAttempt(`orang-${i}@luar.example`, '192.0.2.44', at(0))).ok)
    expect(outcomes.filter(Boolean)).toHaveLength(20)
    expect(await beginSignInAttempt('baru@luar.example', '192.0.2.44', at(0))).toEqual({ ok: false, retryAfterSeconds: 1 })
    // Another address is not affected.
    expect((await beginSignInAttempt('baru@luar.example', '192.0.2.45', at(0))).ok).toBe(true)
  })

  it('gives the address its attempt back on success: a newsroom behind one address signs in every morning', async () => {
    for (let i = 0; i < 40; i++) {
      const begun = await beginSignInAttempt(`staf-${i}@redaksi.example`, '198.51.100.200', at(i))
      expect(begun.ok).toBe(true)
      if (begun.ok) await finishSignInAttempt(begun.attempt)
    }
  })

  it('counts an IPv6 client by its /64', async () => {
    for (let i = 0; i < 5; i++) expect((await beginSignInAttempt('v6@redaksi.example', `2001:db8:5:5::${i + 1}`, at(0))).ok).toBe(true)
    expect((await beginSignInAttempt('v6@redaksi.example', '2001:db8:5:5:ffff::9', at(0))).ok).toBe(false)
  })

  it('forgets an address a day after its last attempt', async () => {
    for (let i = 0; i < 5; i++) await beginSignInAttempt('lupa@redaksi.example', '192.0.2.90', at(0))
    expect((await beginSignInAttempt('lupa@redaksi.example', '192.0.2.90', at(0))).ok).toBe(false)
    expect((await beginSignInAttempt('lupa@redaksi.example', '192.0.2.90', at(24 * 3600))).ok).toBe(true)
    // Counting starts over: four more pass before the first wait.
    for (let i = 0; i < 3; i++) expect((await beginSignInAttempt('lupa@redaksi.example', '192.0.2.90', at(24 * 3600))).ok).toBe(true)
  })
})
