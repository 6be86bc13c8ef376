// Types for the plain-JavaScript proxy that server.mjs's cluster primary runs (worker-proxy.mjs), for tests.
import type { IncomingMessage, ServerResponse } from 'node:http'

export type Upstream = { id: number; socketPath: string; inFlight: number }
export function createWorkerProxy(opts: {
  upstreams: () => Upstream[]
  peerNonce: string
  front?: { serve(req: IncomingMessage, res: ServerResponse, pass: (req: IncomingMessage, res: ServerResponse) => void): boolean }
  onError?: (error: unknown, req: IncomingMessage) => void
}): (req: IncomingMessage, res: ServerResponse) => void
