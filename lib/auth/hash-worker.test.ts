import fs from 'node:fs'
import os from 'node:os'
import bcrypt from 'bcryptjs'
import { describe, expect, it } from 'vitest'
import { bcryptCompare, HashWorker, hashWorker, HashingBusy, MAX_QUEUED } from './hash-worker'

// A cheap cost keeps the queue's order visible without seconds of CPU: each check a few ms.
const HASH = bcrypt.hashSync('benar', 8)

describe('password hashing worker', () => {
  it('checks a staff member’s password beside the strangers’ queue, and refuses strangers past the bound, not staff', { timeout: 60_000 }, async () => {
    // Both threads started, as in a server that has checked passwords before.
    await Promise.all([bcryptCompare('salah', HASH, 'stranger'), bcryptCompare('salah', HASH, 'staff')])
    const finished: string[] = []
    const strangers = Array.from({ length: MAX_QUEUED }, (_, i) =>
      bcryptCompare('salah', HASH, 'stranger').then(() => {
        finished.push(`stranger-${i}`)
      }),
    )
    // The stranger's lane is full: one more is refused at once, whoever it is…
    await expect(bcryptCompare('salah', HASH, 'stranger')).rejects.toBeInstanceOf(HashingBusy)
    // …but the reporter's check is taken, on its own thread, and done before the strangers' queue.
    const staff = bcryptCompare('benar', HASH, 'staff').then((ok) => {
      finished.push('staff')
      return ok
    })
    expect(await staff).toBe(true)
    await Promise.all(strangers)
    expect(finished).toHaveLength(MAX_QUEUED + 1)
    // In a single queue it would have been last; on its own thread, it is among the first.
    expect(finished.indexOf('staff')).toBeLessThan(4)
    // The strangers keep their own order.
    const order = finished.filter((f) => f !== 'staff').map((f) => Number(f.split('-')[1]))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('frees the strangers’ places as checks finish', { timeout: 60_000 }, async () => {
    await Promise.all(Array.from({ length: MAX_QUEUED }, () => bcryptCompare('salah', HASH, 'stranger')))
    expect(await bcryptCompare('benar', HASH, 'stranger')).toBe(true)
  })

  it('answers a stranger’s check that waited past its time "busy" instead of making it wait longer', { timeout: 60_000 }, async () => {
    const slow = bcrypt.hashSync('benar', 10)
    const worker = new HashWorker('stranger', 100)
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, () =>
          worker.run({ op: 'compare', password: 'salah', hash: slow }).then(
            () => 'checked',
            (error: Error) => (error instanceof HashingBusy ? 'busy' : error.message),
          ),
        ),
      )
      // The first checks were made; the rest had waited too long by their turn, in order.
      expect(outcomes[0]).toBe('checked')
      expect(outcomes.at(-1)).toBe('busy')
      expect(outcomes.join(' ')).toMatch(/^(checked )+(busy ?)+$/)
    } finally {
      await worker.stop()
    }
  })

  it.runIf(fs.existsSync('/proc/thread-self'))('runs the strangers’ checks at a lower priority than everything else in the process', { timeout: 60_000 }, async () => {
    await bcryptCompare('salah', HASH, 'stranger')
    await bcryptCompare('salah', HASH, 'staff')
    const stranger = hashWorker('stranger').thread
    const staff = hashWorker('staff').thread
    expect(stranger).toBeTypeOf('number')
    expect(os.getPriority(stranger!)).toBe(Math.min(19, os.getPriority() + 10))
    expect(os.getPriority(staff!)).toBe(os.getPriority())
    // The thread ids are this process's own threads.
    expect(fs.existsSync(`/proc/${process.pid}/task/${stranger}`)).toBe(true)
  })
})
