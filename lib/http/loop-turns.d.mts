// Types for the plain-JavaScript loop-turn watch (loop-turns.mjs).
export function readMainThreadSchedstat(): [number, number] | null

export type TurnFigures = { turnDelayMaxMs: number; turnOnCoreMaxMs: number; turnWaitMaxMs: number }

export function startTurnWatch(opts?: {
  intervalMs?: number
  read?: () => [number, number] | null
  now?: () => number
  timers?: { setInterval: (fn: () => void, ms: number) => unknown; clearInterval: (timer: unknown) => void }
}): { read(): TurnFigures | null; reset(): void; stop(): void; tick(): void }
