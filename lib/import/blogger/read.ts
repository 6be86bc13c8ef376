import 'server-only'
import { SKIPPED_LIST_LIMIT, type ImportEvent, type SkippedEntry, type SkipReason } from './report'
import { readBloggerExport, type FeedInfo } from './parse'
import { planEntry, timeMs } from './plan'
import { PeopleAndLabels } from './labels'
import type { Pacer } from '@/db/slices'
import type { StagingStore } from './staging'

/*
 * Step 1 of an import: read the export once, from start to end, checking that it is a
 * well-formed Blogger export, and put each post and page into the scratch store with what the
 * import makes of it. Nothing touches the site's database, so a malformed or truncated file
 * leaves the site exactly as it was. Memory holds one entry at a time, plus the labels and
 * authors (a few hundred).
 */

const PROGRESS_EVERY_BYTES = 1024 * 1024

export type ReadResult = {
  feed: FeedInfo
  people: PeopleAndLabels
  comments: { total: number; topLevel: number; replies: number; onPages: number }
  /** Entries of any kind in the file. */
  entries: number
  /** Posts and pages that named an old address Blogger never serves (not redirected: finding 6). */
  refusedPaths: number
}

export async function readIntoStaging(
  file: string,
  store: StagingStore,
  opts: {
    now: number
    emit: (event: ImportEvent) => void
    skip: (entry: SkippedEntry) => void
    /** Counts skipped entries that are not listed. */
    countSkipped: (reason: SkipReason, n: number) => void
    pacer: Pacer
  },
): Promise<ReadResult> {
  const { now, emit, skip, pacer } = opts
  const people = new PeopleAndLabels()
  let entries = 0
  let refusedPaths = 0
  let exportedAt: number | null = null
  let lastReported = -Infinity
  const feed = await readBloggerExport(file, {
    onFeed: (f) => {
      exportedAt = timeMs(f.updated)
    },
    onProgress: (bytes, totalBytes, n) => {
      // A line of --json output per megabyte read, not per chunk.
      if (bytes - lastReported < PROGRESS_EVERY_BYTES && bytes < totalBytes) return
      lastReported = bytes
      emit({ type: 'progress', phase: 'reading', bytes, totalBytes, entries: n })
    },
    onEntry: async (entry) => {
      entries++
      if (entry.kind === 'template' || entry.kind === 'settings') {
        skip({ kind: entry.kind, id: null, title: entry.title, reason: entry.kind, line: entry.line })
      } else if (entry.kind === 'unknown') {
        skip({ kind: 'entry', id: entry.id, title: entry.title, reason: 'unknown-entry', line: entry.line })
      } else if (entry.kind === 'comment') {
        if (entry.status !== 'trashed') store.addComment({ id: entry.id, parentId: entry.parentId, reply: Boolean(entry.inReplyToId), line: entry.line })
      } else if (!store.markSeen(entry.id)) {
        // The same entry twice (a hand-joined file): the first counts.
        skip({ kind: entry.kind, id: entry.id, title: entry.title, reason: 'duplicate-entry', line: entry.line })
      } else {
        const plan = planEntry(entry, now, exportedAt)
        if ('skip' in plan) {
          skip({ kind: entry.kind, id: entry.id, title: entry.title, reason: 'trashed', line: entry.line })
        } else {
          if (entry.legacyPath && !plan.legacyPath) refusedPaths++
          store.addEntry(plan, entry)
          people.add(plan, entry.author.name)
        }
      }
      await pacer.tick()
    },
  })
  const tally = store.tallyComments()
  if (tally.orphans > 0) {
    const listed = store.listOrphanComments(SKIPPED_LIST_LIMIT)
    for (const c of listed) skip({ kind: 'comment', id: c.id, title: '', reason: 'orphan-comment', line: c.line })
    opts.countSkipped('orphan-comment', tally.orphans - listed.length)
  }
  const { orphans: _, ...comments } = tally
  return { feed, people, comments, entries, refusedPaths }
}
