import 'server-only'
import { count, eq, inArray } from 'drizzle-orm'
import sharp from 'sharp'
import { formatLongDate, jakartaParts, jakartaRange, toPathMonth } from '@/lib/dates'
import { getEnv } from '@/lib/env'
import { storeImage, type StoredImage } from '@/lib/media/process'
import { mediaFileName, shareFileName } from '@/lib/media/paths'
import { SHARE_SHAPE_NAMES } from '@/lib/media/sizes'
import { getMediaStorage } from '@/lib/media/storage'
import { slugify } from '@/lib/urls'
import { openDatabase, type Db } from './connection'
import { migrateDatabase } from './migrate'
import { transaction } from './transaction'
import { articleLabels, articleNotes, articles, labels, media, pages, settings, users } from './tables'
import { SEED_ARTICLES, type SeedArticle } from './seed-articles'
import {
  SEED_FEATURED_LABELS,
  SEED_IMAGES,
  SEED_LABELS,
  SEED_PAGES,
  SEED_SETTINGS,
  SEED_USERS,
  type SeedAuthorKey,
  type SeedImageKey,
  type SeedLabelKey,
} from './seed-content'
import { renderSeedSceneSvg } from './seed-images'

/*
 * Demo content: `npm run db:seed`, and the start-up launcher on an empty database.
 * Re-runnable: every row is found by its natural key (slug, email, setting key, an image's
 * original name) and skipped when present, so a second run adds nothing and edits made in
 * the newsroom survive. Images are drawn and resized first; all rows are then written in
 * one transaction (db/transaction.ts, on the seed's own connection; docs/data-access.md).
 */

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
/** The newest demo article is this old when the seed runs, the oldest about 4 months. */
const NEWEST_AGE = 3 * HOUR
const SPAN = 118 * DAY

export type SeedOptions = {
  /** The seed's idea of "now"; dates are laid out backwards from it. */
  now?: Date
  log?: (line: string) => void
}

export type SeedSummary = {
  created: { users: number; labels: number; media: number; articles: number; pages: number; settings: number }
  imagesMs: number
}

const imageName = (key: SeedImageKey) => `seed-${key}.jpg`

/** The publication instant of the i-th newest published demo article: a daytime hour in WIB. */
function publishedAtFor(i: number, total: number, now: number): number {
  const newest = now - NEWEST_AGE
  if (i === 0) return Math.floor(newest / 60_000) * 60_000
  const approx = newest - (i / Math.max(1, total - 1)) * SPAN
  const p = jakartaParts(new Date(approx))
  // Deterministic, varied times of day between 07.00 and 20.59 WIB.
  const minuteOfDay = 7 * 60 + ((i * 397) % (14 * 60))
  const t = jakartaRange(p.year, p.month, p.day).start.getTime() + minuteOfDay * 60_000
  return Math.min(t, newest - HOUR)
}

/** 07.00 WIB a week after `now`: when the scheduled demo article goes live. */
function scheduledAtFor(now: number): number {
  const p = jakartaParts(new Date(now + 7 * DAY))
  return jakartaRange(p.year, p.month, p.day).start.getTime() + 7 * HOUR
}

/** "Selasa (14/10)": how Indonesian news copy names the day of an event. */
function dayRef(ms: number): string {
  const d = new Date(ms)
  const p = jakartaParts(d)
  return `${formatLongDate(d).split(',')[0]} (${p.day}/${p.month})`
}

function fillTokens(text: string, at: number): string {
  return text.replaceAll('{hari}', dayRef(at)).replaceAll('{kemarin}', dayRef(at - DAY))
}

function buildBody(a: SeedArticle, at: number, signature: string): string {
  const blocks = a.blocks.map((b) => fillTokens(b, at))
  if (blocks[0]?.startsWith('<') || blocks.at(-1)?.startsWith('<')) {
    throw new Error(`Seed article "${a.title}" must start and end with a paragraph`)
  }
  return blocks
    .map((b, i) => {
      if (b.startsWith('<')) return b
      const lead = i === 0 ? `${a.dateline}, Warta — ` : ''
      const tail = i === blocks.length - 1 ? ` ${signature}` : ''
      return `<p>${lead}${b}${tail}</p>`
    })
    .join('\n')
}

/** Runs `fn` over `items` with at most `limit` in flight; sharp does its work off the main thread. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

async function renderAndStore(key: SeedImageKey, index: number, now: Date): Promise<StoredImage> {
  // Through JPEG, like a photo from a camera, so the demo exercises the real upload path.
  const jpeg = await sharp(Buffer.from(renderSeedSceneSvg(key, index))).jpeg({ quality: 88 }).toBuffer()
  return storeImage(jpeg, { originalName: imageName(key), now })
}

async function removeStoredFiles(stored: StoredImage[]) {
  const storage = getMediaStorage()
  await Promise.all(
    stored.flatMap((s) => [
      ...s.variants.map((w) => storage.delete(mediaFileName(s.storageKey, w))),
      ...SHARE_SHAPE_NAMES.map((shape) => storage.delete(shareFileName(s.storageKey, shape))),
    ]),
  )
}

/** True once any article exists: the launcher seeds only a database without one. */
export async function hasArticles(db: Db): Promise<boolean> {
  return (await db.select({ id: articles.id }).from(articles).limit(1))[0] !== undefined
}

/**
 * Fills the database with the demo newsroom: 4 staff, 16 labels, 20 images, 60 articles
 * (57 published over the last ~4 months, 2 drafts, 1 scheduled), 3 pages and the site
 * settings. Skips whatever already exists, so it is safe to run again.
 */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<SeedSummary> {
  const now = opts.now ?? new Date()
  const nowMs = now.getTime()
  const log = opts.log ?? (() => {})

  // 1. Images, outside any transaction: the slow part.
  const imageKeys = Object.keys(SEED_IMAGES) as SeedImageKey[]
  const existingMedia = await db
    .select({ id: media.id, originalName: media.originalName })
    .from(media)
    .where(inArray(media.originalName, imageKeys.map(imageName)))
  const haveImage = new Set(existingMedia.map((m) => m.originalName))
  const missing = imageKeys.filter((k) => !haveImage.has(imageName(k)))
  const imagesStarted = performance.now()
  const stored = await mapLimit(missing, 2, (key) => renderAndStore(key, imageKeys.indexOf(key), now))
  const imagesMs = Math.round(performance.now() - imagesStarted)
  if (missing.length) log(`Drew and stored ${missing.length} images in ${imagesMs} ms`)

  // 2. Rows, in one transaction: only database work inside it.
  let created: SeedSummary['created']
  try {
    created = await transaction(db, async (tx) => {
      const c = { users: 0, labels: 0, media: 0, articles: 0, pages: 0, settings: 0 }

      for (const u of Object.values(SEED_USERS)) {
        const r = await tx
          .insert(users)
          .values({ ...u, active: true, createdAt: new Date(nowMs - 200 * DAY) })
          .onConflictDoNothing()
          .returning({ id: users.id })
        c.users += r.length
      }
      const userRows = await tx
        .select({ id: users.id, slug: users.slug })
        .from(users)
        .where(inArray(users.slug, Object.values(SEED_USERS).map((u) => u.slug)))
      const userId = (key: SeedAuthorKey): number => {
        const row = userRows.find((r) => r.slug === SEED_USERS[key].slug)
        if (!row) throw new Error(`Seed user ${key} is missing`)
        return row.id
      }
      const editorId = userId('ysm')

      const labelKeys = Object.keys(SEED_LABELS) as SeedLabelKey[]
      const labelSlug = (key: SeedLabelKey) => slugify(SEED_LABELS[key].name)
      for (const key of labelKeys) {
        const r = await tx
          .insert(labels)
          .values({ ...SEED_LABELS[key], slug: labelSlug(key) })
          .onConflictDoNothing()
          .returning({ id: labels.id })
        c.labels += r.length
      }
      const labelRows = await tx
        .select({ id: labels.id, slug: labels.slug })
        .from(labels)
        .where(inArray(labels.slug, labelKeys.map(labelSlug)))
      const labelId = (key: SeedLabelKey): number => {
        const row = labelRows.find((r) => r.slug === labelSlug(key))
        if (!row) throw new Error(`Seed label ${key} is missing`)
        return row.id
      }

      const mediaIds = new Map<SeedImageKey, number>()
      for (const m of existingMedia) {
        const key = imageKeys.find((k) => imageName(k) === m.originalName)
        if (key && !mediaIds.has(key)) mediaIds.set(key, m.id)
      }
      for (const [i, key] of missing.entries()) {
        const s = stored[i]!
        const row = (await tx
          .insert(media)
          .values({
            storageKey: s.storageKey,
            originalName: s.originalName,
            mime: s.mime,
            width: s.width,
            height: s.height,
            bytes: s.bytes,
            variants: s.variants,
            alt: SEED_IMAGES[key].alt,
            caption: SEED_IMAGES[key].caption,
            uploadedBy: editorId,
            createdAt: new Date(nowMs - 150 * DAY),
          })
          .returning({ id: media.id }))[0]!
        mediaIds.set(key, row.id)
        c.media++
      }

      const slugs = SEED_ARTICLES.map((a) => slugify(a.title))
      if (new Set(slugs).size !== slugs.length) throw new Error('Two seed articles share a slug')
      const existingSlugs = new Set(
        (await tx.select({ slug: articles.slug }).from(articles).where(inArray(articles.slug, slugs))).map((r) => r.slug),
      )

      const published = SEED_ARTICLES.filter((a) => !a.status)
      for (const [index, a] of SEED_ARTICLES.entries()) {
        const slug = slugs[index]!
        if (existingSlugs.has(slug)) continue
        const status = a.status ?? 'published'
        const rank = published.indexOf(a)
        const publishedAt =
          status === 'published'
            ? publishedAtFor(rank, published.length, nowMs)
            : status === 'scheduled'
              ? scheduledAtFor(nowMs)
              : null
        // The day the prose talks about: publication, or for a draft the day it is written.
        const storyDay = publishedAt ?? nowMs - 5 * HOUR
        const authorId = userId(a.author)
        // An editor signs off most reported pieces; the editor's own columns have none.
        const isEdited = status !== 'draft' && a.author !== 'ysm' && (rank < 0 || rank % 4 !== 3)
        const initials = a.sponsor ? '(adv)' : isEdited ? `(${a.author}/ysm)` : `(${a.author})`
        const notes = (a.notes ?? []).map((n) => ({
          ...n,
          at: Math.min((publishedAt ?? nowMs) + n.afterMinutes * 60_000, nowMs - 10 * 60_000),
        }))
        const updatedAt = notes.length ? Math.max(...notes.map((n) => n.at)) : null
        const image = a.image ? mediaIds.get(a.image) : undefined

        const row = (await tx
          .insert(articles)
          .values({
            title: a.title,
            slug,
            pathMonth: status === 'published' ? toPathMonth(new Date(publishedAt!)) : null,
            dateline: a.dateline,
            excerpt: fillTokens(a.excerpt, storyDay),
            bodyHtml: buildBody(a, storyDay, initials),
            featuredMediaId: image ?? null,
            featuredCaption: a.image && image ? `${SEED_IMAGES[a.image].caption} (Foto: Dok. Warta)` : '',
            featuredAlt: a.image && image ? SEED_IMAGES[a.image].alt : '',
            authorId,
            editorId: isEdited ? editorId : null,
            status,
            version: 1,
            publishedAt: publishedAt === null ? null : new Date(publishedAt),
            updatedAt: updatedAt === null ? null : new Date(updatedAt),
            isSponsored: Boolean(a.sponsor),
            sponsorName: a.sponsor ?? '',
            createdAt: new Date(status === 'scheduled' ? nowMs - 2 * DAY : storyDay - 2 * HOUR),
            savedAt: new Date(updatedAt ?? Math.min(publishedAt ?? storyDay, nowMs)),
            savedBy: isEdited ? editorId : authorId,
          })
          .returning({ id: articles.id }))[0]!
        // News from anywhere in the province also carries the province label, last (it is never the
        // section); advertorials and opinion do not. It gives the demo a label with several pages.
        const keys: SeedLabelKey[] = a.sponsor || a.labels.includes('opini') ? a.labels : [...a.labels, 'ranahbarat']
        await tx.insert(articleLabels)
          .values(keys.map((key, position) => ({ articleId: row.id, labelId: labelId(key), position })))
        for (const n of notes) {
          await tx.insert(articleNotes)
            .values({ articleId: row.id, kind: n.kind, body: n.body, createdBy: editorId, createdAt: new Date(n.at) })
        }
        c.articles++
      }

      for (const p of SEED_PAGES) {
        const r = await tx
          .insert(pages)
          .values({ ...p, status: 'published', publishedAt: new Date(nowMs - 150 * DAY) })
          .onConflictDoNothing()
          .returning({ id: pages.id })
        c.pages += r.length
      }

      const settingRows: { key: string; value: unknown }[] = [
        { key: 'site_name', value: SEED_SETTINGS.siteName },
        { key: 'tagline', value: SEED_SETTINGS.tagline },
        { key: 'featured_label_ids', value: SEED_FEATURED_LABELS.map(labelId) },
        { key: 'social', value: {} },
      ]
      for (const s of settingRows) {
        c.settings += (await tx.insert(settings).values(s).onConflictDoNothing().returning({ key: settings.key })).length
      }
      return c
    })
  } catch (error) {
    // The rows were rolled back; do not leave their files behind.
    await removeStoredFiles(stored)
    throw error
  }

  log(
    `Created ${created.articles} articles, ${created.labels} labels, ${created.users} users, ` +
      `${created.media} images, ${created.pages} pages, ${created.settings} settings`,
  )
  return { created, imagesMs }
}

/** Row counts of what the demo seeds, for the CLI's report and the tests. */
export async function countSeedTables(db: Db) {
  const total = (rows: { n: number } | undefined) => rows?.n ?? 0
  return {
    articles: total((await db.select({ n: count() }).from(articles).limit(1))[0]),
    published: total((await db.select({ n: count() }).from(articles).where(eq(articles.status, 'published')).limit(1))[0]),
    labels: total((await db.select({ n: count() }).from(labels).limit(1))[0]),
    pages: total((await db.select({ n: count() }).from(pages).limit(1))[0]),
    media: total((await db.select({ n: count() }).from(media).limit(1))[0]),
    users: total((await db.select({ n: count() }).from(users).limit(1))[0]),
  }
}

async function main() {
  const started = performance.now()
  const { databaseUrl, databasePath } = getEnv()
  let db: Db
  if (databaseUrl) {
    const { getWriteConnection, migrateActiveDatabase } = await import('./index')
    await migrateActiveDatabase()
    db = getWriteConnection()
  } else {
    db = openDatabase(databasePath)
    migrateDatabase(db)
  }
  await seedDemo(db, { log: (line) => console.log(line) })
  const totals = await countSeedTables(db)
  if (databaseUrl) await (await import('./index')).closeDatabase()
  else db.$client.close()
  console.log(
    `Database ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : databasePath}: ${totals.articles} articles (${totals.published} published), ` +
      `${totals.labels} labels, ${totals.media} images, ${totals.pages} pages. ` +
      `Seed took ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  )
}

// `tsx --conditions=react-server db/seed.ts`. Checked by path rather than import.meta, which
// tsx does not provide when it runs this package's .ts files as CommonJS.
if (/[\\/]db[\\/]seed\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
