/** Response times of one class of client in a benchmark, with its errors. */
export class Recorder {
  readonly times: number[] = []
  errors = 0
  record(ms: number, ok: boolean) {
    this.times.push(ms)
    if (!ok) this.errors += 1
  }
  summary(): Summary {
    const sorted = [...this.times].sort((a, b) => a - b)
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN)
    return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN, errors: this.errors }
  }
}

export type Summary = { n: number; p50: number; p99: number; max: number; errors: number }
