// The WAL and its checkpoints are SQLite's: this file runs on SQLite whatever TEST_DIALECT says.
import '@/tests/sqlite-only'
import { sql } from 'drizzle-orm'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getWriteClient, write } from '@/db'
import { checkpointStats, checkpointsOffLoop, startCheckpointer, stopCheckpointer } from './checkpointer'
import { Slicer } from './slices'

/*
 * A commit that takes the WAL past 1,000 frames runs SQLite's checkpoint before it returns, on its
 * caller's event loop: the copy into the database file and two syncs of the disk, whose cost is
 * the disk's (ADR 027). In a server process a thread checkpoints instead.
 */

/** The WAL's frames, and how many of them are in the database file, without checkpointing. */
const wal = () => (getWriteClient().pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0]!

/** One transaction of about `pages` 4 KB pages of new rows. */
async function writePages(pages: number): Promise<void> {
  await write((tx) => {
    tx.run(sql`CREATE TABLE IF NOT EXISTS filler (body TEXT NOT NULL)`)
    tx.run(sql`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${pages - 1})
      INSERT INTO filler (body) SELECT printf('%.3900c', 'x') || i FROM n`)
  })
}

afterEach(async () => {
  await stopCheckpointer()
})

describe('the WAL checkpoint thread', () => {
  it('leaves a commit past the threshold to return without checkpointing, on SQLite’s own rule without it', async () => {
    // Without the thread: SQLite's rule, inside the commit.
    await writePages(1200)
    const before = wal()
    expect(before.log).toBeGreaterThanOrEqual(1000)
    expect(before.checkpointed).toBe(before.log)

    // With it, looking only once a minute: the commit returns with the WAL as it left it.
    startCheckpointer({ everyMs: 60_000, maxPendingMs: 60_000 })
    expect(checkpointsOffLoop()).toBe(true)
    expect(getWriteClient().pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    await writePages(1200)
    const after = wal()
    expect(after.log - after.checkpointed).toBeGreaterThanOrEqual(1000)
  })

  it('checkpoints on its thread once the WAL passes the threshold', async () => {
    startCheckpointer({ everyMs: 10, maxPendingMs: 60_000 })
    await writePages(1200)
    expect(wal().log - wal().checkpointed).toBeGreaterThanOrEqual(1000)
    const deadline = Date.now() + 10_000
    while (wal().checkpointed < wal().log && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    const now = wal()
    expect(now.checkpointed).toBe(now.log)
    expect(checkpointStats()!.count).toBeGreaterThanOrEqual(1)
  })

  it('does not start a checkpoint below the threshold', async () => {
    // Start from an empty WAL: the last test's frames are all in the file.
    getWriteClient().pragma('wal_checkpoint(TRUNCATE)')
    startCheckpointer({ everyMs: 5, maxPendingMs: 60_000 })
    await writePages(100)
    await new Promise((r) => setTimeout(r, 200))
    expect(checkpointStats()!.count).toBe(0)
    const now = wal()
    expect(now.log - now.checkpointed).toBeGreaterThanOrEqual(100)
  })

  it('syncs a few frames to disk once they have waited long enough', async () => {
    getWriteClient().pragma('wal_checkpoint(TRUNCATE)')
    startCheckpointer({ everyMs: 5, maxPendingMs: 300 })
    const written = performance.now()
    await writePages(10)
    while (wal().checkpointed < wal().log && performance.now() - written < 10_000) await new Promise((r) => setTimeout(r, 5))
    const waited = performance.now() - written
    expect(wal().checkpointed).toBe(wal().log)
    expect(checkpointStats()!.count).toBe(1)
    expect(waited).toBeGreaterThanOrEqual(290)
  })

  it('gives the connection its automatic checkpoints back when the thread cannot run', async () => {
    // The worker's file is looked for under the working folder: here, it is not there.
    const cwd = vi.spyOn(process, 'cwd').mockReturnValue(path.join(os.tmpdir(), 'no-warta-here'))
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      startCheckpointer()
      expect(getWriteClient().pragma('wal_autocheckpoint', { simple: true })).toBe(0)
      const deadline = Date.now() + 10_000
      while (checkpointsOffLoop() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      expect(checkpointsOffLoop()).toBe(false)
      expect(getWriteClient().pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^The WAL checkpoint thread stopped .*SQLite checkpoints inside commits again\.$/))
    } finally {
      cwd.mockRestore()
      logged.mockRestore()
    }
  })

  it('gives the connection its automatic checkpoints back when stopped', async () => {
    startCheckpointer()
    await stopCheckpointer()
    expect(checkpointsOffLoop()).toBe(false)
    expect(getWriteClient().pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
  })

  it('takes over a slicer’s checkpoints: a long write leaves the setting to the thread', async () => {
    startCheckpointer({ everyMs: 60_000, maxPendingMs: 60_000 })
    const slicer = new Slicer({ budgetMs: 10, gapMs: 0 })
    slicer.open()
    for (let i = 0; i < 10; i++) await slicer.run((tx) => tx.run(sql`INSERT INTO filler (body) VALUES (${'y'.repeat(4000)})`))
    slicer.close()
    expect(getWriteClient().pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    // Ten slices and a close, and not one checkpoint of the slicer's own.
    const now = wal()
    expect(now.log - now.checkpointed).toBeGreaterThanOrEqual(10)
  })
})
