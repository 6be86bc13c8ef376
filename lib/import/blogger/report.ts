/*
 * What a Blogger import did (or, on a dry run, would do). The CLI prints it, the admin page
 * shows it; both read it from the import's JSON output (lib/cli/import-blogger.ts --json).
 */

import type { SliceStats } from '@/db/slices'

export type ImportFormat = 'classic' | '2018'

/** Per kind of record: how the import left it. */
export type Tally = { created: number; updated: number; unchanged: number; skipped: number }

export type SkipReason =
  | 'template' // classic export: the blog's theme
  | 'settings' // classic export: blog settings
  | 'trashed' // 2018 export: in Blogger's trash
  | 'edited-in-warta' // changed in Warta since the last import: Warta's version is kept
  | 'deleted-in-warta' // deleted in Warta after an earlier import: not brought back
  | 'orphan-comment' // a comment on a post that is not in the file
  | 'unknown-entry' // an entry that is none of post, page, comment, template, settings
  | 'duplicate-entry' // the same post or page id a second time in the file: the first is imported

export type SkippedEntry = { kind: string; id: string | null; title: string; reason: SkipReason; line: number }

export type MergeSuggestion = {
  target: { id: number; name: string; slug: string; posts: number }
  labels: Array<{ id: number; name: string; slug: string; posts: number; basis: string }>
}

export type ImportReport = {
  file: string
  format: ImportFormat
  dryRun: boolean
  durationMs: number
  blog: { id: string | null; title: string; url: string | null }
  /** `scheduledNowLive`: scheduled in Blogger for a time that has passed, so published (counted in `published`). */
  posts: Tally & { published: number; drafts: number; scheduled: number; scheduledNowLive: number }
  pages: Tally
  /** Imported as deactivated users, to be invited later. */
  authors: Tally
  labels: Tally
  /** Counted, not imported: comments wait for a comments feature. */
  comments: { total: number; topLevel: number; replies: number; onPages: number }
  redirects: { created: number; updated: number; unchanged: number }
  images: { referenced: number; downloaded: number; failed: Array<{ url: string; reason: string }> }
  /** Count per reason; `skipped` lists the entries (at most SKIPPED_LIST_LIMIT). */
  skippedByReason: Partial<Record<SkipReason, number>>
  skipped: SkippedEntry[]
  mergeSuggestions: MergeSuggestion[]
  warnings: string[]
  /**
   * How the import shared the site's write lock (docs/decisions/009-import-slicing.md): the number
   * of short transactions it wrote in, the longest (and what its thread did in it: SliceStats) and
   * the total time held (ms). Zero on a dry run.
   */
  writeLock: SliceStats
}

export const SKIPPED_LIST_LIMIT = 500

/**
 * One line of `import-blogger --json` output. Progress comes while reading the file (bytes),
 * while preparing the posts and pages (cleaning their bodies; nothing is visible yet) and while
 * writing them into the site (entries); exactly one `report` or `error` line ends the run.
 */
export type ImportEvent =
  | { type: 'progress'; phase: 'reading'; bytes: number; totalBytes: number; entries: number }
  | { type: 'progress'; phase: 'preparing'; done: number; total: number }
  | { type: 'progress'; phase: 'writing'; done: number; total: number }
  | { type: 'progress'; phase: 'images'; done: number; total: number }
  | { type: 'report'; report: ImportReport }
  | { type: 'error'; message: string; line: number | null }
