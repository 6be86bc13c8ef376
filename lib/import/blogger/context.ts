import 'server-only'
import { getDb, type Db } from '@/db'
import { addRedirect, getPathFate, removeRedirectsFrom } from '@/db/queries/redirects'
import type { importedEntries, ImportedKind } from '@/db/schema'
import type { ImportEvent, ImportReport, SkippedEntry } from './report'
import { SKIPPED_LIST_LIMIT } from './report'
import type { Pacer, Slicer } from './slices'
import type { StagingStore } from './staging'

/*
 * What every step of an import shares: the report it fills in, the scratch store, the pacing,
 * and the statements it runs against the site's database, prepared once (drizzle builds and
 * better-sqlite3 prepares a statement on every call otherwise, which cost more than the writes).
 */

export const SOURCE = 'blogger'

export type Mapping = typeof importedEntries.$inferSelect

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

function prepareOn(client: Db['$client']) {
  return {
    mapping: client.prepare(
      `SELECT source, kind, external_id AS externalId, entity_id AS entityId, legacy_path AS legacyPath,
        external_updated AS externalUpdated, content_hash AS contentHash, entity_version AS entityVersion, imported_at AS importedAt
      FROM imported_entries WHERE source = '${SOURCE}' AND kind = ? AND external_id = ?`,
    ),
    remember: client.prepare(`
      INSERT INTO imported_entries (source, kind, external_id, entity_id, legacy_path, external_updated, content_hash, entity_version, imported_at)
      VALUES ('${SOURCE}', @kind, @externalId, @entityId, @legacyPath, @externalUpdated, @contentHash, @entityVersion, @importedAt)
      ON CONFLICT (source, kind, external_id) DO UPDATE SET entity_id = excluded.entity_id, legacy_path = excluded.legacy_path,
        external_updated = excluded.external_updated, content_hash = excluded.content_hash, entity_version = excluded.entity_version,
        imported_at = excluded.imported_at`),
    articleState: client.prepare(
      'SELECT id, status, slug, path_month AS pathMonth, version, featured_image_url AS featuredImageUrl FROM articles WHERE id = ?',
    ),
    articleSlugTaken: client.prepare('SELECT 1 FROM articles WHERE slug = ?'),
    // One statement for a slice's new live stories: see publishPost.
    makeLive: client.prepare(`UPDATE articles SET status = 'published' WHERE id IN (SELECT value FROM json_each(?))`),
    insertArticle: client.prepare(`
      INSERT INTO articles (title, slug, path_month, body_html, featured_image_url, featured_alt, featured_caption, author_id, status,
        version, published_at, updated_at, is_sponsored, sponsor_name, seo_description, created_at, saved_at)
      VALUES (@title, @slug, @pathMonth, @bodyHtml, @featuredImageUrl, @featuredAlt, @featuredCaption, @authorId, @status,
        1, @publishedAt, @updatedAt, @isSponsored, @sponsorName, @seoDescription, @createdAt, @savedAt)
      RETURNING id, status, slug, path_month AS pathMonth, version, featured_image_url AS featuredImageUrl`),
    pageById: client.prepare('SELECT id, slug, status, updated_at AS updatedAt FROM pages WHERE id = ?'),
    pageBySlug: client.prepare('SELECT slug, status, body_html AS bodyHtml FROM pages WHERE slug = ?'),
    userExists: client.prepare('SELECT 1 FROM users WHERE id = ?'),
    userSlugTaken: client.prepare('SELECT 1 FROM users WHERE slug = ?'),
    labelSlug: client.prepare('SELECT slug FROM labels WHERE id = ?'),
    allLabels: client.prepare('SELECT id, name, slug FROM labels'),
    clearLabels: client.prepare('DELETE FROM article_labels WHERE article_id = ?'),
    addLabel: client.prepare('INSERT INTO article_labels (article_id, label_id, position) VALUES (?, ?, ?)'),
    clearRedirectFrom: client.prepare('DELETE FROM redirects WHERE from_path = ?'),
  }
}
type PreparedStatements = ReturnType<typeof prepareOn>
const preparedByClient = new WeakMap<object, PreparedStatements>()

/**
 * The import's statements, prepared once per connection and picked at each use: inside a slice
 * (write()) the write connection's, so they see and join the slice's transaction; outside it the
 * read connection's (which refuses writes). A statement prepared on one connection always runs
 * on that one, so picking late is what keeps a read in the planning phase off the write
 * connection, where another request's open transaction could show it uncommitted rows.
 */
export function prepareStatements(): PreparedStatements {
  const pick = (): PreparedStatements => {
    const client = getDb().$client
    let prepared = preparedByClient.get(client)
    if (!prepared) {
      prepared = prepareOn(client)
      preparedByClient.set(client, prepared)
    }
    return prepared
  }
  return new Proxy({} as PreparedStatements, { get: (_, key) => pick()[key as keyof PreparedStatements] })
}
export type Statements = ReturnType<typeof prepareStatements>

export function getMapping(ctx: ImportContext, kind: ImportedKind, externalId: string): Mapping | undefined {
  const row = ctx.statements.mapping.get(kind, externalId) as (Omit<Mapping, 'importedAt'> & { importedAt: number }) | undefined
  return row ? { ...row, importedAt: new Date(row.importedAt) } : undefined
}

/** Records what an entry became, so the next import updates it instead of duplicating it. Inside a slice. */
export function remember(ctx: ImportContext, kind: ImportedKind, externalId: string, values: RememberValues): void {
  if (ctx.dryRun) return
  ctx.statements.remember.run({
    kind,
    externalId,
    entityId: values.entityId,
    legacyPath: values.legacyPath ?? null,
    externalUpdated: values.externalUpdated ?? null,
    contentHash: values.contentHash ?? '',
    entityVersion: values.entityVersion ?? null,
    importedAt: Date.now(),
  })
}

/**
 * Points an old Blogger path at where its content lives now (one hop; db/queries/redirects.ts
 * keeps the table's invariant), counting it as new, updated or unchanged. Inside a slice; a dry
 * run only counts.
 */
export function redirectOldPath(ctx: ImportContext, from: string, to: string): void {
  const counts = ctx.report.redirects
  const fate = getPathFate(from.toLowerCase())
  if (fate?.kind === 'moved' && fate.to === to) return void counts.unchanged++
  if (!ctx.dryRun) addRedirect(from, to, 'import')
  if (fate) counts.updated++
  else counts.created++
}

/** A live page wins its own address: a redirect from it would hide it. Inside a slice. */
export function claimAddress(ctx: ImportContext, path: string): void {
  if (!ctx.dryRun) ctx.statements.clearRedirectFrom.run(path)
}

/** Old paths that must no longer lead anywhere (a post taken back to draft in Blogger). */
export async function forgetOldPath(ctx: ImportContext, path: string): Promise<void> {
  if (!ctx.dryRun) await removeRedirectsFrom(path)
}
