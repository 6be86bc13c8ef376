import 'server-only'
import { and, desc, eq, sql } from 'drizzle-orm'
import { getDb, inWrite, type Executor, write } from '@/db'
import { execute, onPg } from '@/db/dialect'
import { articles, importedEntries, redirects, type ArticleStatus } from '@/db/tables'
import type { PathFate } from '@/lib/redirects/decide'
import { isBloggerSourcePath } from '@/lib/redirects/blogger'
import { normalizeRedirectPath, parseArticlePath } from '@/lib/redirects/paths'
import { articlePath } from '@/lib/urls'

/*
 * The URL history of the site: one table of moved paths (301) and removed ones (410).
 *
 * Invariant kept by every write here: a row's target is live content, never the source of
 * another row. So a chain A→B, B→C is stored as A→C, B→C (one hop for every old URL) and no
 * loop can form. Writers state where content lives *now*; that target stops being a source.
 *
 * Everything the server's redirect check (server.mjs) needs is in this table plus the URLs of retracted articles.
 * It holds those paths in memory and reloads them when redirects_state.version moves
 * (triggers in drizzle/0003_redirects_state_triggers.sql).
 */

export type RedirectReason = 'article-slug' | 'page-slug' | 'label-rename' | 'label-merge' | 'article-deleted' | 'import' | 'manual'

export type { PathFate }

const GONE_CODE = 410
const MOVED_CODE = 301

function requirePath(input: string): string {
  const path = normalizeRedirectPath(input)
  if (!path) throw new Error(`Not a usable redirect path: ${JSON.stringify(input.slice(0, 200))}`)
  return path
}

/**
 * Where a path went: moved (one hop to live content), gone (410), or null when it is not in the
 * history. Synchronous, SQLite only (prepared statements): the redirect check per request
 * (decideRequest, lib/redirects/table.ts) runs it without an await. Everything else, the import
 * included, calls getPathFateAsync, which answers on both dialects (on SQLite through this).
 */
export function getPathFate(path: string): PathFate | null {
  const statements = fateStatements(getDb().$client)
  const row = statements.redirect.get(path) as { toPath: string; code: number } | undefined
  if (row) return row.code === GONE_CODE || !row.toPath ? { kind: 'gone' } : { kind: 'moved', to: row.toPath }
  const parts = parseArticlePath(path)
  if (!parts) return null
  return statements.retracted.get(parts.slug, parts.pathMonth) ? { kind: 'gone' } : null
}

/** getPathFate on either dialect: the same two lookups, awaited on PostgreSQL. */
export async function getPathFateAsync(path: string): Promise<PathFate | null> {
  const db = getDb()
  if (!onPg(db)) return getPathFate(path)
  const row = (await db.select({ toPath: redirects.toPath, code: redirects.code }).from(redirects).where(eq(redirects.fromPath, path)).limit(1))[0]
  if (row) return row.code === GONE_CODE || !row.toPath ? { kind: 'gone' } : { kind: 'moved', to: row.toPath }
  const parts = parseArticlePath(path)
  if (!parts) return null
  const retracted = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.slug, parts.slug), eq(articles.pathMonth, parts.pathMonth), eq(articles.status, 'retracted')))
    .limit(1)
  return retracted.length > 0 ? { kind: 'gone' } : null
}

type FateStatements = { redirect: { get: (path: string) => unknown }; retracted: { get: (slug: string, pathMonth: string) => unknown } }
const fateStatementsByClient = new WeakMap<object, FateStatements>()

/**
 * The redirect check asks these on every request to a path that could have moved, and an import
 * once per URL: prepared once per connection. Both use unique indexes (redirects' from_path;
 * articles' slug and path month).
 */
function fateStatements(client: ReturnType<typeof getDb>['$client']): FateStatements {
  let statements = fateStatementsByClient.get(client)
  if (!statements) {
    statements = {
      redirect: client.prepare('SELECT to_path AS toPath, code FROM redirects WHERE from_path = ?'),
      retracted: client.prepare(`SELECT 1 FROM articles WHERE slug = ? AND path_month = ? AND status = 'retracted'`),
    }
    fateStatementsByClient.set(client, statements)
  }
  return statements
}

export type GoneNotice =
  | { kind: 'retracted'; articleId: number; title: string; retractedAt: Date | null; reason: string }
  | { kind: 'deleted'; removedAt: Date }

/** What the public notice at a removed URL says, or null when the path was never removed. */
export async function getGoneNotice(path: string): Promise<GoneNotice | null> {
  const db = getDb()
  const parts = parseArticlePath(path)
  if (parts) {
    const article = (await db
      .select({ id: articles.id, title: articles.title, retractedAt: articles.retractedAt, reason: articles.retractionReason })
      .from(articles)
      .where(and(eq(articles.slug, parts.slug), eq(articles.pathMonth, parts.pathMonth), eq(articles.status, 'retracted'))).limit(1))[0]
    if (article) {
      return { kind: 'retracted', articleId: article.id, title: article.title, retractedAt: article.retractedAt, reason: article.reason }
    }
  }
  const row = (await db
    .select({ createdAt: redirects.createdAt })
    .from(redirects)
    .where(and(eq(redirects.fromPath, path), eq(redirects.code, GONE_CODE))).limit(1))[0]
  return row ? { kind: 'deleted', removedAt: row.createdAt } : null
}

/**
 * Records that what was at `from` now lives at `to` (301). `to` is live content from now on, so
 * a row from `to` is dropped, and rows that pointed at `from` are re-pointed at `to`: every old
 * URL stays one hop from its content and no loop can form. `from === to` only drops rows from it.
 * Only inside write(), in the caller's transaction. On SQLite through statements prepared once
 * on the write connection (an import writes tens of thousands of redirects); on PostgreSQL the
 * same three statements, awaited.
 */
export async function recordRedirect(fromInput: string, toInput: string, reason: RedirectReason): Promise<{ from: string; to: string }> {
  const from = requirePath(fromInput)
  const to = requirePath(toInput)
  if (!inWrite()) throw new Error('recordRedirect runs inside write()')
  const db = getDb()
  if (!onPg(db)) {
    writeStatements().addRedirect(from, to, reason, Date.now())
    return { from, to }
  }
  if (from === to) {
    await execute(db, sql`DELETE FROM redirects WHERE from_path = ${to}`)
    return { from, to }
  }
  // The same three steps in one statement (one round trip: an import records two per story).
  // Its parts see the rows as they were before it, and no row may be changed by two of them:
  // the row `to → from` (a swap) is only deleted, never re-pointed; the row from `from` is
  // neither (`from` is no target, by the invariant, and is not `to`).
  await execute(
    db,
    sql`WITH dropped AS (DELETE FROM redirects WHERE from_path = ${to}),
        repointed AS (UPDATE redirects SET to_path = ${to}, code = ${MOVED_CODE} WHERE to_path = ${from} AND from_path <> ${to})
        INSERT INTO redirects (from_path, to_path, code, reason) VALUES (${from}, ${to}, ${MOVED_CODE}, ${reason})
        ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, code = excluded.code, reason = excluded.reason, created_at = ${Date.now()}`,
  )
  return { from, to }
}

type WriteStatements = { addRedirect: (from: string, to: string, reason: string, now: number) => void }

// Prepared once per connection: an import writes tens of thousands of redirects, and preparing
// (and building) each statement again cost more than running it.
const writeStatementsByClient = new WeakMap<object, WriteStatements>()

function writeStatements(): WriteStatements {
  const client = getDb().$client
  let cached = writeStatementsByClient.get(client)
  if (!cached) {
    const dropFrom = client.prepare('DELETE FROM redirects WHERE from_path = ?')
    const repoint = client.prepare(`UPDATE redirects SET to_path = ?, code = ${MOVED_CODE} WHERE to_path = ?`)
    const upsert = client.prepare(
      `INSERT INTO redirects (from_path, to_path, code, reason) VALUES (?, ?, ${MOVED_CODE}, ?)
       ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, code = excluded.code, reason = excluded.reason, created_at = ?`,
    )
    cached = {
      // A savepoint when the caller has a transaction open, else a transaction of its own.
      addRedirect: client.transaction((from: string, to: string, reason: string, now: number) => {
        dropFrom.run(to)
        if (from === to) return
        repoint.run(to, from)
        upsert.run(from, to, reason, now)
      }),
    }
    writeStatementsByClient.set(client, cached)
  }
  return cached
}

/**
 * Records that the content at `path` is gone for good (410), and so is every old URL that
 * redirected to it.
 */
export async function recordGonePath(pathInput: string, reason: RedirectReason): Promise<string> {
  const path = requirePath(pathInput)
  await write(async (tx) => {
    await tx.update(redirects).set({ toPath: '', code: GONE_CODE }).where(eq(redirects.toPath, path))
    await tx.insert(redirects)
      .values({ fromPath: path, toPath: '', code: GONE_CODE, reason })
      .onConflictDoUpdate({ target: redirects.fromPath, set: { toPath: '', code: GONE_CODE, reason, createdAt: new Date() } })
  })
  return path
}

/**
 * Content is live at `path` again (an article published at a URL that once redirected or was
 * gone): its row must go, or the server would keep answering 301/410 before the page is reached.
 */
export async function removeRedirectsFrom(pathInput: string): Promise<void> {
  const path = requirePath(pathInput)
  await write((tx) => tx.delete(redirects).where(eq(redirects.fromPath, path)))
}

/**
 * An article just went live: if it was imported, its old URL (Blogger's "/2023/09/judul.html")
 * leads to it from now on. Until then that URL has no row and answers 404, so a draft or a post
 * scheduled for later is never exposed through it.
 */
export async function redirectImportedLegacyPath(db: Executor, articleId: number, to: string): Promise<void> {
  const row = (await db
    .select({ legacyPath: importedEntries.legacyPath })
    .from(importedEntries)
    .where(and(eq(importedEntries.kind, 'post'), eq(importedEntries.entityId, articleId))).limit(1))[0]
  // Rows recorded before the importer checked paths may name any path (issue #10, finding 6).
  if (row?.legacyPath && isBloggerSourcePath('post', row.legacyPath)) await recordRedirect(row.legacyPath, to, 'import')
}

/**
 * Call in the same transaction that deletes an article. An article that readers could once
 * see (it has a URL month and went live) leaves a 410 at its URL; a draft leaves nothing, so
 * its URL stays a plain 404.
 */
export async function recordArticleDeletion(
  article: { slug: string; pathMonth: string | null; status: ArticleStatus; publishedAt: Date | null },
  now = new Date(),
): Promise<string | null> {
  const wasPublic =
    article.pathMonth !== null &&
    article.publishedAt !== null &&
    article.publishedAt.getTime() <= now.getTime() &&
    article.status !== 'scheduled'
  if (!wasPublic) return null
  return recordGonePath(articlePath({ pathMonth: article.pathMonth, slug: article.slug }), 'article-deleted')
}

/** Redirect rows for an admin list or an audit, newest first. */
export async function listRedirects(limit = 100): Promise<Array<{ fromPath: string; toPath: string; code: number; reason: string; createdAt: Date }>> {
  return await getDb()
    .select({
      fromPath: redirects.fromPath,
      toPath: redirects.toPath,
      code: redirects.code,
      reason: redirects.reason,
      createdAt: redirects.createdAt,
    })
    .from(redirects)
    .orderBy(desc(redirects.id))
    .limit(limit)
}
