import 'server-only'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { getDb, getDialect, type Db } from '@/db'
import { articleLabels, articles, importedEntries, labels, pages, redirects, users, type ImportedKind } from '@/db/tables'

/*
 * The Blogger import's reads and writes of the site's database, per entry
 * (lib/import/blogger/context.ts; docs/decisions/009-import-slicing.md). Every function is
 * awaited and runs on the database getDb() names at the moment of the call: inside a slice
 * (write()) the slice's transaction, outside it the read connection or pool.
 *
 * Two implementations of the same contract:
 * - portable: drizzle's builder on @/db/tables, awaited; what runs on PostgreSQL.
 * - SQLite: the same statements prepared once per better-sqlite3 connection. An import runs
 *   about fifteen of them per post (hundreds of thousands per import), and drizzle building plus
 *   better-sqlite3 preparing each one again cost more than running it. They are SQLite's side of
 *   the seam, like getPathFate's (ADR 019 §6); db/queries/blogger-import.test.ts holds both to
 *   the same transcript.
 */

export const IMPORT_SOURCE = 'blogger'

export type Mapping = typeof importedEntries.$inferSelect

export type ArticleState = { id: number; status: string; slug: string; pathMonth: string | null; version: number; featuredImageUrl: string | null }

export type PageState = { id: number; slug: string; status: string; updatedAt: number | null }

export type PageHolder = { slug: string; status: string; bodyHtml: string }

export type RememberRow = {
  kind: ImportedKind
  externalId: string
  entityId: number
  legacyPath: string | null
  externalUpdated: string | null
  contentHash: string
  entityVersion: number | null
  importedAt: Date
}

export type NewArticle = {
  title: string
  slug: string
  pathMonth: string | null
  bodyHtml: string
  featuredImageUrl: string | null
  featuredAlt: string
  featuredCaption: string
  authorId: number
  status: 'draft' | 'scheduled' | 'published'
  publishedAt: Date | null
  updatedAt: Date | null
  isSponsored: boolean
  sponsorName: string
  seoDescription: string
  createdAt: Date
  savedAt: Date
}

export type ImportStatements = {
  mapping(kind: ImportedKind, externalId: string): Promise<Mapping | undefined>
  /** Records (or updates) what an entry became. */
  remember(row: RememberRow): Promise<void>
  articleState(id: number): Promise<ArticleState | undefined>
  articleSlugTaken(slug: string): Promise<boolean>
  /** Inserts a story (version 1) and returns its state. */
  insertArticle(values: NewArticle): Promise<ArticleState>
  /** Makes these stories live in one statement (the search triggers index them then). */
  makeLive(ids: number[]): Promise<void>
  pageById(id: number): Promise<PageState | undefined>
  pageBySlug(slug: string): Promise<PageHolder | undefined>
  userExists(id: number): Promise<boolean>
  userSlugTaken(slug: string): Promise<boolean>
  labelSlug(id: number): Promise<string | undefined>
  /** Every label, in id order. */
  allLabels(): Promise<Array<{ id: number; name: string; slug: string }>>
  /** A story's labels become exactly these, in this order (`fresh`: it has none yet). */
  replaceLabels(articleId: number, labelIds: number[], fresh?: boolean): Promise<void>
  clearRedirectFrom(path: string): Promise<void>
}

const articleStateColumns = {
  id: articles.id,
  status: articles.status,
  slug: articles.slug,
  pathMonth: articles.pathMonth,
  version: articles.version,
  featuredImageUrl: articles.featuredImageUrl,
}

/** The contract through drizzle's builder on `db` (a connection or a transaction): both dialects. */
export function portableImportStatements(db: () => Db = getDb): ImportStatements {
  const one = async <T>(rows: Promise<T[]>): Promise<T | undefined> => (await rows)[0]
  return {
    mapping: (kind, externalId) =>
      one(
        db()
          .select()
          .from(importedEntries)
          .where(and(eq(importedEntries.source, IMPORT_SOURCE), eq(importedEntries.kind, kind), eq(importedEntries.externalId, externalId)))
          .limit(1),
      ),
    remember: async (row) => {
      const { kind, externalId, ...rest } = row
      await db()
        .insert(importedEntries)
        .values({ source: IMPORT_SOURCE, kind, externalId, ...rest })
        .onConflictDoUpdate({ target: [importedEntries.source, importedEntries.kind, importedEntries.externalId], set: rest })
    },
    articleState: (id) => one(db().select(articleStateColumns).from(articles).where(eq(articles.id, id)).limit(1)),
    articleSlugTaken: async (slug) => (await one(db().select({ id: articles.id }).from(articles).where(eq(articles.slug, slug)).limit(1))) !== undefined,
    insertArticle: async (values) => (await db().insert(articles).values({ ...values, version: 1 }).returning(articleStateColumns))[0]!,
    makeLive: async (ids) => {
      if (ids.length > 0) await db().update(articles).set({ status: 'published' }).where(inArray(articles.id, ids))
    },
    pageById: async (id) => {
      const row = await one(db().select({ id: pages.id, slug: pages.slug, status: pages.status, updatedAt: pages.updatedAt }).from(pages).where(eq(pages.id, id)).limit(1))
      return row ? { ...row, updatedAt: row.updatedAt ? row.updatedAt.getTime() : null } : undefined
    },
    pageBySlug: (slug) => one(db().select({ slug: pages.slug, status: pages.status, bodyHtml: pages.bodyHtml }).from(pages).where(eq(pages.slug, slug)).limit(1)),
    userExists: async (id) => (await one(db().select({ id: users.id }).from(users).where(eq(users.id, id)).limit(1))) !== undefined,
    userSlugTaken: async (slug) => (await one(db().select({ id: users.id }).from(users).where(eq(users.slug, slug)).limit(1))) !== undefined,
    labelSlug: async (id) => (await one(db().select({ slug: labels.slug }).from(labels).where(eq(labels.id, id)).limit(1)))?.slug,
    allLabels: () => db().select({ id: labels.id, name: labels.name, slug: labels.slug }).from(labels).orderBy(asc(labels.id)),
    replaceLabels: async (articleId, labelIds, fresh = false) => {
      if (!fresh) await db().delete(articleLabels).where(eq(articleLabels.articleId, articleId))
      if (labelIds.length > 0) await db().insert(articleLabels).values(labelIds.map((labelId, position) => ({ articleId, labelId, position })))
    },
    clearRedirectFrom: async (path) => {
      await db().delete(redirects).where(eq(redirects.fromPath, path))
    },
  }
}

function prepareOn(client: Db['$client']) {
  return {
    mapping: client.prepare(
      `SELECT source, kind, external_id AS externalId, entity_id AS entityId, legacy_path AS legacyPath,
        external_updated AS externalUpdated, content_hash AS contentHash, entity_version AS entityVersion, imported_at AS importedAt
      FROM imported_entries WHERE source = '${IMPORT_SOURCE}' AND kind = ? AND external_id = ?`,
    ),
    remember: client.prepare(`
      INSERT INTO imported_entries (source, kind, external_id, entity_id, legacy_path, external_updated, content_hash, entity_version, imported_at)
      VALUES ('${IMPORT_SOURCE}', @kind, @externalId, @entityId, @legacyPath, @externalUpdated, @contentHash, @entityVersion, @importedAt)
      ON CONFLICT (source, kind, external_id) DO UPDATE SET entity_id = excluded.entity_id, legacy_path = excluded.legacy_path,
        external_updated = excluded.external_updated, content_hash = excluded.content_hash, entity_version = excluded.entity_version,
        imported_at = excluded.imported_at`),
    articleState: client.prepare(
      'SELECT id, status, slug, path_month AS pathMonth, version, featured_image_url AS featuredImageUrl FROM articles WHERE id = ?',
    ),
    articleSlugTaken: client.prepare('SELECT 1 FROM articles WHERE slug = ?'),
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
    allLabels: client.prepare('SELECT id, name, slug FROM labels ORDER BY id'),
    clearLabels: client.prepare('DELETE FROM article_labels WHERE article_id = ?'),
    addLabel: client.prepare('INSERT INTO article_labels (article_id, label_id, position) VALUES (?, ?, ?)'),
    clearRedirectFrom: client.prepare('DELETE FROM redirects WHERE from_path = ?'),
  }
}
type Prepared = ReturnType<typeof prepareOn>
const preparedByClient = new WeakMap<object, Prepared>()

const msOrNull = (d: Date | null) => (d ? d.getTime() : null)

/**
 * The contract through statements prepared once per better-sqlite3 connection, picked at each
 * call from getDb(): inside a slice the write connection's (so they run in the slice's
 * transaction), outside it the read connection's (which refuses writes).
 */
export function sqliteImportStatements(): ImportStatements {
  const s = (): Prepared => {
    const client = getDb().$client
    let prepared = preparedByClient.get(client)
    if (!prepared) preparedByClient.set(client, (prepared = prepareOn(client)))
    return prepared
  }
  return {
    mapping: async (kind, externalId) => {
      const row = s().mapping.get(kind, externalId) as (Omit<Mapping, 'importedAt'> & { importedAt: number }) | undefined
      return row ? { ...row, importedAt: new Date(row.importedAt) } : undefined
    },
    remember: async (row) => {
      s().remember.run({ ...row, importedAt: row.importedAt.getTime() })
    },
    articleState: async (id) => s().articleState.get(id) as ArticleState | undefined,
    articleSlugTaken: async (slug) => s().articleSlugTaken.get(slug) !== undefined,
    insertArticle: async (values) =>
      s().insertArticle.get({
        ...values,
        publishedAt: msOrNull(values.publishedAt),
        updatedAt: msOrNull(values.updatedAt),
        isSponsored: values.isSponsored ? 1 : 0,
        createdAt: values.createdAt.getTime(),
        savedAt: values.savedAt.getTime(),
      }) as ArticleState,
    makeLive: async (ids) => {
      if (ids.length > 0) s().makeLive.run(JSON.stringify(ids))
    },
    pageById: async (id) => s().pageById.get(id) as PageState | undefined,
    pageBySlug: async (slug) => s().pageBySlug.get(slug) as PageHolder | undefined,
    userExists: async (id) => s().userExists.get(id) !== undefined,
    userSlugTaken: async (slug) => s().userSlugTaken.get(slug) !== undefined,
    labelSlug: async (id) => (s().labelSlug.get(id) as { slug: string } | undefined)?.slug,
    allLabels: async () => s().allLabels.all() as Array<{ id: number; name: string; slug: string }>,
    replaceLabels: async (articleId, labelIds, fresh = false) => {
      const prepared = s()
      if (!fresh) prepared.clearLabels.run(articleId)
      labelIds.forEach((labelId, position) => prepared.addLabel.run(articleId, labelId, position))
    },
    clearRedirectFrom: async (path) => {
      s().clearRedirectFrom.run(path)
    },
  }
}

/**
 * The import's statements for the active dialect: on PostgreSQL the portable ones; on SQLite the
 * prepared ones. Each call runs on what getDb() names when it is made.
 */
export function importStatements(): ImportStatements {
  return getDialect() === 'postgres' ? portableImportStatements() : sqliteImportStatements()
}
