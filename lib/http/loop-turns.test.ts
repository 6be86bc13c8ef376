import { describe, expect, it } from 'vitest'
import { readMainThreadSchedstat, startTurnWatch } from './loop-turns.mjs'

/** A clock and a schedstat the test moves by hand; no real timer runs. */
function fake() {
  const state = { now: 0, run: 0, wait: 0 }
  const watch = startTurnWatch({
    intervalMs: 10,
    now: () => state.now,
    read: () => [state.run * 1e6, state.wait * 1e6],
    timers: { setInterval: () => 0, clearInterval: () => {} },
  })
  /** `ms` of wall time pass, `onCore` of them with the main thread on a core, `waiting` of them waiting for one. */
  const pass = (ms: number, onCore: number, waiting: number) => {
    state.now += ms
    state.run += onCore
    state.wait += waiting
    watch.tick()
  }
  return { watch, pass }
}

describe('startTurnWatch', () => {
  it('tells a task that held the loop from a thread that waited for a core', () => {
    const { watch, pass } = fake()
    pass(10, 1, 0)
    // A 300 ms render chunk: 300 ms late, all on a core.
    pass(310, 300, 0)
    pass(10, 1, 0)
    expect(watch.read()).toEqual({ turnDelayMaxMs: 300, turnOnCoreMaxMs: 300, turnWaitMaxMs: 0 })

    watch.reset()
    // 400 ms late, 20 of them running and 380 waiting on the run queue: the machine was busy.
    pass(410, 20, 380)
    expect(watch.read()).toEqual({ turnDelayMaxMs: 400, turnOnCoreMaxMs: 20, turnWaitMaxMs: 380 })
  })

  it('never counts more on a core than the gap lasted', () => {
    const { watch, pass } = fake()
    pass(10, 25, 0)
    expect(watch.read()!.turnOnCoreMaxMs).toBe(10)
  })

  it('reports nothing where schedstat cannot be read', () => {
    const watch = startTurnWatch({ read: () => null, timers: { setInterval: () => 0, clearInterval: () => {} } })
    watch.tick()
    expect(watch.read()).toBeNull()
  })

  it('reads this thread’s time on a core on Linux', () => {
    const first = readMainThreadSchedstat()
    if (process.platform !== 'linux') return expect(first).toBeNull()
    // Busy until 20 ms on a core are counted, however long the machine makes that take.
    const giveUp = performance.now() + 5000
    let onCore = 0
    while (onCore < 20e6 && performance.now() < giveUp) onCore = readMainThreadSchedstat()![0] - first![0]
    expect(onCore).toBeGreaterThanOrEqual(20e6)
  })
})
