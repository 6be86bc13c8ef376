import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { getDialect, getWriteConnection } from '@/db'
import { queryRow } from '@/db/dialect'
import { articles, users } from '@/db/tables'
import { buildMatchQuery, MAX_SEARCH_PAGE, searchArticles, SEARCH_PAGE_SIZE, splitSnippet } from './search'

const day = (iso: string) => new Date(`${iso}T03:00:00Z`)

beforeAll(async () => {
  const db = getWriteConnection()
  const [author] = await db
    .insert(users)
    .values({ name: 'Rina Marlina', slug: 'rina-marlina', email: 'rina@example.test', role: 'reporter' })
    .returning({ id: users.id })
  const base = { authorId: author!.id, status: 'published' as const }
  await db.insert(articles)
    .values([
      {
        ...base,
        title: 'Harga Kópi Solok Naik',
        slug: 'harga-kopi-solok-naik',
        pathMonth: '2024/03',
        excerpt: 'Petani senang.',
        bodyHtml: '<p>Panen tahun ini lebih sedikit dari biasanya.</p>',
        publishedAt: day('2024-03-01'),
      },
      {
        ...base,
        title: 'Pasar Pagi di Solok',
        slug: 'pasar-pagi-di-solok',
        pathMonth: '2024/03',
        bodyHtml: '<p>Pedagang menjual sayur, beras dan <strong>kopi</strong> sejak subuh.</p>',
        publishedAt: day('2024-03-05'),
      },
      {
        ...base,
        title: 'Kereta Wisata ke Sawahlúnto',
        slug: 'kereta-wisata-sawahlunto',
        pathMonth: '2024/02',
        bodyHtml: '<p>Jalur lama kembali dibuka untuk wisatawan.</p>',
        publishedAt: day('2024-02-10'),
        isSponsored: true,
        sponsorName: 'PT Kereta',
      },
      {
        ...base,
        title: 'Anggaran Sekolah Dasar',
        slug: 'anggaran-sekolah-dasar',
        pathMonth: '2024/01',
        bodyHtml: '<p>Dinas pendidikan menambah dana bantuan operasional sekolah.</p>',
        publishedAt: day('2024-01-15'),
      },
      // Identical text, so only the publication time can order them.
      ...['2023-06-01', '2023-07-01', '2023-05-01'].map((d) => ({
        ...base,
        title: 'Banjir Rob di Pesisir',
        slug: `banjir-rob-${d}`,
        pathMonth: d.slice(0, 7).replace('-', '/'),
        bodyHtml: '<p>Air laut masuk ke permukiman.</p>',
        publishedAt: day(d),
      })),
      {
        authorId: author!.id,
        status: 'draft',
        title: 'Rahasia Kopi Draf',
        slug: 'rahasia-kopi-draf',
        bodyHtml: '<p>Belum boleh tampil: kopi rahasia.</p>',
      },
    ])
})

describe('buildMatchQuery', () => {
  it('quotes every token and makes tokens of two or more characters prefix queries', () => {
    expect(buildMatchQuery('harga kopi')).toBe('"harga"* "kopi"*')
    expect(buildMatchQuery('  Pendid  ')).toBe('"pendid"*')
    expect(buildMatchQuery('a kopi')).toBe('"a" "kopi"*')
  })

  it('normalises width and compatibility forms with NFKC', () => {
    expect(buildMatchQuery('ｋｏｐｉ')).toBe('"kopi"*')
    expect(buildMatchQuery('ﬁlm')).toBe('"film"*')
  })

  it('keeps letters with diacritics and non-Latin scripts as they are', () => {
    expect(buildMatchQuery('Kópi Sawahlúnto')).toBe('"kópi"* "sawahlún"*')
    expect(buildMatchQuery('日本')).toBe('"日本"*')
  })

  it('drops bare operator keywords, syntax characters and duplicates', () => {
    expect(buildMatchQuery('kopi AND teh')).toBe('"kopi"* "teh"*')
    expect(buildMatchQuery('a OR')).toBe('"a"')
    expect(buildMatchQuery('NEAR(a b)')).toBe('"a" "b"')
    expect(buildMatchQuery('title:foo')).toBe('"title"* "foo"*')
    expect(buildMatchQuery('-foo ^bar "baz')).toBe('"foo"* "bar"* "baz"*')
    expect(buildMatchQuery('kopi Kopi KOPI')).toBe('"kopi"*')
    // Lower-case words are ordinary words, not operators.
    expect(buildMatchQuery('and or not near')).toBe('"and"* "or"* "not"* "near"*')
  })

  it('keeps at most eight tokens', () => {
    expect(buildMatchQuery('satu dua tiga empat lima enam tujuh delapan sembilan sepuluh')).toBe(
      '"satu"* "dua"* "tiga"* "empat"* "lima"* "enam"* "tujuh"* "delapan"*',
    )
  })

  it('returns null when nothing searchable remains', () => {
    for (const input of ['', '   ', '"', '""', '*', '(((', 'AND OR NOT', '😀🔥', '\u0000\u200f', '\uE000\uE001']) {
      expect(buildMatchQuery(input), JSON.stringify(input)).toBeNull()
    }
  })

  it('cuts tokens longer than eight characters to an eight-character prefix', () => {
    expect(buildMatchQuery('Pemerintahan kabupaten')).toBe('"pemerint"* "kabupate"*')
    // Cut words that share their first eight letters are one token.
    expect(buildMatchQuery('pemerintah pemerintahan')).toBe('"pemerint"*')
  })

  it('treats a combining mark that composes with nothing as a separator, as the index tokenizer does', () => {
    expect(buildMatchQuery('ko\u0301pi')).toBe('"kópi"*')
    expect(buildMatchQuery('x\u0301y')).toBe('"x" "y"')
  })

  it('caps long input before tokenizing', () => {
    expect(buildMatchQuery(`${'x'.repeat(250)} kopi`)).toBe('"xxxxxxxx"*')
    expect(buildMatchQuery(`${'x '.repeat(100)}kopi`)).toBe('"x"')
  })
})

describe('splitSnippet', () => {
  it('turns hit markers into segments', () => {
    expect(splitSnippet('…menjual \uE000kopi\uE001 sejak\uE000\uE001 subuh')).toEqual([
      { text: '…menjual ', hit: false },
      { text: 'kopi', hit: true },
      { text: ' sejak subuh', hit: false },
    ])
    expect(splitSnippet('')).toEqual([])
  })
})

describe('searchArticles', () => {
  const titles = async (q: string) => (await searchArticles(q, 1)).items.map((i) => i.title)

  it('matches regardless of diacritics', async () => {
    expect(await titles('kopi')).toContain('Harga Kópi Solok Naik')
    expect(await titles('sawahlunto')).toEqual(['Kereta Wisata ke Sawahlúnto'])
    expect(await titles('SAWAHLÚNTO')).toEqual(['Kereta Wisata ke Sawahlúnto'])
  })

  it('matches word prefixes, and long words by their first eight letters', async () => {
    expect(await titles('pendid')).toEqual(['Anggaran Sekolah Dasar'])
    expect(await titles('pendidikannya')).toEqual(['Anggaran Sekolah Dasar'])
  })

  it('ranks a title hit above a body-only hit, even when the body hit is newer', async () => {
    const result = await searchArticles('kopi', 1)
    expect(result.total).toBe(2)
    expect(result.capped).toBe(false)
    expect(result.items.map((i) => i.slug)).toEqual(['harga-kopi-solok-naik', 'pasar-pagi-di-solok'])
  })

  it('breaks ties by newest first', async () => {
    expect((await searchArticles('banjir rob', 1)).items.map((i) => i.slug)).toEqual([
      'banjir-rob-2023-07-01',
      'banjir-rob-2023-06-01',
      'banjir-rob-2023-05-01',
    ])
  })

  it('never returns drafts', async () => {
    expect(await titles('rahasia')).toEqual([])
    expect((await searchArticles('kopi', 1)).items.some((i) => i.slug === 'rahasia-kopi-draf')).toBe(false)
  })

  it('returns the fields a result card needs', async () => {
    const [item] = (await searchArticles('kereta wisata', 1)).items
    expect(item).toMatchObject({
      title: 'Kereta Wisata ke Sawahlúnto',
      slug: 'kereta-wisata-sawahlunto',
      pathMonth: '2024/02',
      isSponsored: true,
      sponsorName: 'PT Kereta',
      authorName: 'Rina Marlina',
      authorSlug: 'rina-marlina',
    })
    expect(item!.publishedAt).toEqual(day('2024-02-10'))
  })

  it('highlights body hits in snippet segments', async () => {
    const item = (await searchArticles('kopi', 1)).items.find((i) => i.slug === 'pasar-pagi-di-solok')!
    expect(item.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['kopi'])
    // FTS5's snippet() keeps the sentence's full stop; PostgreSQL's ts_headline ends the fragment
    // at its last word (ADR 019 §4).
    const fragment = getDialect() === 'postgres' ? 'Pedagang menjual sayur, beras dan kopi sejak subuh' : 'Pedagang menjual sayur, beras dan kopi sejak subuh.'
    expect(item.snippet.map((s) => s.text).join('')).toBe(fragment)
    expect(item.snippet.every((s) => !s.text.includes('<'))).toBe(true)
  })

  it('sees a story published, edited and unpublished after the same query was answered', async () => {
    const db = getWriteConnection()
    const slugs = async () => (await searchArticles('gudang', 1)).items.map((i) => i.slug)
    expect(await slugs()).toEqual([])
    const [author] = await db.select({ id: users.id }).from(users)
    const [story] = await db
      .insert(articles)
      .values({
        authorId: author!.id,
        status: 'published',
        title: 'Gudang Beras Terbakar',
        slug: 'gudang-beras-terbakar',
        pathMonth: '2024/04',
        bodyHtml: '<p>Api padam menjelang pagi.</p>',
        publishedAt: day('2024-04-02'),
      })
      .returning({ id: articles.id })
    expect(await slugs()).toEqual(['gudang-beras-terbakar'])
    await db.update(articles).set({ title: 'Lumbung Beras Terbakar' }).where(eq(articles.id, story!.id))
    expect(await slugs()).toEqual([])
    expect((await searchArticles('lumbung', 1)).items.map((i) => i.slug)).toEqual(['gudang-beras-terbakar'])
    await db.update(articles).set({ status: 'unpublished' }).where(eq(articles.id, story!.id))
    expect((await searchArticles('lumbung', 1)).total).toBe(0)
    await db.delete(articles).where(eq(articles.id, story!.id))
  })

  it('finds every story of a bulk import published in the same second, once each', async () => {
    const db = getWriteConnection()
    const [author] = await db.select({ id: users.id }).from(users)
    const same = day('2022-08-17')
    const ids = await db
      .insert(articles)
      .values(
        Array.from({ length: 10 }, (_, i) => ({
          authorId: author!.id,
          status: 'published' as const,
          title: `Lomba Perahu Naga ${i}`,
          slug: `lomba-perahu-naga-${i}`,
          pathMonth: '2022/08',
          bodyHtml: '<p>Perahu hias berlomba di muara.</p>',
          publishedAt: same,
        })),
      )
      .returning({ id: articles.id })
    const found = async () => (await searchArticles('perahu naga', 1)).items.map((i) => i.slug).sort()
    const all = ids.map((_, i) => `lomba-perahu-naga-${i}`).sort()
    expect(await found()).toEqual(all)
    // Moving one to another time and back re-keys it without losing or doubling it.
    await db.update(articles).set({ publishedAt: day('2022-08-18') }).where(eq(articles.id, ids[3]!.id))
    await db.update(articles).set({ publishedAt: same }).where(eq(articles.id, ids[3]!.id))
    expect(await found()).toEqual(all)
    // One index row per story: FTS5 rows keyed by article_search_keys on SQLite, article_search rows on PostgreSQL.
    const keys = (await queryRow<{ n: number; distinct_keys: number }>(
      db,
      getDialect() === 'postgres'
        ? sql`SELECT count(*) AS n, count(DISTINCT article_id) AS distinct_keys FROM article_search`
        : sql`SELECT count(*) AS n, count(DISTINCT key) AS distinct_keys FROM article_search_keys`,
    ))!
    expect(Number(keys.n)).toBe(Number(keys.distinct_keys))
    expect(Number(keys.n)).toBeGreaterThanOrEqual(ids.length)
    for (const { id } of ids) await db.delete(articles).where(eq(articles.id, id))
    expect(await found()).toEqual([])
  })

  it('gives an empty result past the last page and beyond the page cap', async () => {
    expect(await searchArticles('kopi', 2)).toEqual({ total: 2, capped: false, items: [] })
    expect(await searchArticles('kopi', MAX_SEARCH_PAGE + 1)).toEqual({ total: 0, capped: false, items: [] })
    expect((await searchArticles('kopi', Number.NaN)).items).toHaveLength(2)
    expect((await searchArticles('kopi', -3)).items).toHaveLength(2)
    expect(SEARCH_PAGE_SIZE).toBe(20)
  })

  it('answers hostile input with a normal result and never throws', async () => {
    const alphabet = '"*^:()-+/\\\'`~ NEAR AND OR NOT \u0000\u200f\u202e😀ÿ漢a1'
    // Indexing by code unit also yields lone surrogates from the emoji.
    const junk = Array.from({ length: 2000 }, (_, i) => alphabet[(i * 7) % alphabet.length]).join('')
    const hostile = [
      '"',
      '""',
      '*',
      'AND(',
      'NEAR/',
      'NEAR(a b)',
      'a OR',
      '-foo',
      'title:foo',
      '^foo',
      "'; DROP TABLE articles; --",
      '(((',
      '😀🔥🇮🇩',
      junk,
      'kopi\u0000\u0000',
      '\u0000',
      '\u200fkopi\u200e',
      '\u202e kopi \u202c',
      '\uE000kopi\uE001',
    ]
    // The catch in searchArticles is a last resort: the builder alone must keep FTS5 happy.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    for (const q of hostile) {
      const result = await searchArticles(q, 1)
      expect(result, JSON.stringify(q).slice(0, 40)).toEqual({ total: expect.any(Number), capped: false, items: expect.any(Array) })
      expect(result.items.length).toBeLessThanOrEqual(SEARCH_PAGE_SIZE)
    }
    expect(logged).not.toHaveBeenCalled()
    logged.mockRestore()
    expect(await titles('kopi\u0000\u0000')).toHaveLength(2)
    expect(await titles('\u200fkopi\u200e')).toHaveLength(2)
    expect(await searchArticles('(((', 1)).toEqual({ total: 0, capped: false, items: [] })
    // The articles table survived the injection attempt.
    expect(await titles('sawahlunto')).toHaveLength(1)
  })
})
