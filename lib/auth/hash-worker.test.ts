import bcrypt from 'bcryptjs'
import { describe, expect, it } from 'vitest'
import { bcryptCompare, HashingBusy, MAX_QUEUED } from './hash-worker'

// A cheap cost keeps the queue's order visible without seconds of CPU: each check a few ms.
const HASH = bcrypt.hashSync('benar', 8)

describe('password hashing worker', () => {
  it('checks a staff member’s password before the strangers’ waiting, and refuses strangers past the bound, not staff', { timeout: 60_000 }, async () => {
    const finished: string[] = []
    const strangers = Array.from({ length: MAX_QUEUED }, (_, i) =>
      bcryptCompare('salah', HASH, 'stranger').then(() => {
        finished.push(`stranger-${i}`)
      }),
    )
    // The stranger's lane is full: one more is refused at once, whoever it is…
    await expect(bcryptCompare('salah', HASH, 'stranger')).rejects.toBeInstanceOf(HashingBusy)
    // …but the reporter's check is taken, and done after at most the one in progress.
    const staff = bcryptCompare('benar', HASH, 'staff').then((ok) => {
      finished.push('staff')
      return ok
    })
    expect(await staff).toBe(true)
    await Promise.all(strangers)
    expect(finished).toHaveLength(MAX_QUEUED + 1)
    expect(finished.indexOf('staff')).toBeLessThanOrEqual(1)
    // The strangers keep their own order.
    const order = finished.filter((f) => f !== 'staff').map((f) => Number(f.split('-')[1]))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('frees each lane’s places as checks finish', { timeout: 60_000 }, async () => {
    await Promise.all(Array.from({ length: MAX_QUEUED }, () => bcryptCompare('salah', HASH, 'stranger')))
    expect(await bcryptCompare('benar', HASH, 'stranger')).toBe(true)
  })
})
