// Types for the plain-JavaScript proxy that server.mjs's cluster primary runs (worker-proxy.mjs), for tests.
import type { IncomingMessage, ServerResponse } from 'node:http'

export const PAGES_PER_WORKER: number
export const MAX_WAITING: number
export const MAX_WAIT_MS: number
export type Upstream = { id: number; socketPath: string; inFlight: number }
export function createWorkerProxy(opts: {
  upstreams: () => Upstream[]
  peerNonce: string
  front?: { serve(req: IncomingMessage, res: ServerResponse, pass: (req: IncomingMessage, res: ServerResponse) => void): boolean }
  onError?: (error: unknown, req: IncomingMessage) => void
  /** Anonymous page reads a worker is given at once (PAGES_PER_WORKER). */
  pagesPerWorker?: number
  /** Page reads that may wait for a place before more are refused with 503 (MAX_WAITING). */
  maxWaiting?: number
  /** How long a page read may wait for a place before it is answered 503 (MAX_WAIT_MS). */
  maxWaitMs?: number
}): (req: IncomingMessage, res: ServerResponse) => void
