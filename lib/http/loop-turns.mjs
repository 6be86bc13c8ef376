/**
 * What an event-loop delay is made of, for the benchmarks (server.mjs reports it with
 * WARTA_STATS_FILE). monitorEventLoopDelay measures wall time: on a machine with more runnable
 * threads than cores (two server processes, the primary, the load generator and the password
 * hashing threads on two cores) a loop that never runs long still shows delays of hundreds of
 * milliseconds while its thread waits for a core. Linux tells the two apart: the main thread's
 * schedstat holds its time on a core and its time waiting on the run queue, in nanoseconds.
 *
 * A timer ticks every `intervalMs`; for each gap between two ticks this keeps the longest, the
 * most time the main thread spent on a core in one gap (a task that held the loop: rendering,
 * a query, a garbage-collection pause on the main thread), and the most it waited for a core.
 *
 * Plain JavaScript: server.mjs imports it without a TypeScript loader.
 */
import fs from 'node:fs'

/** The main thread's [ns on a core, ns waiting for one], or null where Linux's schedstat is not readable. */
export function readMainThreadSchedstat() {
  try {
    const [run, wait] = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')
    return [Number(run), Number(wait)]
  } catch {
    return null
  }
}

/**
 * @param {{ intervalMs?: number, read?: () => [number, number] | null, now?: () => number, timers?: { setInterval: typeof setInterval, clearInterval: typeof clearInterval } }} [opts]
 */
export function startTurnWatch(opts = {}) {
  const intervalMs = opts.intervalMs ?? 10
  const read = opts.read ?? readMainThreadSchedstat
  const now = opts.now ?? (() => performance.now())
  const timers = opts.timers ?? { setInterval, clearInterval }
  let last = now()
  let lastSched = read()
  const available = lastSched !== null
  let gapMaxMs = 0
  let onCoreMaxMs = 0
  let waitMaxMs = 0

  function tick() {
    const at = now()
    const sched = read()
    if (sched && lastSched) {
      const gap = at - last
      // The thread's time on a core counts this gap's other tasks too, never more than the gap.
      const onCore = Math.min(gap, (sched[0] - lastSched[0]) / 1e6)
      const waited = Math.min(gap, (sched[1] - lastSched[1]) / 1e6)
      gapMaxMs = Math.max(gapMaxMs, gap - intervalMs)
      onCoreMaxMs = Math.max(onCoreMaxMs, onCore)
      waitMaxMs = Math.max(waitMaxMs, waited)
    }
    last = at
    lastSched = sched
  }

  const timer = timers.setInterval(tick, intervalMs)
  timer?.unref?.()
  return {
    /** @returns {{ turnDelayMaxMs: number, turnOnCoreMaxMs: number, turnWaitMaxMs: number } | null} */
    read: () => (available ? { turnDelayMaxMs: gapMaxMs, turnOnCoreMaxMs: onCoreMaxMs, turnWaitMaxMs: waitMaxMs } : null),
    reset() {
      gapMaxMs = 0
      onCoreMaxMs = 0
      waitMaxMs = 0
    },
    stop: () => timers.clearInterval(timer),
    /** For tests: one tick now. */
    tick,
  }
}
