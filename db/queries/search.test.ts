import { beforeAll, describe, expect, it, vi } from 'vitest'
import { getDb } from '@/db'
import { articles, users } from '@/db/schema'
import { buildMatchQuery, MAX_SEARCH_PAGE, searchArticles, SEARCH_PAGE_SIZE, splitSnippet } from './search'

const day = (iso: string) => new Date(`${iso}T03:00:00Z`)

beforeAll(() => {
  const db = getDb()
  const [author] = db
    .insert(users)
    .values({ name: 'Rina Marlina', slug: 'rina-marlina', email: 'rina@example.test', role: 'reporter' })
    .returning({ id: users.id })
    .all()
  const base = { authorId: author!.id, status: 'published' as const }
  db.insert(articles)
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
    .run()
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
    expect(buildMatchQuery('Kópi Sawahlúnto')).toBe('"kópi"* "sawahlúnto"*')
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

  it('caps long input before tokenizing', () => {
    const query = buildMatchQuery(`${'x'.repeat(250)} kopi`)
    expect(query).toBe(`"${'x'.repeat(200)}"*`)
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
  const titles = (q: string) => searchArticles(q, 1).items.map((i) => i.title)

  it('matches regardless of diacritics', () => {
    expect(titles('kopi')).toContain('Harga Kópi Solok Naik')
    expect(titles('sawahlunto')).toEqual(['Kereta Wisata ke Sawahlúnto'])
    expect(titles('SAWAHLÚNTO')).toEqual(['Kereta Wisata ke Sawahlúnto'])
  })

  it('matches word prefixes', () => {
    expect(titles('pendid')).toEqual(['Anggaran Sekolah Dasar'])
  })

  it('ranks a title hit above a body-only hit, even when the body hit is newer', () => {
    const result = searchArticles('kopi', 1)
    expect(result.total).toBe(2)
    expect(result.items.map((i) => i.slug)).toEqual(['harga-kopi-solok-naik', 'pasar-pagi-di-solok'])
  })

  it('breaks ties by newest first', () => {
    expect(searchArticles('banjir rob', 1).items.map((i) => i.slug)).toEqual([
      'banjir-rob-2023-07-01',
      'banjir-rob-2023-06-01',
      'banjir-rob-2023-05-01',
    ])
  })

  it('never returns drafts', () => {
    expect(titles('rahasia')).toEqual([])
    expect(searchArticles('kopi', 1).items.some((i) => i.slug === 'rahasia-kopi-draf')).toBe(false)
  })

  it('returns the fields a result card needs', () => {
    const [item] = searchArticles('kereta wisata', 1).items
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

  it('highlights body hits in snippet segments', () => {
    const item = searchArticles('kopi', 1).items.find((i) => i.slug === 'pasar-pagi-di-solok')!
    expect(item.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['kopi'])
    expect(item.snippet.map((s) => s.text).join('')).toBe('Pedagang menjual sayur, beras dan kopi sejak subuh.')
    expect(item.snippet.every((s) => !s.text.includes('<'))).toBe(true)
  })

  it('gives an empty result past the last page and beyond the page cap', () => {
    expect(searchArticles('kopi', 2)).toEqual({ total: 2, items: [] })
    expect(searchArticles('kopi', MAX_SEARCH_PAGE + 1)).toEqual({ total: 0, items: [] })
    expect(searchArticles('kopi', Number.NaN).items).toHaveLength(2)
    expect(searchArticles('kopi', -3).items).toHaveLength(2)
    expect(SEARCH_PAGE_SIZE).toBe(20)
  })

  it('answers hostile input with a normal result and never throws', () => {
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
      let result: ReturnType<typeof searchArticles> | undefined
      expect(() => (result = searchArticles(q, 1)), JSON.stringify(q).slice(0, 40)).not.toThrow()
      expect(result).toEqual({ total: expect.any(Number), items: expect.any(Array) })
      expect(result!.items.length).toBeLessThanOrEqual(SEARCH_PAGE_SIZE)
    }
    expect(logged).not.toHaveBeenCalled()
    logged.mockRestore()
    expect(titles('kopi\u0000\u0000')).toHaveLength(2)
    expect(titles('\u200fkopi\u200e')).toHaveLength(2)
    expect(searchArticles('(((', 1)).toEqual({ total: 0, items: [] })
    // The articles table survived the injection attempt.
    expect(titles('sawahlunto')).toHaveLength(1)
  })
})
