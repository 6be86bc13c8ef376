import 'server-only'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '@/db'
import { lockingRead } from '@/db/dialect'
import { articleLabels, articles, auditLog, labels, redirects, users, type ArticleStatus } from '@/db/tables'
import { toPathMonth } from '@/lib/dates'
import type { ArticleFootprint } from '@/lib/revalidate'
import { slugify } from '@/lib/urls'

/*
 * What the newsroom's article writes share: the result types, where each transition may start
 * from, and the small steps every write transaction takes (version check, audit row, labels,
 * slugs, the public footprint for revalidateArticle()). Every write runs in one write()
 * transaction (sanitize and validate before calling), checks the version the
 * editor was opened at, and returns a typed result: a stale save is refused before anything
 * is written, so the writer's unsaved text stays in their browser.
 */

export type Tx = Executor

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export type WriteError =
  | { code: 'not-found' }
  | { code: 'stale'; currentVersion: number; savedAt: Date; savedByName: string | null }
  | { code: 'wrong-status'; status: ArticleStatus }
  /** The article is live (published or scheduled) and the writer lacks the publish right on it. */
  | { code: 'live-needs-publish' }
  | { code: 'slug-taken' }
  | { code: 'media-missing' }
  | { code: 'editor-invalid' }
  | { code: 'label-create-forbidden'; name: string }
  | { code: 'publish-at-past' }
  | { code: 'revision-missing' }
  /** Only an Update note (Pembaruan) lifts the "still needs verification" mark. */
  | { code: 'verification-needs-update' }
  /** A published story's verification mark is lifted by an Update note, not removed silently. */
  | { code: 'verification-needs-note' }

export type WriteOk = {
  ok: true
  id: number
  version: number
  status: ArticleStatus
  slug: string
  pathMonth: string | null
  publishedAt: Date | null
  savedAt: Date
  /** Where the article showed publicly before and shows after (null when not public). */
  before: ArticleFootprint | null
  after: ArticleFootprint | null
}

export type WriteResult = WriteOk | ({ ok: false } & WriteError)

export type ArticleRow = typeof articles.$inferSelect

/** Where the transitions may start from. */
export const FROM: Record<'save' | 'submitted' | 'published' | 'scheduled', readonly ArticleStatus[]> = {
  save: ['draft', 'submitted', 'scheduled', 'published', 'unpublished'],
  submitted: ['draft', 'submitted', 'unpublished'],
  published: ['draft', 'submitted', 'scheduled', 'unpublished', 'published'],
  scheduled: ['draft', 'submitted', 'unpublished', 'scheduled'],
}

export const LIVE_STATUSES: readonly ArticleStatus[] = ['published', 'scheduled']

/**
 * Changing what a live article says is publishing. Checked on the row read inside the write's
 * transaction: a check before it (on a row read earlier) lets a colleague's publish slip in
 * between, and the writer's text would land on the live story (issue 10, finding 1).
 */
export function isLiveEditRefused(row: Pick<ArticleRow, 'status'>, canPublish: boolean): boolean {
  return !canPublish && LIVE_STATUSES.includes(row.status)
}

type FootprintRow = Pick<ArticleRow, 'id' | 'authorId' | 'status' | 'pathMonth' | 'slug' | 'publishedAt' | 'isSponsored'>

/** Where the story shows publicly (lib/cache/article.ts), or null when it shows nowhere. */
export function footprint(row: FootprintRow, labelIds: number[]): ArticleFootprint | null {
  if (row.status !== 'published' || !row.pathMonth || !row.publishedAt) return null
  return {
    id: row.id,
    authorId: row.authorId,
    labelIds,
    pathMonth: row.pathMonth,
    slug: row.slug,
    publishedAt: row.publishedAt,
    isSponsored: row.isSponsored,
  }
}

export async function labelIdsOf(tx: Tx, articleId: number): Promise<number[]> {
  return (await tx
    .select({ id: articleLabels.labelId })
    .from(articleLabels)
    .where(eq(articleLabels.articleId, articleId))
    .orderBy(asc(articleLabels.position)))
    .map((r) => r.id)
}

export async function staleError(tx: Tx, row: ArticleRow): Promise<WriteError> {
  const savedByName = row.savedBy ? ((await tx.select({ name: users.name }).from(users).where(eq(users.id, row.savedBy)).limit(1))[0]?.name ?? null) : null
  return { code: 'stale', currentVersion: row.version, savedAt: row.savedAt, savedByName }
}

export async function writeAudit(tx: Tx, actorId: number | null, action: string, articleId: number, detail: Record<string, unknown>) {
  await tx.insert(auditLog).values({ actorId, action, entity: 'article', entityId: articleId, detail })
}

/** A slug free among all articles: `base`, else `base-2`, `base-3`… */
export async function uniqueArticleSlug(tx: Tx, base: string, exceptId?: number): Promise<string> {
  const taken = new Set(
    (await tx
      .select({ slug: articles.slug })
      .from(articles)
      .where(
        and(
          sql`(${articles.slug} = ${base} or ${articles.slug} like ${`${escapeLike(base)}-%`} escape '\\')`,
          exceptId ? sql`${articles.id} <> ${exceptId}` : undefined,
        ),
      ))
      .map((r) => r.slug),
  )
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}

export async function isSlugTaken(tx: Tx, slug: string, exceptId: number): Promise<boolean> {
  return Boolean(
    (await tx
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.slug, slug), sql`${articles.id} <> ${exceptId}`)).limit(1))[0],
  )
}

/** A label as a story carries it: its id, and its name for the revision's snapshot. */
export type LabelRef = { id: number; name: string }

/**
 * Finds labels by name (through their slug) and creates the missing ones, or, when creating
 * is not allowed, names the first missing one without writing anything. One read for all the
 * names, locked on PostgreSQL (db/dialect.ts lockingRead): a label a merge or delete removes
 * before this story's rows are written would fail their foreign key; locked, it stays until we
 * commit, or (removed or renamed while we waited) counts as missing.
 */
export async function resolveLabels(tx: Tx, names: string[], canCreate: boolean): Promise<{ ok: true; labels: LabelRef[] } | { ok: false; name: string }> {
  if (names.length === 0) return { ok: true, labels: [] }
  const wanted = names.map((name) => ({ name, slug: slugify(name, 80) }))
  const rows = await lockingRead(
    tx,
    tx.select({ id: labels.id, name: labels.name, slug: labels.slug })
      .from(labels)
      .where(inArray(labels.slug, [...new Set(wanted.map((l) => l.slug))]))
      .orderBy(asc(labels.id)),
    'share',
  )
  const bySlug = new Map(rows.map((row) => [row.slug, row]))
  const missing = wanted.find((l) => !bySlug.has(l.slug))
  if (missing && !canCreate) return { ok: false, name: missing.name }
  const resolved: LabelRef[] = []
  for (const label of wanted) {
    let found = bySlug.get(label.slug)
    if (!found) {
      const created = (await tx.insert(labels).values({ name: label.name, slug: label.slug }).returning({ id: labels.id }))[0]!
      found = { id: created.id, name: label.name, slug: label.slug }
      bySlug.set(label.slug, found)
    }
    if (!resolved.some((l) => l.id === found.id)) resolved.push({ id: found.id, name: found.name })
  }
  return { ok: true, labels: resolved }
}

/**
 * Gives the story exactly these labels, in this order. Nothing is written when `current` (the
 * story's labels as read in this transaction, in order) is already that; else one delete and
 * one insert.
 */
export async function replaceLabels(tx: Tx, articleId: number, labelIds: readonly number[], current?: readonly number[]) {
  if (current && current.length === labelIds.length && current.every((id, i) => id === labelIds[i])) return
  await tx.delete(articleLabels).where(eq(articleLabels.articleId, articleId))
  if (labelIds.length > 0) await tx.insert(articleLabels).values(labelIds.map((labelId, position) => ({ articleId, labelId, position })))
}

/** A live article always wins its address: a redirect away from it would hide it. */
export async function clearRedirectsFrom(tx: Tx, path: string) {
  await tx.delete(redirects).where(eq(redirects.fromPath, path))
}

export function okResult(row: ArticleRow, before: ArticleFootprint | null, after: ArticleFootprint | null): WriteOk {
  return {
    ok: true,
    id: row.id,
    version: row.version,
    status: row.status,
    slug: row.slug,
    pathMonth: row.pathMonth,
    publishedAt: row.publishedAt,
    savedAt: row.savedAt,
    before,
    after,
  }
}

/** The publication fields for going live now: the first publication fixes the URL month for good. */
export function publishNowFields(row: ArticleRow, now: Date) {
  const publishedAt = row.pathMonth && row.publishedAt && row.publishedAt <= now ? row.publishedAt : now
  return { status: 'published' as const, publishedAt, pathMonth: row.pathMonth ?? toPathMonth(publishedAt) }
}
