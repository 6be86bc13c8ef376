import 'server-only'
import { IMPORT_SOURCE, type ImportStatements, type Mapping } from '@/db/queries/blogger-import'
import { getPathFateAsync, recordRedirect, removeRedirectsFrom } from '@/db/queries/redirects'
import type { ImportedKind } from '@/db/schema'
import type { ImportEvent, ImportReport, SkippedEntry } from './report'
import { SKIPPED_LIST_LIMIT } from './report'
import type { Pacer, Slicer } from '@/db/slices'
import type { StagingStore } from './staging'

/*
 * What every step of an import shares: the report it fills in, the scratch store, the pacing,
 * and the statements it runs against the site's database (db/queries/blogger-import.ts: awaited,
 * on both dialects; prepared once per connection on SQLite).
 */

export const SOURCE = IMPORT_SOURCE

export type { Mapping }

export type RememberValues = {
  entityId: number
  legacyPath?: string | null
  externalUpdated?: string | null
  contentHash?: string
  entityVersion?: number | null
}

export type ImportContext = {
  report: ImportReport
  store: StagingStore
  dryRun: boolean
  now: number
  pacer: Pacer
  slicer: Slicer
  emit: (event: ImportEvent) => void
  statements: Statements
  skip: (entry: SkippedEntry) => void
  /** Slugs a dry run would have taken ("user:…", "label:…", "article:…", "page:…"): it writes none. */
  dryRunClaims: Set<string>
}

/** Adds a skipped entry to the report: counted always, listed up to SKIPPED_LIST_LIMIT. */
export function makeSkip(report: ImportReport): (entry: SkippedEntry) => void {
  return (entry) => {
    report.skippedByReason[entry.reason] = (report.skippedByReason[entry.reason] ?? 0) + 1
    if (report.skipped.length < SKIPPED_LIST_LIMIT) report.skipped.push(entry)
  }
}

export type Statements = ImportStatements

export function getMapping(ctx: ImportContext, kind: ImportedKind, externalId: string): Promise<Mapping | undefined> {
  return ctx.statements.mapping(kind, externalId)
}

/** Records what an entry became, so the next import updates it instead of duplicating it. Inside a slice. */
export async function remember(ctx: ImportContext, kind: ImportedKind, externalId: string, values: RememberValues): Promise<void> {
  if (ctx.dryRun) return
  await ctx.statements.remember({
    kind,
    externalId,
    entityId: values.entityId,
    legacyPath: values.legacyPath ?? null,
    externalUpdated: values.externalUpdated ?? null,
    contentHash: values.contentHash ?? '',
    entityVersion: values.entityVersion ?? null,
    importedAt: new Date(),
  })
}

/**
 * Points an old Blogger path at where its content lives now (one hop; db/queries/redirects.ts
 * keeps the table's invariant), counting it as new, updated or unchanged. Inside a slice; a dry
 * run only counts.
 */
export async function redirectOldPath(ctx: ImportContext, from: string, to: string): Promise<void> {
  const counts = ctx.report.redirects
  const fate = await getPathFateAsync(from.toLowerCase())
  if (fate?.kind === 'moved' && fate.to === to) return void counts.unchanged++
  if (!ctx.dryRun) await recordRedirect(from, to, 'import')
  if (fate) counts.updated++
  else counts.created++
}

/** A live page wins its own address: a redirect from it would hide it. Inside a slice. */
export async function claimAddress(ctx: ImportContext, path: string): Promise<void> {
  if (!ctx.dryRun) await ctx.statements.clearRedirectFrom(path)
}

/** Old paths that must no longer lead anywhere (a post taken back to draft in Blogger). */
export async function forgetOldPath(ctx: ImportContext, path: string): Promise<void> {
  if (!ctx.dryRun) await removeRedirectsFrom(path)
}
