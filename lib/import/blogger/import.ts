import 'server-only'
import path from 'node:path'
import { expireTags } from '@/lib/cache/expire'
import { importTags } from '@/lib/cache/site'
import { getEnv } from '@/lib/env'
import { importStatements } from '@/db/queries/blogger-import'
import { makeSkip, type ImportContext } from './context'
import type { ImageFetchOptions } from '@/lib/import/images'
import { downloadFeaturedImages } from './featured-images'
import { publishAuthors, publishLabels, redirectOldLabelPaths, refreshMergeSuggestions } from './labels'
import { ExportReadError } from './parse'
import { internalHosts } from './plan'
import { planAddresses, prepareBodies } from './prepare'
import { publishEntries } from './publish'
import { readIntoStaging } from './read'
import type { ImportEvent, ImportReport, Tally } from './report'
import { DEFAULT_SLICES, Pacer, type SliceOptions, Slicer } from '@/db/slices'
import { StagingStore } from './staging'

/*
 * The Blogger import (docs/decisions/006-blogger-import.md; how it shares the site:
 * docs/decisions/009-import-slicing.md). In steps:
 *  1. read.ts: read the export once, checking it is a well-formed Blogger export, into a scratch
 *     file (staging.ts). A malformed or truncated file stops here, with nothing written.
 *  2. prepare.ts: give every post and page its address, then clean every body, in the scratch file.
 *  3. labels.ts, publish.ts: write authors, labels, pages and posts into the site's database in
 *     short slices (slices.ts), each leaving the site consistent, then the old label URLs, the merge
 *     suggestions and the audit record; then expire the cached pages (lib/cache).
 * Each imported entry is remembered in imported_entries with a hash of what was imported, so a
 * second run updates what changed in Blogger, leaves the rest alone, and never overwrites an
 * article edited in Warta since (that one is reported instead). The same run again also finishes
 * an import that stopped in step 3.
 */

export type ImportOptions = {
  dryRun?: boolean
  /** "Now" for scheduled posts: one whose time has passed goes live, as Blogger would have done. */
  now?: Date
  /** The site's address: links to it count as internal links, like the blog's own hosts. */
  siteUrl?: string
  onEvent?: (event: ImportEvent) => void
  /** Who started it (the admin page passes the admin), for the audit log. */
  actorId?: number | null
  /**
   * After the import is committed, copy each imported post's featured image from its Blogger
   * address into the media library. A failure is reported, never fatal: the post keeps the URL.
   */
  downloadImages?: boolean
  /** How images are fetched: private addresses (a local mirror), and for tests the resolver. */
  imageFetch?: ImageFetchOptions
  /** For tests and benchmarks: the write slices' budget and the pause between them. */
  slices?: SliceOptions
}

/**
 * The import stopped while writing (a disk error, a bug): the entries written until then are in,
 * each complete, and the rest is not. Running the same import again finishes it.
 */
export class ImportInterruptedError extends Error {
  constructor(
    readonly written: number,
    readonly total: number,
    options: { cause: unknown },
  ) {
    super(`The import stopped after writing ${written} of ${total} entries: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options)
    this.name = 'ImportInterruptedError'
  }
}

/** The import stopped: nothing was written. `line` is the export's line where it went wrong. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message)
    this.name = 'ImportError'
  }
}

const emptyTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0, skipped: 0 })
const tenths = (ms: number) => Math.round(ms * 10) / 10

function emptyReport(file: string, dryRun: boolean): ImportReport {
  return {
    file: path.basename(file),
    format: 'classic',
    dryRun,
    durationMs: 0,
    blog: { id: null, title: '', url: null },
    posts: { ...emptyTally(), published: 0, drafts: 0, scheduled: 0, scheduledNowLive: 0 },
    pages: emptyTally(),
    authors: emptyTally(),
    labels: emptyTally(),
    comments: { total: 0, topLevel: 0, replies: 0, onPages: 0 },
    redirects: { created: 0, updated: 0, unchanged: 0 },
    images: { referenced: 0, downloaded: 0, failed: [] },
    skippedByReason: {},
    skipped: [],
    mergeSuggestions: [],
    warnings: [],
    writeLock: { slices: 0, longestMs: 0, longest: null, heldMs: 0 },
  }
}

/**
 * Imports a Blogger export (see the module comment). Resolves with the report; rejects with
 * ImportError when the file cannot be imported, in which case nothing was written.
 */
export async function importBloggerExport(file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now()
  const dryRun = Boolean(opts.dryRun)
  const emit = opts.onEvent ?? (() => {})
  const report = emptyReport(file, dryRun)
  const slicer = new Slicer(opts.slices ?? DEFAULT_SLICES)
  const store = StagingStore.create(getEnv().dataDir)
  const ctx: ImportContext = {
    report,
    store,
    dryRun,
    now: (opts.now ?? new Date()).getTime(),
    pacer: new Pacer(),
    slicer,
    emit,
    statements: importStatements(),
    skip: makeSkip(report),
    dryRunClaims: new Set(),
  }
  try {
    let read: Awaited<ReturnType<typeof readIntoStaging>>
    try {
      read = await readIntoStaging(file, store, {
        now: ctx.now,
        emit,
        skip: ctx.skip,
        countSkipped: (reason, n) => {
          if (n > 0) report.skippedByReason[reason] = (report.skippedByReason[reason] ?? 0) + n
        },
        pacer: ctx.pacer,
      })
    } catch (error) {
      if (error instanceof ExportReadError) throw new ImportError(error.message, error.line)
      throw error
    }
    report.format = read.feed.format
    report.blog = { id: read.feed.blogId, title: read.feed.title, url: read.feed.url }
    report.comments = read.comments
    if (read.refusedPaths > 0) {
      report.warnings.push(
        `${read.refusedPaths} posts or pages named an old address that Blogger does not give posts and pages; no redirect was made from it.`,
      )
    }

    const total = store.count('post') + store.count('page')
    const hosts = internalHosts(read.feed, opts.siteUrl)
    await planAddresses(ctx)
    await prepareBodies(ctx, read.people, hosts, total)

    // Nothing of the import is visible until here; from here on it goes in slice by slice.
    if (!dryRun) slicer.open()
    let done = 0
    try {
      await publishAuthors(ctx, read.people)
      await publishLabels(ctx, read.people)
      emit({ type: 'progress', phase: 'writing', done, total })
      await publishEntries(ctx, read.people, hosts, (n) => {
        const before = done
        done += n
        if (Math.floor(done / 200) > Math.floor(before / 200) || done === total) emit({ type: 'progress', phase: 'writing', done, total })
      })
      await redirectOldLabelPaths(ctx, read.people)
      report.mergeSuggestions = await refreshMergeSuggestions(ctx, read.people, {
        actorId: opts.actorId ?? null,
        detail: { file: report.file, posts: report.posts, pages: report.pages, labels: report.labels, dryRun },
      })
    } catch (error) {
      if (dryRun || slicer.stats.slices === 0) throw error
      // What is in must show: the pages that carry it are expired as after a whole import.
      await expireTags(importTags()).catch(() => {})
      throw new ImportInterruptedError(done, total, { cause: error })
    }
    if (!dryRun) {
      // Every page carries the site's tag: all of them, and the 404s cached at the imported
      // stories' addresses, give way, in every server process on this database (ADR 007).
      await expireImportedPages(report)
    }
  } finally {
    slicer.close()
    store.dispose()
  }
  if (opts.downloadImages && !dryRun) {
    const downloaded = await downloadFeaturedImages(report, opts, emit)
    if (downloaded > 0) await expireImportedPages(report)
  }
  report.writeLock = {
    slices: slicer.stats.slices,
    longestMs: tenths(slicer.stats.longestMs),
    longest: slicer.stats.longest && { onCoreMs: tenths(slicer.stats.longest.onCoreMs), waitingForCoreMs: tenths(slicer.stats.longest.waitingForCoreMs) },
    heldMs: Math.round(slicer.stats.heldMs),
  }
  report.durationMs = Date.now() - started
  return report
}

/**
 * The stories are in whatever happens here: a tag store that cannot be reached (Redis down,
 * ADR 018) must not turn a finished import into a failed one, so it becomes a warning.
 */
async function expireImportedPages(report: { warnings: string[] }): Promise<void> {
  try {
    await expireTags(importTags())
  } catch (error) {
    console.error('Import: could not expire the cached pages', { error })
    report.warnings.push(
      'The imported stories are saved, but cached pages could not be told (the tag store did not answer): restart the servers, or run the same import again, to show them.',
    )
  }
}
