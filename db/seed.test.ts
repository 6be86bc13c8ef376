import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDialect, getWriteConnection } from '@/db'
import { queryRows } from '@/db/dialect'
import { searchArticles } from './queries/search'
import { getEnv } from '@/lib/env'
import { MEDIA_WIDTHS } from '@/lib/media/sizes'
import { countSeedTables, hasArticles, seedDemo, type SeedSummary } from './seed'

const now = new Date('2026-03-10T05:00:00Z')
let first: SeedSummary
let firstMs: number

beforeAll(async () => {
  const started = performance.now()
  first = await seedDemo(getWriteConnection(), { now })
  firstMs = performance.now() - started
}, 60_000)

const all = async <T>(query: ReturnType<typeof sql>) => await queryRows<T>(getWriteConnection(), query)

describe('seedDemo', () => {
  it('fills an empty database with the demo newsroom', async () => {
    expect(first.created).toMatchObject({ users: 4, labels: 16, media: 20, pages: 3, settings: 4 })
    expect(first.created.articles).toBeGreaterThanOrEqual(55)
    expect(await countSeedTables(getWriteConnection())).toMatchObject({ labels: 16, pages: 3, media: 20, users: 4 })
    expect(await hasArticles(getWriteConnection())).toBe(true)
    // Budget: the launcher runs this on first start (2 shared cores).
    expect(firstMs).toBeLessThan(20_000)
  })

  it('creates nothing the second time', async () => {
    const before = await countSeedTables(getWriteConnection())
    const again = await seedDemo(getWriteConnection(), { now: new Date(now.getTime() + 86_400_000) })
    expect(again.created).toEqual({ users: 0, labels: 0, media: 0, articles: 0, pages: 0, settings: 0 })
    expect(await countSeedTables(getWriteConnection())).toEqual(before)
  })

  it('publishes articles over the last months with a URL month and a section label', async () => {
    const rows = await all<{ id: number; path_month: string | null; published_at: number; labels: number; main: number }>(sql`
      select a.id, a.path_month, a.published_at,
        (select count(*) from article_labels l where l.article_id = a.id) as labels,
        (select count(*) from article_labels l where l.article_id = a.id and l.position = 0) as main
      from articles a where a.status = 'published'`)
    expect(rows.length).toBeGreaterThanOrEqual(55)
    for (const r of rows) {
      expect(r.path_month).toMatch(/^\d{4}\/\d{2}$/)
      expect(r.labels).toBeGreaterThanOrEqual(1)
      expect(r.labels).toBeLessThanOrEqual(4)
      expect(r.main).toBe(1)
      expect(r.published_at).toBeLessThan(now.getTime())
      expect(r.published_at).toBeGreaterThan(now.getTime() - 125 * 86_400_000)
    }
    const newest = Math.max(...rows.map((r) => r.published_at))
    expect(now.getTime() - newest).toBeLessThanOrEqual(6 * 3_600_000)
  })

  it('keeps drafts and the scheduled article out of public URLs and the search index', async () => {
    const hidden = await all<{ status: string; path_month: string | null; published_at: number | null }>(
      sql`select status, path_month, published_at from articles where status <> 'published'`,
    )
    expect(hidden.filter((r) => r.status === 'draft')).toHaveLength(2)
    const scheduled = hidden.filter((r) => r.status === 'scheduled')
    expect(scheduled).toHaveLength(1)
    expect(scheduled[0]!.published_at).toBeGreaterThan(now.getTime() + 6 * 86_400_000)
    expect(hidden.every((r) => r.path_month === null)).toBe(true)

    // The search index: FTS5 on SQLite, article_search on PostgreSQL (ADR 019 §4).
    const [index] = await all<{ indexed: number; published: number; stray: number }>(
      getDialect() === 'postgres'
        ? sql`
      select (select count(*) from article_search) as indexed,
        (select count(*) from articles where status = 'published') as published,
        (select count(*) from article_search s left join articles a on a.id = s.article_id
          where a.status is distinct from 'published') as stray`
        : sql`
      select (select count(*) from articles_fts) as indexed,
        (select count(*) from articles where status = 'published') as published,
        (select count(*) from articles_fts f left join article_search_keys k on k.key = f.rowid
          left join articles a on a.id = k.article_id where a.status is not 'published') as stray`,
    )
    expect(Number(index!.indexed)).toBe(Number(index!.published))
    expect(Number(index!.stray)).toBe(0)
    expect((await searchArticles('cabai', 1)).total).toBeGreaterThan(0)
    // Label archives see only public articles (kept by triggers).
    const [leaked] = await all<{ n: number }>(sql`
      select count(*) as n from article_labels l join articles a on a.id = l.article_id
      where a.status <> 'published' and l.published_at is not null`)
    expect(leaked!.n).toBe(0)
  })

  it('writes bodies with a dateline, paragraphs and initials, and marks advertorials', async () => {
    const rows = await all<{ body_html: string; dateline: string; is_sponsored: number; sponsor_name: string; main: string }>(sql`
      select a.body_html, a.dateline, a.is_sponsored, a.sponsor_name,
        (select lb.slug from article_labels l join labels lb on lb.id = l.label_id
          where l.article_id = a.id and l.position = 0) as main
      from articles a where a.status = 'published'`)
    for (const r of rows) {
      expect(r.body_html.startsWith(`<p>${r.dateline}, Warta — `)).toBe(true)
      expect(r.body_html).toMatch(/\((?:[a-z]{3}(?:\/[a-z]{3})?|adv)\)<\/p>$/)
      expect(r.body_html).not.toMatch(/\{hari\}|\{kemarin\}/)
      expect((r.body_html.match(/<p>/g) ?? []).length).toBeGreaterThanOrEqual(4)
    }
    const sponsored = rows.filter((r) => r.is_sponsored)
    expect(sponsored.length).toBeGreaterThanOrEqual(4)
    expect(sponsored.every((r) => r.sponsor_name !== '' && r.main === 'advertorial')).toBe(true)
    expect(sponsored.some((r) => /<a href="https:\/\//.test(r.body_html))).toBe(true)
  })

  it('adds ralat and update notes, and sets the public updated time on those articles', async () => {
    const rows = await all<{ kind: string; created_at: number; updated_at: number | null }>(sql`
      select n.kind, n.created_at, a.updated_at from article_notes n join articles a on a.id = n.article_id`)
    expect(rows.some((r) => r.kind === 'correction')).toBe(true)
    expect(rows.some((r) => r.kind === 'update')).toBe(true)
    for (const r of rows) {
      expect(r.updated_at).not.toBeNull()
      expect(r.updated_at!).toBeGreaterThanOrEqual(r.created_at)
      expect(r.updated_at!).toBeLessThan(now.getTime())
    }
  })

  it('gives most articles a stored featured image whose files all exist', async () => {
    const rows = await all<{ storage_key: string | null; featured_alt: string }>(sql`
      select m.storage_key, a.featured_alt from articles a left join media m on m.id = a.featured_media_id`)
    const withImage = rows.filter((r) => r.storage_key)
    expect(withImage.length / rows.length).toBeGreaterThan(0.75)
    expect(withImage.every((r) => r.featured_alt.length > 0)).toBe(true)
    for (const key of new Set(withImage.map((r) => r.storage_key!))) {
      for (const w of MEDIA_WIDTHS) {
        expect(fs.existsSync(path.join(getEnv().uploadsDir, `${key}-${w}.webp`))).toBe(true)
      }
    }
  })

  it('stores staff, pages and settings the site reads', async () => {
    const staff = await all<{ role: string; email: string; password_hash: string | null }>(
      sql`select role, email, password_hash from users`,
    )
    expect(staff.filter((u) => u.role === 'reporter')).toHaveLength(3)
    expect(staff.filter((u) => u.role === 'editor')).toHaveLength(1)
    expect(staff.every((u) => u.email.endsWith('@warta.example') && u.password_hash === null)).toBe(true)

    const slugs = await all<{ slug: string }>(sql`select slug from pages where status = 'published' order by slug`)
    expect(slugs.map((p) => p.slug)).toEqual(['kontak', 'pedoman-media-siber', 'redaksi'])

    const settingRows = await all<{ key: string; value: string }>(sql`select key, value from settings`)
    // JSON text on SQLite; PostgreSQL's driver hands jsonb over parsed.
    const value = (key: string) => {
      const stored = settingRows.find((s) => s.key === key)!.value
      return (getDialect() === 'postgres' ? stored : JSON.parse(stored)) as unknown
    }
    expect(value('site_name')).toBe('Warta Ranah')
    const featured = value('featured_label_ids') as number[]
    expect(featured.length).toBeGreaterThanOrEqual(5)
    const labelIds = (await all<{ id: number }>(sql`select id from labels`)).map((l) => l.id)
    expect(featured.every((id) => labelIds.includes(id))).toBe(true)
  })
})
