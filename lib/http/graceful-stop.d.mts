// Types for the plain-JavaScript graceful stop (graceful-stop.mjs).
import type { Server } from 'node:http'

export function trackRequests(server: Server): {
  readonly inFlight: number
  stop(graceMs: number): Promise<'drained' | 'cut'>
}
