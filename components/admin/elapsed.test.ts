import { describe, expect, it } from 'vitest'
import { formatElapsed } from './elapsed'

describe('formatElapsed', () => {
  const now = new Date('2026-03-10T12:00:00Z')
  const ago = (ms: number) => new Date(now.getTime() - ms)
  it('says how long in minutes, hours, then days', () => {
    expect(formatElapsed(ago(10_000), now)).toBe('1 menit')
    expect(formatElapsed(ago(59 * 60_000), now)).toBe('59 menit')
    expect(formatElapsed(ago(5 * 3_600_000 + 1), now)).toBe('5 jam')
    expect(formatElapsed(ago(47 * 3_600_000), now)).toBe('47 jam')
    expect(formatElapsed(ago(3 * 86_400_000 + 5), now)).toBe('3 hari')
    expect(formatElapsed(new Date(now.getTime() + 60_000), now)).toBe('1 menit')
  })
})
