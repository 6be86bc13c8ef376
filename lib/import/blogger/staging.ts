import 'server-only'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { makePrivateDir, PRIVATE_FILE_MODE } from '@/lib/file-modes'
import { isProcessAlive } from '@/lib/server-address'
import type { EntryPlan, PostStatus } from './plan'
import type { RawEntry } from './parse'

/*
 * The import's scratch file (docs/decisions/009-import-slicing.md): every post and page of the
 * export, as read and then as cleaned, waits here until the publish step copies it into the
 * site's database in short slices. It is a SQLite file of its own in DATA_DIR/import-staging,
 * opened by this process only: nothing in it is visible to the site, staging it takes no lock
 * the site needs, and a failed import throws it away whole. It keeps the importer's memory flat
 * whatever the export's size: per post, only what a batch needs is in memory at a time.
 *
 * Durability is not wanted (journal in memory, no syncs): after a crash the file is worthless and
 * the next import deletes it.
 */

const STAGING_DIR = 'import-staging'
const COMMIT_EVERY_ROWS = 500
/** Sorts after every real time: posts without a publication time claim their slugs last. */
const NO_TIME = Number.MAX_SAFE_INTEGER

// Three tables, so that the passes that update a post's plan (its address, whether it is
// prepared) rewrite a short row: SQLite rewrites a whole record on UPDATE, and a post's texts
// are kilobytes. `texts` is written once, as read; `cleaned` once, as prepared.
const SCHEMA = `
CREATE TABLE entries (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  external_id TEXT NOT NULL UNIQUE,
  line INTEGER NOT NULL,
  status TEXT NOT NULL,
  was_scheduled INTEGER NOT NULL,
  legacy_path TEXT,
  published_ms INTEGER,
  claim_order INTEGER NOT NULL,
  base_slug TEXT NOT NULL,
  author_key TEXT NOT NULL,
  label_keys TEXT NOT NULL,
  sponsored INTEGER NOT NULL,
  published TEXT,
  updated TEXT,
  created TEXT,
  mapped INTEGER NOT NULL DEFAULT 0,
  slug TEXT,
  path_month TEXT,
  prepared INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entries_claim ON entries (kind, mapped, claim_order, external_id);
CREATE INDEX entries_slug ON entries (kind, slug);
CREATE TABLE texts (seq INTEGER PRIMARY KEY, title TEXT NOT NULL, content_html TEXT NOT NULL, meta_description TEXT NOT NULL);
CREATE TABLE cleaned (
  seq INTEGER PRIMARY KEY,
  body_html TEXT NOT NULL,
  featured_image_url TEXT,
  featured_alt TEXT NOT NULL,
  featured_caption TEXT NOT NULL
);
CREATE TABLE seen (external_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE comments (id TEXT NOT NULL, parent_id TEXT, reply INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE INDEX comments_parent ON comments (parent_id);
CREATE TABLE paths (legacy TEXT PRIMARY KEY, target TEXT NOT NULL) WITHOUT ROWID;
`

/** A staged post or page, as the plan, prepare and publish steps read it back. */
export type StagedEntry = {
  seq: number
  kind: 'post' | 'page'
  externalId: string
  line: number
  status: PostStatus
  wasScheduled: boolean
  legacyPath: string | null
  publishedMs: number | null
  baseSlug: string
  authorKey: string
  labelKeys: string[]
  sponsored: boolean
  title: string
  contentHtml: string
  metaDescription: string
  published: string | null
  updated: string | null
  created: string | null
  mapped: boolean
  slug: string | null
  pathMonth: string | null
  /** 0: not yet; 1: cleaned (the fields below are set); 2: unchanged since the last import, not cleaned. */
  prepared: 0 | 1 | 2
  bodyHtml: string | null
  featuredImageUrl: string | null
  featuredAlt: string | null
  featuredCaption: string | null
}

export type PreparedFields = { bodyHtml: string; featuredImageUrl: string | null; featuredAlt: string; featuredCaption: string }

type Row = Record<string, unknown>

function toEntry(r: Row): StagedEntry {
  return {
    seq: r.seq as number,
    kind: r.kind as 'post' | 'page',
    externalId: r.external_id as string,
    line: r.line as number,
    status: r.status as PostStatus,
    wasScheduled: r.was_scheduled === 1,
    legacyPath: (r.legacy_path as string | null) ?? null,
    publishedMs: (r.published_ms as number | null) ?? null,
    baseSlug: r.base_slug as string,
    authorKey: r.author_key as string,
    labelKeys: JSON.parse(r.label_keys as string) as string[],
    sponsored: r.sponsored === 1,
    title: r.title as string,
    contentHtml: r.content_html as string,
    metaDescription: r.meta_description as string,
    published: (r.published as string | null) ?? null,
    updated: (r.updated as string | null) ?? null,
    created: (r.created as string | null) ?? null,
    mapped: r.mapped === 1,
    slug: (r.slug as string | null) ?? null,
    pathMonth: (r.path_month as string | null) ?? null,
    prepared: r.prepared as 0 | 1 | 2,
    bodyHtml: (r.body_html as string | null) ?? null,
    featuredImageUrl: (r.featured_image_url as string | null) ?? null,
    featuredAlt: (r.featured_alt as string | null) ?? null,
    featuredCaption: (r.featured_caption as string | null) ?? null,
  }
}

/** The folder of scratch files, under the data folder (never a tmpfs /tmp: it grows to the export's size). */
export function stagingDir(dataDir: string): string {
  return path.join(dataDir, STAGING_DIR)
}

/**
 * Deletes scratch files left by imports whose process is gone (killed, crashed). A file's name
 * starts with its process id; files of a live process are another import's, still running.
 */
export function removeAbandonedStaging(dataDir: string): void {
  let names: string[]
  try {
    names = fs.readdirSync(stagingDir(dataDir))
  } catch {
    return
  }
  for (const name of names) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1])
    if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid))) continue
    fs.rmSync(path.join(stagingDir(dataDir), name), { force: true })
  }
}

export class StagingStore {
  readonly file: string
  private readonly db: Database.Database
  private pendingRows = 0
  private readonly s: ReturnType<typeof prepare>

  private constructor(file: string) {
    this.file = file
    // Created private first, like everything in the data folder: it holds the export's drafts.
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE))
    this.db = new Database(file)
    // In memory: the defensive mode better-sqlite3 opens connections in refuses OFF.
    this.db.pragma('journal_mode = MEMORY')
    this.db.pragma('synchronous = OFF')
    this.db.pragma('locking_mode = EXCLUSIVE')
    this.db.pragma('cache_size = -16000')
    this.db.exec(SCHEMA)
    this.s = prepare(this.db)
  }

  /** A new, empty scratch file for this process in DATA_DIR/import-staging. */
  static create(dataDir: string): StagingStore {
    makePrivateDir(stagingDir(dataDir))
    removeAbandonedStaging(dataDir)
    return new StagingStore(path.join(stagingDir(dataDir), `${process.pid}-${crypto.randomUUID()}.db`))
  }

  /**
   * Writes are grouped into transactions of a few hundred rows; `flush` commits what is pending.
   * Reads on this connection see pending writes, so they need no flush.
   */
  private write(): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN')
    if (++this.pendingRows >= COMMIT_EVERY_ROWS) this.flush()
  }

  flush(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT')
    this.pendingRows = 0
  }

  /** Records a post or page id; false if the file had it already (a hand-joined export). */
  markSeen(externalId: string): boolean {
    this.write()
    return this.s.seen.run(externalId).changes === 1
  }

  addEntry(plan: EntryPlan, entry: RawEntry): void {
    this.write()
    const { lastInsertRowid } = this.s.addEntry.run({
      kind: plan.kind,
      externalId: plan.externalId,
      line: plan.line,
      status: plan.status,
      wasScheduled: plan.wasScheduled ? 1 : 0,
      legacyPath: plan.legacyPath,
      publishedMs: plan.publishedMs,
      claimOrder: plan.publishedMs ?? NO_TIME,
      baseSlug: plan.baseSlug,
      authorKey: plan.authorKey,
      labelKeys: JSON.stringify(plan.labelKeys),
      sponsored: plan.sponsored ? 1 : 0,
      published: entry.published,
      updated: entry.updated,
      created: entry.created,
    })
    this.s.addTexts.run(lastInsertRowid, entry.title, entry.contentHtml, entry.metaDescription)
  }

  addComment(comment: { id: string; parentId: string | null; reply: boolean; line: number }): void {
    this.write()
    this.s.addComment.run(comment.id, comment.parentId, comment.reply ? 1 : 0, comment.line)
  }

  /** Comments on a post or page of the file, by kind; the others are orphans. */
  tallyComments(): { total: number; topLevel: number; replies: number; onPages: number; orphans: number } {
    this.flush()
    const row = this.s.tally.get() as { total: number | null; replies: number | null; onPages: number | null; all: number }
    const total = row.total ?? 0
    const replies = row.replies ?? 0
    return { total, topLevel: total - replies, replies, onPages: row.onPages ?? 0, orphans: row.all - total }
  }

  /** The first `limit` orphan comments, in file order. */
  listOrphanComments(limit: number): Array<{ id: string; line: number }> {
    return this.s.orphans.all(limit) as Array<{ id: string; line: number }>
  }

  count(kind: 'post' | 'page'): number {
    this.flush()
    return (this.s.count.get(kind) as { n: number }).n
  }

  /** Up to `limit` entries of a kind after `afterSeq`, in file order. */
  listBySeq(kind: 'post' | 'page', afterSeq: number, limit: number): StagedEntry[] {
    return (this.s.bySeq.all(kind, afterSeq, limit) as Row[]).map(toEntry)
  }

  /** As listBySeq, without the texts (empty) or the cleaned fields (null): for the passes over addresses. */
  listAddressesBySeq(kind: 'post' | 'page', afterSeq: number, limit: number): StagedEntry[] {
    return (this.s.addressesBySeq.all(kind, afterSeq, limit) as Row[]).map(toEntry)
  }

  /** Up to `limit` posts new to Warta after the given claim position: oldest first, then by id (no texts). */
  listFreshPosts(after: { claimOrder: number; externalId: string }, limit: number): StagedEntry[] {
    return (this.s.fresh.all(after.claimOrder, after.externalId, limit) as Row[]).map(toEntry)
  }

  static claimPosition(entry: StagedEntry): { claimOrder: number; externalId: string } {
    return { claimOrder: entry.publishedMs ?? NO_TIME, externalId: entry.externalId }
  }

  setMapped(seq: number): void {
    this.write()
    this.s.setMapped.run(seq)
  }

  setAddress(seq: number, slug: string, pathMonth: string | null): void {
    this.write()
    this.s.setAddress.run(slug, pathMonth, seq)
  }

  /** Whether another staged entry of this kind has claimed the slug. */
  hasSlug(kind: 'post' | 'page', slug: string): boolean {
    return this.s.hasSlug.get(kind, slug) !== undefined
  }

  setPrepared(seq: number, fields: PreparedFields | null): void {
    this.write()
    if (fields) this.s.addCleaned.run(seq, fields.bodyHtml, fields.featuredImageUrl, fields.featuredAlt, fields.featuredCaption)
    this.s.setPrepared.run(fields ? 1 : 2, seq)
  }

  /** Records where an old post or page path leads now (lower-cased), for the link rewriter. */
  addPath(legacyLower: string, target: string): void {
    this.write()
    this.s.addPath.run(legacyLower, target)
  }

  getPath(legacyLower: string): string | null {
    return (this.s.getPath.get(legacyLower) as { target: string } | undefined)?.target ?? null
  }

  /** Closes and deletes the file. Safe to call twice. */
  dispose(): void {
    try {
      if (this.db.open) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK')
        this.db.close()
      }
    } finally {
      fs.rmSync(this.file, { force: true })
    }
  }
}

/** Every column but the texts, which the passes over addresses do not need. */
const ADDRESS_COLUMNS = `*, '' AS title, '' AS content_html, '' AS meta_description, NULL AS body_html, NULL AS featured_image_url,
  NULL AS featured_alt, NULL AS featured_caption`

/*
 * The passes walk entries by seq (the primary key) with `+kind`: without the `+`, SQLite would
 * pick an index that starts with kind and sort every post of that kind on each batch, which made
 * a pass over 100,000 posts quadratic.
 */
function prepare(db: Database.Database) {
  return {
    seen: db.prepare('INSERT OR IGNORE INTO seen (external_id) VALUES (?)'),
    addEntry: db.prepare(`
      INSERT INTO entries (kind, external_id, line, status, was_scheduled, legacy_path, published_ms, claim_order, base_slug,
        author_key, label_keys, sponsored, published, updated, created)
      VALUES (@kind, @externalId, @line, @status, @wasScheduled, @legacyPath, @publishedMs, @claimOrder, @baseSlug,
        @authorKey, @labelKeys, @sponsored, @published, @updated, @created)`),
    addTexts: db.prepare('INSERT INTO texts (seq, title, content_html, meta_description) VALUES (?, ?, ?, ?)'),
    addCleaned: db.prepare(
      'INSERT OR REPLACE INTO cleaned (seq, body_html, featured_image_url, featured_alt, featured_caption) VALUES (?, ?, ?, ?, ?)',
    ),
    addComment: db.prepare('INSERT INTO comments (id, parent_id, reply, line) VALUES (?, ?, ?, ?)'),
    tally: db.prepare(`
      SELECT count(e.seq) AS total, sum(CASE WHEN e.seq IS NOT NULL THEN c.reply END) AS replies,
        sum(CASE WHEN e.kind = 'page' THEN 1 END) AS onPages, count(*) AS "all"
      FROM comments c LEFT JOIN entries e ON e.external_id = c.parent_id`),
    orphans: db.prepare(`
      SELECT c.id, c.line FROM comments c
      WHERE c.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM entries e WHERE e.external_id = c.parent_id)
      ORDER BY c.rowid LIMIT ?`),
    count: db.prepare('SELECT count(*) AS n FROM entries WHERE kind = ?'),
    bySeq: db.prepare(`
      SELECT e.*, t.title, t.content_html, t.meta_description, c.body_html, c.featured_image_url, c.featured_alt, c.featured_caption
      FROM entries e JOIN texts t ON t.seq = e.seq LEFT JOIN cleaned c ON c.seq = e.seq
      WHERE +e.kind = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`),
    addressesBySeq: db.prepare(`SELECT ${ADDRESS_COLUMNS} FROM entries WHERE +kind = ? AND seq > ? ORDER BY seq LIMIT ?`),
    fresh: db.prepare(`
      SELECT ${ADDRESS_COLUMNS} FROM entries WHERE kind = 'post' AND mapped = 0 AND (claim_order, external_id) > (?, ?)
      ORDER BY claim_order, external_id LIMIT ?`),
    setMapped: db.prepare('UPDATE entries SET mapped = 1 WHERE seq = ?'),
    setAddress: db.prepare('UPDATE entries SET slug = ?, path_month = ? WHERE seq = ?'),
    hasSlug: db.prepare('SELECT 1 FROM entries WHERE kind = ? AND slug = ?'),
    setPrepared: db.prepare('UPDATE entries SET prepared = ? WHERE seq = ?'),
    addPath: db.prepare('INSERT OR REPLACE INTO paths (legacy, target) VALUES (?, ?)'),
    getPath: db.prepare('SELECT target FROM paths WHERE legacy = ?'),
  }
}
