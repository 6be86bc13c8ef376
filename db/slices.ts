import 'server-only'
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import { getDialect, getWriteClient, write, type Executor as WriteTx } from '@/db'
import { checkpointsOffLoop } from '@/db/checkpointer'
import { relaxCommitDurability } from '@/db/dialect'
import { readMainThreadSchedstat } from '@/lib/http/loop-turns.mjs'

/*
 * How a long write shares the site (docs/decisions/009-import-slicing.md): it writes in short
 * transactions ("slices"), each through write() and each ending as soon as its time budget is
 * spent, with a pause between them in which other writers get the lock, and it hands the event
 * loop back regularly in every step, so that the server running it, and those beside it, keep
 * answering. The Blogger import writes so; so do a label merge and a label deletion, which move
 * every story of the label (db/queries/labels-desk-merge.ts, ADR 026). Work written in slices
 * must be repeatable: stopped between two slices, running it again finishes it.
 */

export type SliceOptions = {
  /**
   * How long (ms) a slice may hold the lock, its commit included: it takes no new work once the
   * time spent, the work it still has to do and its commit (as measured on the previous slices)
   * would pass it. One unit of work always goes in.
   */
  budgetMs: number
  /**
   * At least this long (ms) between one slice's commit and the next slice's start, so that a
   * writer waiting for the lock (write() tries again every 1–25 ms) gets it within a few slices.
   */
  gapMs: number
}

export const DEFAULT_SLICES: SliceOptions = { budgetMs: 40, gapMs: 10 }

/**
 * What the write lock cost the site: how many slices, the longest, and the total time held (ms).
 * A slice's wall time is not all the import's doing: on a busy machine its thread also waits for a
 * core, and a commit can wait for the disk. So the longest slice is split (Linux's schedstat of the
 * main thread, lib/http/loop-turns.mjs): `onCoreMs`, what the thread ran; `waitingForCoreMs`, what
 * it waited on the run queue; the rest of the slice it was blocked (the disk, most likely). Null
 * where schedstat cannot be read. Linux brings a running thread's figures up to date at each
 * scheduler tick (4 ms at 250 Hz), not when they are read, so each is good to about a tick.
 */
export type SliceStats = {
  slices: number
  longestMs: number
  longest: { onCoreMs: number; waitingForCoreMs: number } | null
  heldMs: number
}

/**
 * Hands the event loop back for one full turn: I/O (requests) and due timers run before the
 * import goes on. One setImmediate is not enough: called from a timer's callback (the pause
 * between slices), it runs in the same turn's check phase, before any timer is looked at again.
 */
export async function yieldToLoop(): Promise<void> {
  await nextTurn()
  await nextTurn()
}

/** Yields to the event loop once `everyMs` of synchronous work has gone by since the last yield. */
export class Pacer {
  private last = performance.now()
  constructor(private readonly everyMs = 20) {}

  async tick(): Promise<void> {
    if (performance.now() - this.last < this.everyMs) return
    await yieldToLoop()
    this.last = performance.now()
  }

  async yield(): Promise<void> {
    await yieldToLoop()
    this.last = performance.now()
  }
}

/** Slices between two checkpoints of the WAL (see Slicer.open): a few MB of it, as SQLite would. */
const CHECKPOINT_EVERY_SLICES = 8

/**
 * `pastBudget(reserveMs)`: whether the slice has spent its budget, keeping `reserveMs` for work
 * still to come in it.
 */
export type SliceWork<T> = (tx: WriteTx, pastBudget: (reserveMs?: number) => boolean) => T | Promise<T>

/** Slicers between open() and close() in this process, and the WAL setting they took over. */
const openSlicers = new Set<Slicer>()
let autoCheckpointBefore = 1000

export class Slicer {
  readonly stats: SliceStats = { slices: 0, longestMs: 0, longest: null, heldMs: 0 }
  private lastCommit = -Infinity
  private slicesSinceCheckpoint = 0
  /** What a commit takes (FTS5 writes its pending index data then), learned from the last slices. */
  private commitMs = 5
  private savedAutoCheckpoint: number | null = null

  constructor(readonly options: SliceOptions = DEFAULT_SLICES) {}

  /**
   * SQLite checkpoints the WAL inside the commit that crosses its threshold (after the lock is
   * released, but with a sync of the database file that can take 100 ms on a busy disk). The
   * import checkpoints between its slices instead, so a slice measures only the time it holds
   * the lock, and the checkpoint's cost falls on the import, never on the next writer's commit.
   * In a server process a thread of its own checkpoints (db/checkpointer.ts), off every slice and
   * off the event loop: nothing to do here.
   */
  open(): void {
    // PostgreSQL: the server's checkpointer and WAL writer do this on their own schedule.
    if (getDialect() === 'postgres' || checkpointsOffLoop()) return
    const client = getWriteClient()
    // Several slicers at once (an import and a label merge) share the connection's setting: the
    // first one open keeps SQLite's, the last one closed gives it back.
    if (openSlicers.size === 0) {
      autoCheckpointBefore = client.pragma('wal_autocheckpoint', { simple: true }) as number
      client.pragma('wal_autocheckpoint = 0')
    }
    openSlicers.add(this)
    this.savedAutoCheckpoint = autoCheckpointBefore
  }

  close(): void {
    if (this.savedAutoCheckpoint === null) return
    const client = getWriteClient()
    openSlicers.delete(this)
    if (openSlicers.size === 0) client.pragma(`wal_autocheckpoint = ${this.savedAutoCheckpoint}`)
    this.savedAutoCheckpoint = null
    if (this.slicesSinceCheckpoint > 0) client.pragma('wal_checkpoint(PASSIVE)')
  }

  /**
   * Runs `work` in one write transaction, after the pause since the previous slice. `work` holds
   * the write lock across its awaits: only database work inside, and it should stop taking new
   * work once `pastBudget()` is true.
   */
  async run<T>(work: SliceWork<T>): Promise<T> {
    const wait = this.lastCommit + this.options.gapMs - performance.now()
    if (wait > 0) await sleep(wait)
    else await yieldToLoop()
    let started = 0
    let workDone = 0
    let schedStart: [number, number] | null = null
    const result = await write(
      async (tx) => {
        started = performance.now()
        schedStart = readMainThreadSchedstat()
        await relaxCommitDurability(tx)
        const deadline = started + this.options.budgetMs - this.commitMs
        const out = await work(tx, (reserveMs = 0) => performance.now() + reserveMs >= deadline)
        workDone = performance.now()
        return out
      },
      // A slice consumes its work and counts it in the report: it cannot run twice. A deadlock
      // on PostgreSQL ends the import as interrupted (what is in is whole; run it again).
      { attempts: 1 },
    )
    // Measured to the resumption after the commit: a little more than the lock was held. The
    // thread's schedstat is read inside the same span, just after its start and before its end.
    const schedEnd = readMainThreadSchedstat()
    const committed = performance.now()
    const held = committed - started
    this.commitMs = this.commitMs * 0.8 + (committed - workDone) * 0.2
    this.stats.slices += 1
    this.stats.heldMs += held
    if (held > this.stats.longestMs) {
      this.stats.longestMs = held
      this.stats.longest =
        schedStart && schedEnd
          ? { onCoreMs: Math.min(held, (schedEnd[0] - schedStart[0]) / 1e6), waitingForCoreMs: Math.min(held, (schedEnd[1] - schedStart[1]) / 1e6) }
          : null
    }
    if (this.savedAutoCheckpoint !== null && ++this.slicesSinceCheckpoint >= CHECKPOINT_EVERY_SLICES) {
      await yieldToLoop()
      // PASSIVE: copies what no reader still needs and never waits for, nor blocks, a writer.
      getWriteClient().pragma('wal_checkpoint(PASSIVE)')
      this.slicesSinceCheckpoint = 0
    }
    this.lastCommit = performance.now()
    return result
  }

  /**
   * A dry run reads what a slice would write and writes nothing: `work` gets no transaction and
   * runs outside the lock, with the same budget and pauses for the event loop.
   */
  async runOrRead<T>(dryRun: boolean, work: (tx: WriteTx | null, pastBudget: (reserveMs?: number) => boolean) => T | Promise<T>): Promise<T> {
    if (!dryRun) return this.run(work)
    await yieldToLoop()
    const deadline = performance.now() + this.options.budgetMs
    return work(null, (reserveMs = 0) => performance.now() + reserveMs >= deadline)
  }
}
