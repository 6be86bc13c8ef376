import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import bcrypt from 'bcryptjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatPeerAddress, PEER_ADDRESS_HEADER } from '@/lib/http/client-address'
import { createUser } from '@/tests/factories'
import { hashWorker } from './hash-worker'
import { getAuthOptions } from './options'
import { hashPassword } from './password'

// The real sign-in path: next-auth's credentials provider, called as its route handler calls it.
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>
const provider = getAuthOptions().providers.find((p) => p.id === 'credentials') as unknown as { options: { authorize: Authorize } }

function attempt(email: string, password: string, address: string): Promise<'signed-in' | 'wrong' | string> {
  return provider.options
    .authorize({ email, password }, { headers: { [PEER_ADDRESS_HEADER]: formatPeerAddress(address) } })
    .then(
      (user) => (user ? 'signed-in' : 'wrong'),
      (error: Error) => error.message,
    )
}

const PASSWORD = 'kopi-tubruk-pagi'
const hash = await hashPassword(PASSWORD)

afterEach(() => {
  vi.useRealTimers()
})

describe('sign-in throttle', () => {
  it('finding 4: an attacker’s failures do not lock the owner out from their own address', { timeout: 60_000 }, async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T01:00:00Z') })
    const owner = await createUser({ role: 'editor', email: 'pemilik@redaksi.example', passwordHash: hash })
    for (let i = 0; i < 20; i++) await attempt(owner.email!, `tebakan-${i}`, '198.51.100.66')
    expect(await attempt(owner.email!, PASSWORD, '203.0.113.10')).toBe('signed-in')
  })

  it('finding 4: the attacker’s address is refused, even with the right password, with growing delays', { timeout: 60_000 }, async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T01:00:00Z') })
    const owner = await createUser({ role: 'editor', email: 'sasaran@redaksi.example', passwordHash: hash })
    const outcomes: string[] = []
    for (let i = 0; i < 20; i++) outcomes.push(await attempt(owner.email!, `tebakan-${i}`, '198.51.100.77'))
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('wrong'))
    expect(outcomes.slice(5)).toEqual(Array(15).fill(expect.stringMatching(/^throttled:\d+$/)))
    expect(await attempt(owner.email!, PASSWORD, '198.51.100.77')).toMatch(/^throttled:/)
    // Each further failure doubles the wait.
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      const refused = await attempt(owner.email!, 'salah', '198.51.100.77')
      const seconds = Number(refused.split(':')[1])
      vi.setSystemTime(Date.now() + seconds * 1000)
      expect(await attempt(owner.email!, 'salah', '198.51.100.77')).toBe('wrong')
      waits.push(seconds)
    }
    expect(waits[1]).toBe(waits[0]! * 2)
    expect(waits[2]).toBe(waits[1]! * 2)
  })

  it('answers an unknown email exactly like a wrong password, at the same cost', { timeout: 60_000 }, async () => {
    await createUser({ role: 'reporter', email: 'ada@redaksi.example', passwordHash: hash })
    const checks = vi.spyOn(hashWorker('stranger'), 'run')
    expect(await attempt('ada@redaksi.example', 'salah', '192.0.2.50')).toBe('wrong')
    expect(await attempt('tidak-ada@redaksi.example', 'salah', '192.0.2.51')).toBe('wrong')
    expect(checks.mock.calls.map(([job]) => job.op)).toEqual(['compare', 'compare'])
  })

  it('sign-in leaves the event loop free', { timeout: 60_000 }, async () => {
    const user = await createUser({ role: 'reporter', email: 'loop@redaksi.example', passwordHash: hash })
    await attempt(user.email!, 'pemanasan', '192.0.2.60')
    // One bcrypt check on this thread, measured now: the yardstick, inflated by a loaded machine
    // just as the measurement below is.
    const oneCheckStarted = performance.now()
    bcrypt.compareSync('pemanasan', hash)
    const oneCheckMs = performance.now() - oneCheckStarted
    // Busy time of this thread's event loop (not wall-clock delay, which a loaded machine inflates).
    const before = performance.eventLoopUtilization()
    const delay = monitorEventLoopDelay({ resolution: 5 })
    delay.enable()
    const results = await Promise.all([
      attempt(user.email!, PASSWORD, '192.0.2.61'),
      attempt(user.email!, 'salah-sekali', '192.0.2.62'),
      attempt('siapa@luar.example', 'salah-sekali', '192.0.2.63'),
    ])
    delay.disable()
    const busy = performance.eventLoopUtilization(before)
    expect(results).toEqual(['signed-in', 'wrong', 'wrong'])
    // Three bcrypt checks at cost 12 take over half a second of CPU (seconds on a loaded machine);
    // none of it may run here. What remains is the sign-in's own database work.
    console.info(
      `event loop busy ${busy.active.toFixed(1)} ms of ${(busy.active + busy.idle).toFixed(0)} ms; max delay ${(delay.max / 1e6).toFixed(1)} ms; one bcrypt check here ${oneCheckMs.toFixed(0)} ms`,
    )
    // Three checks on this thread would keep it busy three times the yardstick at least.
    expect(busy.active).toBeLessThan(Math.max(100, oneCheckMs))
  })
})
