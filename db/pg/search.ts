import 'server-only'
import type pg from 'pg'
import { ReadPoolBusyError } from '@/db/read-pool'
import {
  MAX_SEARCH_PAGE,
  queryTokens,
  SEARCH_PAGE_SIZE,
  SEARCH_RESULT_CAP,
  splitSnippet,
  type SearchResult,
  type SearchResultItem,
} from '@/db/queries/search'

/*
 * The search of db/queries/search.ts on PostgreSQL, with its contract and its bound
 * (docs/decisions/008-search-bound.md, 019-dialect-seam.md): the same terms from the same input,
 * the newest SEARCH_RESULT_CAP + 1 matches only (the extra one says "more than"), ranked in the
 * same tiers (every term in the title; every term in title or excerpt; any term in the title; the
 * rest), newest first within each, and highlighted snippets for the shown page only.
 *
 * The index is article_search (drizzle-pg/0001): a tsvector per public story, weighted A title,
 * B excerpt, D body, with a GIN index and a (published_at DESC, article_id DESC) index. For a
 * common term the planner walks the newest-first index, tests each row's tsvector and stops at
 * the LIMIT; for a rare one it reads the GIN index and sorts the few matches. Either way no
 * query ranks or counts the whole archive. The worst input (several common terms that are
 * rarely together) can still read many rows, so every search statement runs under a statement
 * timeout and a timeout reads as "busy" (the page says "Pencarian sedang ramai"), as an
 * overloaded read worker does on SQLite.
 */

const RANKINGS_KEPT = 256
/** The body text ts_headline reads: a hit past it yields the body's start, unhighlighted. */
export const HEADLINE_CHARS = 20_000
/** A search statement that runs longer is cancelled and the search reads as busy. */
export const SEARCH_STATEMENT_TIMEOUT_MS = 2000
const HIT_OPEN = '\uE000'
const HIT_CLOSE = '\uE001'
const HEADLINE_OPTIONS = `StartSel=${HIT_OPEN}, StopSel=${HIT_CLOSE}, MaxWords=24, MinWords=12, ShortWord=1, MaxFragments=1, FragmentDelimiter=" … "`
const CONFIG = `'public.warta_id'::regconfig`
const QUERY_CANCELED = '57014'

/**
 * The search terms in reader input, exactly those db/queries/search.ts takes (the same function):
 * runs of letters and digits, NFKC, lower-cased, without FTS5's operator words and duplicates, at
 * most 8, each cut to 8 characters.
 */
export const searchTerms = queryTokens

/**
 * to_tsquery text for the terms: prefix matches for two characters or more (Indonesian suffixes:
 * `pendid` finds `pendidikan`), exact for one; `weights` restricts to columns (A title, B excerpt).
 * Terms are letters and digits only, so no tsquery syntax can come from the reader.
 */
export function tsqueryText(terms: string[], join: '&' | '|', weights = ''): string {
  return terms.map((t) => `'${t}':${[...t].length >= 2 ? '*' : ''}${weights}`).join(` ${join} `)
}

type Ranking = { version: number; ids: number[]; capped: boolean }
const rankings = new Map<string, Ranking>()

/** Forgets the rankings kept in this process (tests; a database swapped under a running process). */
export function clearSearchRankings(): void {
  rankings.clear()
}

// The newest CAP + 1 matches, then their tier. The inner ORDER BY/LIMIT is what bounds the work.
const RANK = `
  SELECT m.article_id AS id,
         CASE WHEN m.document @@ to_tsquery(${CONFIG}, $2) THEN 0
              WHEN m.document @@ to_tsquery(${CONFIG}, $3) THEN 1
              WHEN m.document @@ to_tsquery(${CONFIG}, $4) THEN 2
              ELSE 3 END AS tier
  FROM (
    SELECT article_id, published_at, document FROM article_search
    WHERE document @@ to_tsquery(${CONFIG}, $1)
    ORDER BY published_at DESC, article_id DESC
    LIMIT $5
  ) m
  ORDER BY m.published_at DESC, m.article_id DESC`

const ROWS = `
  SELECT a.id, a.title, a.slug, a.path_month, a.published_at, a.excerpt, a.is_sponsored, a.sponsor_name,
         u.name AS author_name, u.slug AS author_slug,
         ts_headline(${CONFIG}, left(public.warta_strip_html(a.body_html), $3), to_tsquery(${CONFIG}, $2), $4) AS snippet
  FROM unnest($1::integer[]) AS k(id)
  JOIN articles a ON a.id = k.id
  JOIN users u ON u.id = a.author_id
  WHERE a.status = 'published' AND a.published_at IS NOT NULL`

type Row = {
  id: number
  title: string
  slug: string
  path_month: string | null
  published_at: number
  excerpt: string
  is_sponsored: boolean
  sponsor_name: string
  author_name: string
  author_slug: string
  snippet: string | null
}

const EMPTY: SearchResult = { total: 0, capped: false, items: [] }

/** Runs `work` in a read-only transaction whose statements are cancelled after the timeout. */
async function withSearchClient<T>(pool: pg.Pool, timeoutMs: number, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN READ ONLY')
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e))
    if ((error as { code?: string }).code === QUERY_CANCELED) throw new ReadPoolBusyError()
    throw error
  } finally {
    client.release(broken)
  }
}

async function getRanking(client: pg.PoolClient, terms: string[]): Promise<Ranking> {
  const key = terms.join(' ')
  const { rows } = await client.query<{ version: number }>('SELECT version FROM search_index_state WHERE id = 1')
  const version = rows[0]?.version ?? 0
  const kept = rankings.get(key)
  if (kept) rankings.delete(key)
  let ranking = kept && kept.version === version ? kept : undefined
  if (!ranking) {
    const ranked = await client.query<{ id: number; tier: number }>(RANK, [
      tsqueryText(terms, '&'),
      tsqueryText(terms, '&', 'A'),
      tsqueryText(terms, '&', 'AB'),
      terms.length > 1 ? tsqueryText(terms, '|', 'A') : tsqueryText(terms, '&', 'A'),
      SEARCH_RESULT_CAP + 1,
    ])
    const capped = ranked.rows.length > SEARCH_RESULT_CAP
    const window = ranked.rows.slice(0, SEARCH_RESULT_CAP)
    // A stable sort keeps each tier newest first.
    window.sort((a, b) => a.tier - b.tier)
    ranking = { version, ids: window.map((r) => r.id), capped }
  }
  rankings.set(key, ranking)
  if (rankings.size > RANKINGS_KEPT) rankings.delete(rankings.keys().next().value!)
  return ranking
}

/**
 * searchArticles (db/queries/search.ts) on PostgreSQL: the same result for the same input, page
 * and index. Rejects with ReadPoolBusyError when a statement passes the search timeout
 * (SEARCH_STATEMENT_TIMEOUT_MS unless `timeoutMs` says otherwise).
 */
export async function searchArticlesPg(
  pool: pg.Pool,
  q: string,
  page: number,
  opts: { timeoutMs?: number } = {},
): Promise<SearchResult> {
  const terms = searchTerms(q)
  const pageNumber = Number.isInteger(page) && page >= 1 ? page : 1
  if (terms.length === 0 || pageNumber > MAX_SEARCH_PAGE) return EMPTY

  return withSearchClient(pool, opts.timeoutMs ?? SEARCH_STATEMENT_TIMEOUT_MS, async (client) => {
    const ranking = await getRanking(client, terms)
    const total = ranking.ids.length
    const shown = ranking.ids.slice((pageNumber - 1) * SEARCH_PAGE_SIZE, pageNumber * SEARCH_PAGE_SIZE)
    if (shown.length === 0) return { total, capped: ranking.capped, items: [] }
    const { rows } = await client.query<Row>(ROWS, [shown, tsqueryText(terms, '&'), HEADLINE_CHARS, HEADLINE_OPTIONS])
    const byId = new Map(rows.map((r) => [r.id, r]))
    const items = shown.flatMap((id): SearchResultItem[] => {
      // A story unpublished since the ranking was made is simply left out.
      const r = byId.get(id)
      if (!r) return []
      return [
        {
          id: r.id,
          title: r.title,
          slug: r.slug,
          pathMonth: r.path_month,
          publishedAt: new Date(r.published_at),
          excerpt: r.excerpt,
          isSponsored: r.is_sponsored,
          sponsorName: r.sponsor_name,
          authorName: r.author_name,
          authorSlug: r.author_slug,
          snippet: splitSnippet(r.snippet ?? ''),
        },
      ]
    })
    return { total, capped: ranking.capped, items }
  })
}
