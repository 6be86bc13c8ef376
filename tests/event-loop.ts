const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `run` while measuring the longest time the event loop was held at once: the longest gap
 * between two runs of a 1 ms timer. A test takes the least of a few rounds, so that a busy machine
 * pausing the process once is not taken for the code under test.
 */
export async function longestStall(run: () => Promise<void>): Promise<number> {
  let last = performance.now()
  let longest = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 1)
  await tick(5)
  await run()
  // A stall shows when the timer next runs: let it, before reading.
  await tick(20)
  clearInterval(timer)
  return longest
}
