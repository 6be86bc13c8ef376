import 'server-only'
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { getDb } from '@/db'
import { isUntouchedStarterPage, releaseStarterPage } from '@/db/starter-pages'
import { addRedirect, getPathFate, removeRedirectsFrom } from '@/db/queries/redirects'
import { writeRevision } from '@/db/queries/articles-desk'
import { articleLabels, articles, importedEntries, labels, pages, users, type ImportedKind } from '@/db/schema'
import { recordAudit } from '@/db/queries/audit'
import { listLabelMergeSuggestions, refreshLabelMergeSuggestions } from '@/db/queries/label-suggestions'
import { downloadImageToLibrary } from '@/lib/import/images'
import { toPathMonth } from '@/lib/dates'
import { bloggerLabelPath, labelKey } from '@/lib/labels/key'
import { LABEL_LIMITS } from '@/lib/validation/labels'
import { bloggerImageAtSize } from '@/lib/media/blogger-cdn'
import { isBloggerSourcePath } from '@/lib/redirects/blogger'
import { articlePath, labelPath, pagePath, slugify } from '@/lib/urls'
import { cleanBloggerBody, takeLeadImage } from './content'
import { ExportReadError, readBloggerExport, type FeedInfo, type RawEntry } from './parse'
import { type ImportEvent, type ImportReport, type SkipReason, SKIPPED_LIST_LIMIT, type Tally } from './report'

/*
 * The Blogger import (docs/decisions/006-blogger-import.md). Two passes over the file:
 *  1. read it all, checking it is a well-formed Blogger export and noting what is in it (ids,
 *     old URLs, statuses, authors, labels, comment counts: a few hundred bytes per post);
 *     nothing is written, so a malformed or truncated file leaves the database as it was;
 *  2. read it again and write every post and page inside ONE transaction, committed only when
 *     all of it went in (a dry run rolls it back instead).
 * Each imported entry is remembered in imported_entries with a hash of what was imported, so a
 * second run updates what changed in Blogger, leaves the rest alone, and never overwrites an
 * article edited in Warta since (that one is reported instead).
 */

const SOURCE = 'blogger'

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
  /** For tests: how images are fetched. */
  fetchImpl?: typeof fetch
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

type PostStatus = 'published' | 'draft' | 'scheduled'

type PostPlan = {
  kind: 'post'
  status: PostStatus
  legacyPath: string | null
  publishedMs: number | null
  baseSlug: string
  authorKey: string
  labelKeys: string[]
  sponsored: boolean
  /** Scheduled in Blogger when the export was made. */
  wasScheduled: boolean
  /** Filled in before pass 2. */
  slug?: string
  pathMonth?: string | null
}

type PagePlan = { kind: 'page'; status: 'published' | 'draft'; legacyPath: string | null; baseSlug: string; slug?: string }

type LabelPlan = { key: string; variants: Map<string, number>; livePosts: number; sponsored: boolean; id?: number }

const SPONSORED_LABEL = /^(?:advertorial|advetorial|pariwara|iklan|sponsored|konten bersponsor)\b/i

const emptyTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0, skipped: 0 })

function timeMs(value: string | null): number | null {
  if (!value) return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}

/** "/2023/06/banjir-rendam-80-rumah_97.html" → pathMonth "2023/06", slug "banjir-rendam-80-rumah-97". */
function fromLegacyPostPath(legacyPath: string | null): { pathMonth: string; slug: string } | null {
  const m = legacyPath ? /^\/(\d{4})\/(\d{2})\/([^/]+?)\.html$/i.exec(legacyPath) : null
  if (!m) return null
  return { pathMonth: `${m[1]}/${m[2]}`, slug: slugify(decodePathPart(m[3]!).replace(/_/g, '-'), 120) }
}

/** A percent-encoded path segment as text; a broken escape is kept as written rather than failing the import. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/**
 * The entry's old path if Blogger could have served it there, else null: an export may name any
 * path, and a redirect row from `/admin/masuk` would take over the sign-in page (issue #10, finding 6).
 */
function sourcePathOrNull(kind: 'post' | 'page', legacyPath: string | null): string | null {
  return legacyPath && isBloggerSourcePath(kind, legacyPath) ? legacyPath : null
}

function fromLegacyPagePath(legacyPath: string | null): string | null {
  const m = legacyPath ? /^\/p\/([^/]+?)\.html$/i.exec(legacyPath) : null
  return m ? slugify(decodePathPart(m[1]!).replace(/_/g, '-'), 120) : null
}

function authorKeyOf(entry: RawEntry): string {
  const profile = entry.author.uri ? /profile\/(\d+)/.exec(entry.author.uri)?.[1] : null
  return profile ? `profile:${profile}` : `name:${entry.author.name.trim().toLowerCase() || 'anonim'}`
}

function postStatus(entry: RawEntry, now: number): PostStatus | 'trashed' {
  if (entry.status === 'trashed') return 'trashed'
  if (entry.status === 'draft') return 'draft'
  const published = timeMs(entry.published)
  // Classic exports say "scheduled" only by a publication time still ahead; 2018 ones say it
  // outright. Either way a time that has passed means Blogger would have published it by now.
  return published !== null && published > now ? 'scheduled' : 'published'
}

/** The label's name as the newsroom will see it: the spelling most used, preferring one not in capitals. */
function displayName(variants: Map<string, number>): string {
  const tidy = (s: string) => s.replace(/\s+/g, ' ').trim()
  const allCaps = (s: string) => s === s.toUpperCase() && s !== s.toLowerCase()
  return [...variants.entries()]
    .map(([name, count]) => ({ name: tidy(name), count }))
    .sort((a, b) => b.count - a.count || Number(allCaps(a.name)) - Number(allCaps(b.name)) || a.name.localeCompare(b.name))[0]!.name
}

function sponsorNameOf(labelNames: string[]): string {
  const label = labelNames.find((n) => SPONSORED_LABEL.test(n))
  if (!label) return ''
  return label.replace(SPONSORED_LABEL, '').replace(/^[\s:–-]+/, '').trim() || label
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32)
}

/** Picks `base` or `base-2`, `base-3`… not in `taken`, and takes it. */
function claimSlug(taken: Set<string>, base: string): string {
  let slug = base
  for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`
  taken.add(slug)
  return slug
}

type Scan = {
  feed: FeedInfo
  posts: Map<string, PostPlan>
  pages: Map<string, PagePlan>
  authors: Map<string, string>
  labels: Map<string, LabelPlan>
  comments: ImportReport['comments']
  skipped: Array<{ kind: string; id: string | null; title: string; reason: SkipReason; line: number }>
  entries: number
}

async function scan(file: string, now: number, emit: (e: ImportEvent) => void): Promise<Scan> {
  const posts = new Map<string, PostPlan>()
  const pages = new Map<string, PagePlan>()
  const authors = new Map<string, string>()
  const labelPlans = new Map<string, LabelPlan>()
  const comments: Array<{ parentId: string | null; reply: boolean; line: number; id: string }> = []
  const skipped: Scan['skipped'] = []
  let entries = 0
  let exportedAt: number | null = null
  const feed = await readBloggerExport(file, {
    onFeed: (f) => {
      exportedAt = timeMs(f.updated)
    },
    onProgress: (bytes, totalBytes, n) => emit({ type: 'progress', phase: 'reading', bytes, totalBytes, entries: n }),
    onEntry: (entry) => {
      entries++
      if (entry.kind === 'template' || entry.kind === 'settings') {
        skipped.push({ kind: entry.kind, id: null, title: entry.title, reason: entry.kind, line: entry.line })
      } else if (entry.kind === 'unknown') {
        skipped.push({ kind: 'entry', id: entry.id, title: entry.title, reason: 'unknown-entry', line: entry.line })
      } else if (entry.kind === 'comment') {
        if (entry.status !== 'trashed') comments.push({ parentId: entry.parentId, reply: Boolean(entry.inReplyToId), line: entry.line, id: entry.id })
      } else if (posts.has(entry.id) || pages.has(entry.id)) {
        // The same entry twice (a hand-joined file): the first counts; pass 2 reports the second.
        return
      } else if (entry.kind === 'page') {
        if (entry.status === 'trashed') {
          skipped.push({ kind: 'page', id: entry.id, title: entry.title, reason: 'trashed', line: entry.line })
          return
        }
        pages.set(entry.id, {
          kind: 'page',
          status: entry.status === 'draft' ? 'draft' : 'published',
          legacyPath: sourcePathOrNull('page', entry.legacyPath),
          baseSlug: fromLegacyPagePath(entry.legacyPath) ?? slugify(entry.title || `halaman-${entry.id}`, 120),
        })
        authors.set(authorKeyOf(entry), entry.author.name)
      } else {
        const status = postStatus(entry, now)
        if (status === 'trashed') {
          skipped.push({ kind: 'post', id: entry.id, title: entry.title, reason: 'trashed', line: entry.line })
          return
        }
        const labelKeys: string[] = []
        for (const raw of entry.labels) {
          const key = labelKey(raw)
          if (!key || labelKeys.includes(key)) continue
          labelKeys.push(key)
          const plan = labelPlans.get(key) ?? { key, variants: new Map(), livePosts: 0, sponsored: SPONSORED_LABEL.test(key) }
          plan.variants.set(raw, (plan.variants.get(raw) ?? 0) + 1)
          if (status === 'published') plan.livePosts++
          labelPlans.set(key, plan)
        }
        const published = timeMs(entry.published)
        posts.set(entry.id, {
          kind: 'post',
          status,
          // The 2018 format says so; the classic one only by a time after the export's.
          wasScheduled: entry.status === 'scheduled' || (published !== null && exportedAt !== null && published > exportedAt),
          legacyPath: sourcePathOrNull('post', entry.legacyPath),
          publishedMs: published,
          baseSlug: fromLegacyPostPath(entry.legacyPath)?.slug || slugify(entry.title || `artikel-${entry.id}`, 120),
          authorKey: authorKeyOf(entry),
          labelKeys,
          sponsored: labelKeys.some((k) => SPONSORED_LABEL.test(k)),
        })
        authors.set(authorKeyOf(entry), entry.author.name)
      }
    },
  })
  const tally = { total: 0, topLevel: 0, replies: 0, onPages: 0 }
  for (const c of comments) {
    if (!c.parentId || (!posts.has(c.parentId) && !pages.has(c.parentId))) {
      skipped.push({ kind: 'comment', id: c.id, title: '', reason: 'orphan-comment', line: c.line })
      continue
    }
    tally.total++
    if (c.reply) tally.replies++
    else tally.topLevel++
    if (pages.has(c.parentId)) tally.onPages++
  }
  return { feed, posts, pages, authors, labels: labelPlans, comments: tally, skipped, entries }
}

/** The blog's own addresses: links to them are links between its posts. */
function internalHosts(feed: FeedInfo, siteUrl: string | undefined): Set<string> {
  const hosts = new Set<string>()
  for (const url of [feed.url, siteUrl]) {
    if (!url) continue
    try {
      const host = new URL(url).hostname.toLowerCase()
      hosts.add(host)
      hosts.add(host.startsWith('www.') ? host.slice(4) : `www.${host}`)
    } catch {
      // not a URL: no host to add
    }
  }
  return hosts
}

type Mapping = typeof importedEntries.$inferSelect

/**
 * Imports a Blogger export (see the module comment). Resolves with the report; rejects with
 * ImportError when the file cannot be imported, in which case nothing was written.
 */
export async function importBloggerExport(file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now()
  const now = (opts.now ?? new Date()).getTime()
  const emit = opts.onEvent ?? (() => {})
  // The file must not change between the two passes (checked after the second).
  const { size, mtimeMs } = await stat(file)
  let data: Scan
  try {
    data = await scan(file, now, emit)
  } catch (error) {
    if (error instanceof ExportReadError) throw new ImportError(error.message, error.line)
    throw error
  }

  const report: ImportReport = {
    file: path.basename(file),
    format: data.feed.format,
    dryRun: Boolean(opts.dryRun),
    durationMs: 0,
    blog: { id: data.feed.blogId, title: data.feed.title, url: data.feed.url },
    posts: { ...emptyTally(), published: 0, drafts: 0, scheduled: 0, scheduledNowLive: 0 },
    pages: emptyTally(),
    authors: emptyTally(),
    labels: emptyTally(),
    comments: data.comments,
    redirects: { created: 0, updated: 0, unchanged: 0 },
    images: { referenced: 0, downloaded: 0, failed: [] },
    skippedByReason: {},
    skipped: [],
    mergeSuggestions: [],
    warnings: [],
  }
  const skip = (entry: Scan['skipped'][number]) => {
    report.skippedByReason[entry.reason] = (report.skippedByReason[entry.reason] ?? 0) + 1
    if (report.skipped.length < SKIPPED_LIST_LIMIT) report.skipped.push(entry)
  }
  data.skipped.forEach(skip)

  const db = getDb()
  const client = db.$client
  client.exec('BEGIN IMMEDIATE')
  try {
    const mappings = new Map<string, Mapping>()
    for (const row of db.select().from(importedEntries).where(eq(importedEntries.source, SOURCE)).all()) {
      mappings.set(`${row.kind}:${row.externalId}`, row)
    }
    const statements = prepareStatements(db)
    const remember: Remember = (kind, externalId, values) => {
      statements.remember.run({
        source: SOURCE,
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
    const countRedirect = (from: string, to: string) => {
      const fate = getPathFate(from.toLowerCase())
      if (fate?.kind === 'moved' && fate.to === to) return void report.redirects.unchanged++
      addRedirect(from, to, 'import')
      if (fate) report.redirects.updated++
      else report.redirects.created++
    }

    const authorIds = importAuthors(data, mappings, remember, report)
    importLabels(data, mappings, remember, report)
    planPageSlugs(data, mappings)
    const urlOfLegacy = planPostSlugs(data, mappings)

    const hosts = internalHosts(data.feed, opts.siteUrl)
    const rewriteHref = (href: string): string | null => {
      let url: URL
      try {
        url = new URL(href, 'http://relative.invalid')
      } catch {
        return null
      }
      const host = url.hostname.toLowerCase()
      if (host !== 'relative.invalid' && !hosts.has(host) && !host.endsWith('.blogspot.com')) return null
      return urlOfLegacy.get(url.pathname.toLowerCase()) ?? null
    }

    // Pass 2: write posts and pages, entry by entry.
    const total = data.posts.size + data.pages.size
    let done = 0
    const written = new Set<string>()
    const fileChanged = await readBloggerExport(file, {
      onEntry: (entry) => {
        if (entry.kind !== 'post' && entry.kind !== 'page') return
        if (written.has(entry.id)) {
          skip({ kind: entry.kind, id: entry.id, title: entry.title, reason: 'duplicate-entry', line: entry.line })
          return
        }
        written.add(entry.id)
        if (entry.kind === 'post') {
          const plan = data.posts.get(entry.id)
          if (!plan) return
          writePost(entry, plan, { db, statements, mappings, remember, authorIds, labelPlans: data.labels, rewriteHref, report, skip, countRedirect })
        } else if (entry.kind === 'page') {
          const plan = data.pages.get(entry.id)
          if (!plan) return
          writePage(entry, plan, { db, statements, mappings, remember, rewriteHref, report, skip, countRedirect })
        }
        done++
        if (done % 200 === 0 || done === total) emit({ type: 'progress', phase: 'writing', done, total })
      },
    }).then(async () => {
      const after = await stat(file)
      return after.size !== size || after.mtimeMs !== mtimeMs
    })
    if (fileChanged) throw new ImportError('the file changed while it was being imported; run the import again', null)

    // Old label archives, for labels that had a public archive (a label on a live post).
    for (const plan of data.labels.values()) {
      if (plan.livePosts === 0 || plan.id === undefined) continue
      const label = db.select({ slug: labels.slug }).from(labels).where(eq(labels.id, plan.id)).get()
      if (label) countRedirect(bloggerLabelPath(plan.key), labelPath(label.slug))
    }

    // Labels that look like duplicates (typos, abbreviations, glued words…), offered on the labels screen.
    refreshLabelMergeSuggestions(db)
    report.mergeSuggestions = listLabelMergeSuggestions(db)

    recordAudit({
      actorId: opts.actorId ?? null,
      action: 'import:blogger',
      entity: 'import',
      detail: { file: report.file, posts: report.posts, pages: report.pages, labels: report.labels, dryRun: report.dryRun },
    })

    if (opts.dryRun) client.exec('ROLLBACK')
    else client.exec('COMMIT')
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK')
    if (error instanceof ImportError) throw error
    if (error instanceof ExportReadError) throw new ImportError(error.message, error.line)
    throw error
  }
  if (opts.downloadImages && !opts.dryRun) await downloadFeaturedImages(report, opts, emit)
  report.durationMs = Date.now() - started
  return report
}

const IMAGE_DOWNLOADS_AT_ONCE = 4

/**
 * Copies the featured images of imported posts that still point at an outside address into the
 * media library (each address fetched once, a few at a time), and points the posts at the copies.
 * Posts whose image could not be fetched keep the address; a later run tries them again.
 */
async function downloadFeaturedImages(report: ImportReport, opts: ImportOptions, emit: (e: ImportEvent) => void): Promise<void> {
  const db = getDb()
  const rows = db
    .select({ id: articles.id, url: articles.featuredImageUrl, alt: articles.featuredAlt })
    .from(articles)
    .innerJoin(importedEntries, and(eq(importedEntries.kind, 'post'), eq(importedEntries.entityId, articles.id), eq(importedEntries.source, SOURCE)))
    .where(and(isNotNull(articles.featuredImageUrl), isNull(articles.featuredMediaId)))
    .all()
  const byUrl = new Map<string, Array<{ id: number; alt: string }>>()
  for (const row of rows) byUrl.set(row.url!, [...(byUrl.get(row.url!) ?? []), { id: row.id, alt: row.alt }])
  const queue = [...byUrl.entries()]
  const total = queue.length
  let done = 0
  emit({ type: 'progress', phase: 'images', done, total })
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [url, posts] = next
      // The import is committed by now: a failure here (even the disk's) is one image not copied.
      const result = await downloadImageToLibrary(url, { uploadedBy: opts.actorId ?? null, alt: posts[0]!.alt, fetchImpl: opts.fetchImpl }).catch(
        (error: unknown) => ({ ok: false as const, reason: `could not be stored (${error instanceof Error ? error.message : String(error)})` }),
      )
      if (result.ok) {
        db.update(articles).set({ featuredMediaId: result.mediaId }).where(inArray(articles.id, posts.map((p) => p.id))).run()
        report.images.downloaded += 1
      } else if (report.images.failed.length < SKIPPED_LIST_LIMIT) {
        report.images.failed.push({ url, reason: result.reason })
      }
      done++
      if (done % 10 === 0 || done === total) emit({ type: 'progress', phase: 'images', done, total })
    }
  }
  await Promise.all(Array.from({ length: Math.min(IMAGE_DOWNLOADS_AT_ONCE, total) }, worker))
  const failed = total - report.images.downloaded
  if (failed > 0) report.warnings.push(`${failed} of ${total} images could not be downloaded; those posts keep their Blogger address.`)
}

type Remember = (kind: ImportedKind, externalId: string, values: Omit<typeof importedEntries.$inferInsert, 'source' | 'kind' | 'externalId' | 'importedAt'>) => void

/**
 * The statements run once or more per post, prepared once: drizzle builds and better-sqlite3
 * prepares a statement on every call otherwise, which cost more than the writes themselves.
 */
function prepareStatements(db: ReturnType<typeof getDb>) {
  const client = db.$client
  return {
    remember: client.prepare(`
      INSERT INTO imported_entries (source, kind, external_id, entity_id, legacy_path, external_updated, content_hash, entity_version, imported_at)
      VALUES (@source, @kind, @externalId, @entityId, @legacyPath, @externalUpdated, @contentHash, @entityVersion, @importedAt)
      ON CONFLICT (source, kind, external_id) DO UPDATE SET entity_id = excluded.entity_id, legacy_path = excluded.legacy_path,
        external_updated = excluded.external_updated, content_hash = excluded.content_hash, entity_version = excluded.entity_version,
        imported_at = excluded.imported_at`),
    articleState: client.prepare('SELECT id, status, slug, path_month AS pathMonth, version, featured_image_url AS featuredImageUrl FROM articles WHERE id = ?'),
    clearLabels: client.prepare('DELETE FROM article_labels WHERE article_id = ?'),
    addLabel: client.prepare('INSERT INTO article_labels (article_id, label_id, position) VALUES (?, ?, ?)'),
    clearRedirectFrom: client.prepare('DELETE FROM redirects WHERE from_path = ?'),
  }
}
type Statements = ReturnType<typeof prepareStatements>
type ArticleState = { id: number; status: string; slug: string; pathMonth: string | null; version: number; featuredImageUrl: string | null }

/** Bump when the clean-up of bodies changes, so a re-import rewrites bodies made by the old rules. */
const BODY_RULES_VERSION = 1

function importAuthors(data: Scan, mappings: Map<string, Mapping>, remember: Remember, report: ImportReport): Map<string, number> {
  const db = getDb()
  const ids = new Map<string, number>()
  const slugs = new Set(db.select({ slug: users.slug }).from(users).all().map((r) => r.slug))
  for (const [key, rawName] of data.authors) {
    const mapping = mappings.get(`author:${key}`)
    const existing = mapping ? db.select({ id: users.id }).from(users).where(eq(users.id, mapping.entityId)).get() : undefined
    if (existing) {
      ids.set(key, existing.id)
      report.authors.unchanged++
      continue
    }
    const name = rawName.replace(/\s+/g, ' ').trim() || 'Redaksi'
    // Imported authors cannot sign in until an admin gives them an email and a first password (users screen).
    const row = db
      .insert(users)
      .values({ name, slug: claimSlug(slugs, slugify(name, 60)), email: null, role: 'reporter', active: false, passwordHash: null })
      .returning({ id: users.id })
      .get()
    remember('author', key, { entityId: row.id, contentHash: hashOf(name) })
    ids.set(key, row.id)
    report.authors.created++
  }
  return ids
}

function importLabels(data: Scan, mappings: Map<string, Mapping>, remember: Remember, report: ImportReport): void {
  const db = getDb()
  const existing = db.select({ id: labels.id, name: labels.name, slug: labels.slug }).from(labels).all()
  const byKey = new Map(existing.map((l) => [labelKey(l.name), l.id]))
  const ids = new Set(existing.map((l) => l.id))
  const slugs = new Set(existing.map((l) => l.slug))
  // The most used, tidiest spelling first: where two names share a slug ("PT Semen Andalas Raya",
  // "PT.Semen Andalas Raya"), it gets the plain one.
  const punctuation = (s: string) => s.replace(/[\p{L}\p{N}\s]/gu, '').length
  const ordered = [...data.labels.values()].sort(
    (a, b) => b.livePosts - a.livePosts || punctuation(a.key) - punctuation(b.key) || a.key.localeCompare(b.key),
  )
  for (const plan of ordered) {
    const mapping = mappings.get(`label:${plan.key}`)
    // Merged since the last import: the mapping follows the surviving label (mergeLabels).
    if (mapping && ids.has(mapping.entityId)) {
      plan.id = mapping.entityId
      report.labels.unchanged++
      continue
    }
    if (mapping) {
      // Deleted in Warta on purpose: posts are imported without it.
      report.labels.skipped++
      continue
    }
    const found = byKey.get(plan.key)
    if (found !== undefined) {
      plan.id = found
      report.labels.unchanged++
    } else {
      const name = displayName(plan.variants)
      plan.id = db
        .insert(labels)
        .values({ name: name.slice(0, LABEL_LIMITS.name), slug: claimSlug(slugs, slugify(name, LABEL_LIMITS.slug)) })
        .returning({ id: labels.id })
        .get().id
      byKey.set(plan.key, plan.id)
      report.labels.created++
    }
    remember('label', plan.key, { entityId: plan.id, contentHash: '' })
  }
}

/**
 * Slugs for posts new to Warta: Blogger's own (so an old URL's new home is the same path without
 * ".html"), else the next free `-2`, `-3`… given in order of publication, so the older post keeps
 * the plain slug and a re-import gives the same answer. Returns each live post's old path → new path.
 */
function planPostSlugs(data: Scan, mappings: Map<string, Mapping>): Map<string, string> {
  const db = getDb()
  const taken = new Set(db.select({ slug: articles.slug }).from(articles).all().map((r) => r.slug))
  const fresh: Array<[string, PostPlan]> = []
  for (const [id, plan] of data.posts) {
    const mapping = mappings.get(`post:${id}`)
    const row = mapping
      ? db.select({ id: articles.id, slug: articles.slug, pathMonth: articles.pathMonth }).from(articles).where(eq(articles.id, mapping.entityId)).get()
      : undefined
    if (row) {
      plan.slug = row.slug
      plan.pathMonth = row.pathMonth ?? urlMonthOf(plan)
    } else if (!mapping) {
      fresh.push([id, plan])
    }
  }
  fresh.sort(([idA, a], [idB, b]) => (a.publishedMs ?? Infinity) - (b.publishedMs ?? Infinity) || idA.localeCompare(idB))
  for (const [, plan] of fresh) {
    plan.slug = claimSlug(taken, plan.baseSlug)
    plan.pathMonth = urlMonthOf(plan)
  }
  const out = new Map<string, string>()
  for (const plan of data.posts.values()) {
    if (plan.status !== 'published' || !plan.legacyPath || !plan.slug || !plan.pathMonth) continue
    out.set(plan.legacyPath.toLowerCase(), articlePath({ slug: plan.slug, pathMonth: plan.pathMonth }))
  }
  for (const plan of data.pages.values()) {
    if (plan.status === 'published' && plan.legacyPath && plan.slug) out.set(plan.legacyPath.toLowerCase(), pagePath(plan.slug))
  }
  return out
}

/**
 * The URL month: from Blogger's file name (never from the UTC time: a post at 05:30 WIB on
 * 1 September is in /09/); for a live post without one, its publication month in WIB. Drafts and
 * scheduled posts without one get theirs when they are published.
 */
function urlMonthOf(plan: PostPlan): string | null {
  if (plan.status === 'draft') return null
  const legacy = fromLegacyPostPath(plan.legacyPath)?.pathMonth
  if (legacy) return legacy
  return plan.status === 'published' && plan.publishedMs !== null ? toPathMonth(new Date(plan.publishedMs)) : null
}

function planPageSlugs(data: Scan, mappings: Map<string, Mapping>): void {
  const db = getDb()
  // A new site's untouched starter drafts (Redaksi, Kontak…) give their address to the imported pages.
  const taken = new Set(
    db
      .select({ slug: pages.slug, status: pages.status, bodyHtml: pages.bodyHtml })
      .from(pages)
      .all()
      .filter((r) => !isUntouchedStarterPage(r))
      .map((r) => r.slug),
  )
  for (const [id, plan] of data.pages) {
    const mapping = mappings.get(`page:${id}`)
    const row = mapping ? db.select({ slug: pages.slug }).from(pages).where(eq(pages.id, mapping.entityId)).get() : undefined
    plan.slug = row ? row.slug : claimSlug(taken, plan.baseSlug)
  }
}

type WriteContext = {
  db: ReturnType<typeof getDb>
  statements: Statements
  mappings: Map<string, Mapping>
  remember: Remember
  rewriteHref: (href: string) => string | null
  report: ImportReport
  skip: (entry: Scan['skipped'][number]) => void
  countRedirect: (from: string, to: string) => void
}

function writePost(
  entry: RawEntry,
  plan: PostPlan,
  ctx: WriteContext & { authorIds: Map<string, number>; labelPlans: Map<string, LabelPlan> },
): void {
  const { db, report, statements } = ctx
  const labelIds = [...new Set(plan.labelKeys.map((k) => ctx.labelPlans.get(k)?.id).filter((id): id is number => id !== undefined))]
  const authorId = ctx.authorIds.get(plan.authorKey)!
  const title = entry.title
  if (plan.status === 'published') report.posts.published++
  else if (plan.status === 'draft') report.posts.drafts++
  else report.posts.scheduled++
  if (plan.status === 'published' && plan.wasScheduled) report.posts.scheduledNowLive++

  // What this entry would write, from the export as it is: equal to the last import's → unchanged,
  // without cleaning the body again.
  const hash = hashOf([
    BODY_RULES_VERSION,
    title,
    entry.contentHtml,
    entry.metaDescription,
    entry.published,
    entry.updated,
    plan.status,
    plan.slug,
    plan.pathMonth,
    labelIds,
    authorId,
  ])
  const mapping = ctx.mappings.get(`post:${entry.id}`)
  let row: ArticleState
  if (mapping) {
    const current = statements.articleState.get(mapping.entityId) as ArticleState | undefined
    if (!current) {
      report.posts.skipped++
      ctx.skip({ kind: 'post', id: entry.id, title, reason: 'deleted-in-warta', line: entry.line })
      return
    }
    if (mapping.contentHash === hash) {
      report.posts.unchanged++
      row = current
    } else if (mapping.entityVersion !== current.version) {
      report.posts.skipped++
      ctx.skip({ kind: 'post', id: entry.id, title, reason: 'edited-in-warta', line: entry.line })
      return
    } else {
      // Keep what Warta had as a revision before Blogger's newer version replaces it.
      const before = db.select().from(articles).where(eq(articles.id, current.id)).get()!
      const currentLabels = db.select({ id: articleLabels.labelId }).from(articleLabels).where(eq(articleLabels.articleId, current.id)).all()
      writeRevision(db, before, currentLabels.map((l) => l.id), null)
      row = db
        .update(articles)
        .set({ ...postFields(entry, plan, ctx, authorId), pathMonth: current.pathMonth ?? plan.pathMonth ?? null, version: current.version + 1, savedAt: new Date(), savedBy: null })
        .where(eq(articles.id, current.id))
        .returning()
        .get()
      replaceLabels(statements, row.id, labelIds)
      report.posts.updated++
    }
  } else {
    const updatedMs = timeMs(entry.updated)
    row = db
      .insert(articles)
      .values({
        ...postFields(entry, plan, ctx, authorId),
        slug: plan.slug!,
        pathMonth: plan.pathMonth ?? null,
        version: 1,
        createdAt: new Date(timeMs(entry.created) ?? plan.publishedMs ?? Date.now()),
        savedAt: new Date(updatedMs ?? plan.publishedMs ?? Date.now()),
      })
      .returning()
      .get()
    replaceLabels(statements, row.id, labelIds)
    report.posts.created++
  }
  if (row.featuredImageUrl) report.images.referenced++
  ctx.remember('post', entry.id, {
    entityId: row.id,
    legacyPath: plan.legacyPath,
    externalUpdated: entry.updated,
    contentHash: hash,
    entityVersion: row.version,
  })
  const commentFeed = `/feeds/${entry.id}/comments/default`
  const hasCommentFeed = isBloggerSourcePath('comment-feed', commentFeed)
  if (row.status === 'published' && row.pathMonth) {
    const to = articlePath(row)
    // A live article wins its address (as when the desk publishes one).
    statements.clearRedirectFrom.run(to)
    if (plan.legacyPath) ctx.countRedirect(plan.legacyPath, to)
    if (hasCommentFeed) ctx.countRedirect(commentFeed, to)
  } else if (mapping) {
    // Taken back to draft in Blogger since the last import: its old URLs must not lead to it.
    for (const from of [plan.legacyPath, hasCommentFeed ? commentFeed : null]) if (from) removeRedirectsFrom(from)
  }
}

/** The article's columns from a Blogger entry: the cleaned body, the lead picture, times and flags. */
function postFields(entry: RawEntry, plan: PostPlan, ctx: WriteContext & { labelPlans: Map<string, LabelPlan> }, authorId: number) {
  const { body, lead } = takeLeadImage(cleanBloggerBody(entry.contentHtml, { rewriteHref: ctx.rewriteHref }))
  const labelNames = plan.labelKeys.map((k) => displayName(ctx.labelPlans.get(k)!.variants))
  const publishedAt = plan.publishedMs !== null ? new Date(plan.publishedMs) : null
  const updatedMs = timeMs(entry.updated)
  const title = entry.title
  return {
    title,
    bodyHtml: body,
    featuredImageUrl: lead ? bloggerImageAtSize(lead.src, 's0') : null,
    featuredAlt: lead ? lead.alt || lead.caption || title : '',
    featuredCaption: lead?.caption ?? '',
    authorId,
    status: plan.status,
    publishedAt: plan.status === 'draft' ? null : publishedAt,
    updatedAt: plan.status === 'published' && updatedMs !== null && publishedAt && updatedMs > publishedAt.getTime() ? new Date(updatedMs) : null,
    isSponsored: plan.sponsored,
    sponsorName: plan.sponsored ? sponsorNameOf(labelNames) : '',
    seoDescription: entry.metaDescription.slice(0, 300),
  }
}

function replaceLabels(statements: Statements, articleId: number, labelIds: number[]) {
  statements.clearLabels.run(articleId)
  labelIds.forEach((labelId, position) => statements.addLabel.run(articleId, labelId, position))
}

function writePage(entry: RawEntry, plan: PagePlan, ctx: WriteContext): void {
  const { db, report } = ctx
  const body = cleanBloggerBody(entry.contentHtml, { rewriteHref: ctx.rewriteHref })
  const publishedMs = timeMs(entry.published)
  const updatedMs = timeMs(entry.updated)
  const fields = {
    title: entry.title || plan.slug!,
    bodyHtml: body,
    status: plan.status,
    seoDescription: entry.metaDescription.slice(0, 300),
    publishedAt: plan.status === 'published' && publishedMs !== null ? new Date(publishedMs) : null,
  }
  const hash = hashOf({ ...fields, slug: plan.slug })
  const mapping = ctx.mappings.get(`page:${entry.id}`)
  let row: typeof pages.$inferSelect
  if (mapping) {
    const current = db.select().from(pages).where(eq(pages.id, mapping.entityId)).get()
    if (!current) {
      report.pages.skipped++
      ctx.skip({ kind: 'page', id: entry.id, title: entry.title, reason: 'deleted-in-warta', line: entry.line })
      return
    }
    if (mapping.contentHash === hash) {
      report.pages.unchanged++
      row = current
    } else if (mapping.entityVersion !== (current.updatedAt?.getTime() ?? 0)) {
      report.pages.skipped++
      ctx.skip({ kind: 'page', id: entry.id, title: entry.title, reason: 'edited-in-warta', line: entry.line })
      return
    } else {
      row = db.update(pages).set({ ...fields, updatedAt: new Date() }).where(eq(pages.id, current.id)).returning().get()
      report.pages.updated++
    }
  } else {
    releaseStarterPage(db, plan.slug!)
    row = db
      .insert(pages)
      .values({
        ...fields,
        slug: plan.slug!,
        createdAt: new Date(publishedMs ?? Date.now()),
        updatedAt: new Date(updatedMs ?? publishedMs ?? Date.now()),
      })
      .returning()
      .get()
    report.pages.created++
  }
  ctx.remember('page', entry.id, {
    entityId: row.id,
    legacyPath: plan.legacyPath,
    externalUpdated: entry.updated,
    contentHash: hash,
    entityVersion: row.updatedAt?.getTime() ?? 0,
  })
  if (row.status === 'published' && plan.legacyPath) ctx.countRedirect(plan.legacyPath, pagePath(row.slug))
}
