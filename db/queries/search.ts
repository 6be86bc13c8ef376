import 'server-only'
import { sql } from 'drizzle-orm'
import { getDb, getDialect, getPgPool } from '@/db'
import { queryRow, queryRows } from '@/db/dialect'
import { readBatch, ReadQueryError } from '@/db/read-pool'

/*
 * Full-text search with bounded work, whatever the input (docs/decisions/008-search-bound.md).
 * The index (drizzle/0007_search_bound.sql) is keyed newest first, so a search walks its newest
 * SEARCH_RESULT_CAP matches and stops, ranks only those, and counts no further: all terms in the
 * title, then in title or excerpt, then any term in the title, then the rest; newest first within
 * each. Snippets are made for the shown page only. Every statement runs on the read worker
 * (db/read-pool.ts), so even the worst input never stops the event loop. The ranked keys of
 * recent queries are kept per process until the index changes.
 */

export const SEARCH_PAGE_SIZE = 20
/** Ranked results per query. Past it a search reports "more than" instead of a count. */
export const SEARCH_RESULT_CAP = 1000
/** Pages of ranked results; deeper pages are empty. */
export const MAX_SEARCH_PAGE = SEARCH_RESULT_CAP / SEARCH_PAGE_SIZE

const MAX_INPUT_CHARS = 200
const MAX_TOKENS = 8
// The longest prefix index (prefix='2 3 4 5 6 7 8' in drizzle/0007): longer tokens are cut to it,
// so no query ever merges the doclists of every term that shares a prefix.
const MAX_PREFIX_CHARS = 8
const SNIPPET_TOKENS = 24
const RANKINGS_KEPT = 256
// Highlights are delimited with private-use characters rather than <b> tags, so no HTML is ever
// built from stored text. News copy does not use them; a stray one would only mis-mark text.
const HIT_OPEN = '\uE000'
const HIT_CLOSE = '\uE001'

// A token is a run of letters and digits: the characters the unicode61 tokenizer keeps by default
// (NFKC first composes accents with their letters). Everything else (quotes, *, ^, :, (, -,
// emoji, controls, RTL marks, stray combining marks, private-use markers) is a separator, so no
// FTS5 syntax survives, and no token is split again by FTS5 into a phrase, which an index without
// positions (detail=column) would refuse.
const TOKEN = /[\p{L}\p{N}]+/gu
// Bare upper-case keywords are operators only by position in FTS5 syntax. Quoted they would be
// harmless terms, but a reader typing `kopi AND teh` means the operator, and implicit AND is
// already what every query does, so they are dropped rather than searched for.
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR'])

/**
 * The search terms in reader input: runs of letters and digits, lower-cased, without FTS5
 * operator keywords and duplicates, at most 8, each cut to its first eight characters (the
 * longest prefix the index keeps: `pemerintahan` → `pemerint`). Empty when nothing searchable
 * remains (empty input, only punctuation or emoji).
 */
export function queryTokens(input: string): string[] {
  if (typeof input !== 'string') return []
  // Cap before normalising too: NFKC on megabytes of input would be wasted work.
  const text = input.slice(0, MAX_INPUT_CHARS * 4).normalize('NFKC').trim().slice(0, MAX_INPUT_CHARS)
  const tokens: string[] = []
  for (const [raw] of text.matchAll(TOKEN)) {
    if (OPERATORS.has(raw)) continue
    const token = [...raw.toLowerCase()].slice(0, MAX_PREFIX_CHARS).join('')
    if (tokens.includes(token)) continue
    tokens.push(token)
    if (tokens.length === MAX_TOKENS) break
  }
  return tokens
}

/**
 * Turns any reader input into a MATCH expression that FTS5 cannot reject: every token is a
 * quoted FTS5 string, so operators, column filters and stray quotes are inert.
 *
 * Every token of two or more characters is a prefix query (`"pendid"*`): Indonesian builds words
 * with suffixes (-an, -kan, -nya), so a reader's stem should find its derived forms. Tokens
 * longer than eight characters are cut to eight. One-character tokens stay exact, or they would
 * match a large part of the index. Tokens are AND-ed (space-separated), at most 8.
 *
 * Returns null when nothing searchable remains (empty input, only punctuation or emoji).
 */
export function buildMatchQuery(input: string): string | null {
  const tokens = queryTokens(input)
  if (tokens.length === 0) return null
  return tokens
    .map((token) => {
      // The TOKEN pattern admits no quote, but doubling keeps the quoting correct on its own.
      const quoted = `"${token.replaceAll('"', '""')}"`
      return [...token].length >= 2 ? `${quoted}*` : quoted
    })
    .join(' ')
}

export type SnippetSegment = { text: string; hit: boolean }

/** Splits a snippet() result at the hit markers, so pages render <mark> as elements, never as HTML. */
export function splitSnippet(raw: string): SnippetSegment[] {
  const segments: SnippetSegment[] = []
  let hit = false
  let text = ''
  const flush = () => {
    if (text) segments.push({ text, hit })
    text = ''
  }
  for (const ch of raw) {
    if (ch === HIT_OPEN || ch === HIT_CLOSE) {
      flush()
      hit = ch === HIT_OPEN
    } else {
      text += ch
    }
  }
  flush()
  // snippet() marks adjacent phrase tokens separately ("[kopi] [sawah]"); merge same-kind runs.
  return segments.reduce<SnippetSegment[]>((out, seg) => {
    const last = out.at(-1)
    if (last && last.hit === seg.hit) last.text += seg.text
    else out.push({ ...seg })
    return out
  }, [])
}

export type SearchResultItem = {
  id: number
  title: string
  slug: string
  pathMonth: string | null
  publishedAt: Date
  excerpt: string
  isSponsored: boolean
  sponsorName: string
  authorName: string
  authorSlug: string
  snippet: SnippetSegment[]
}

/**
 * `total` counts matches up to SEARCH_RESULT_CAP; `capped` says there are more than that
 * (the page then says "more than 1,000"), and only the newest SEARCH_RESULT_CAP are ranked.
 */
export type SearchResult = { total: number; capped: boolean; items: SearchResultItem[] }

type Row = {
  key: number
  id: number
  title: string
  slug: string
  path_month: string | null
  published_at: number
  excerpt: string
  is_sponsored: number
  sponsor_name: string
  author_name: string
  author_slug: string
}

/** Search keys of the matches, ranked, and the index version they were ranked against. */
type Ranking = { version: number; keys: number[]; capped: boolean }

const EMPTY: SearchResult = { total: 0, capped: false, items: [] }
// What FTS5 says about a MATCH expression it cannot parse.
const FTS5_QUERY_ERROR = /^(fts5:|unterminated string|no such column|unknown special query)/

// Ascending search keys are newest first, so LIMIT keeps the newest matches and stops the walk.
const WALK = 'SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid LIMIT ?'
// CROSS JOIN fixes the loop order in these two: the planner would otherwise walk every
// published article (or every match) and look each up in the list of keys.
const ROWS = `
  SELECT k.key, a.id, a.title, a.slug, a.path_month, a.published_at, a.excerpt, a.is_sponsored,
         a.sponsor_name, u.name AS author_name, u.slug AS author_slug
  FROM json_each(?) j
  CROSS JOIN article_search_keys k ON k.key = j.value
  CROSS JOIN articles a ON a.id = k.article_id
  CROSS JOIN users u ON u.id = a.author_id
  WHERE a.status = 'published' AND a.published_at IS NOT NULL`
// One rowid lookup per shown result, so snippets are made for those rows only.
const SNIPPETS = `
  SELECT f.rowid AS key, snippet(articles_fts, 2, ?, ?, '…', ${SNIPPET_TOKENS}) AS snippet
  FROM json_each(?) j
  CROSS JOIN articles_fts f ON f.rowid = j.value
  WHERE articles_fts MATCH ?`

// Insertion order is recency of use: a hit moves its entry to the end, the oldest is evicted.
const rankings = new Map<string, Ranking>()

async function getIndexVersion(): Promise<number> {
  const row = await queryRow<{ version: number }>(getDb(), sql`SELECT version FROM search_index_state WHERE id = 1`)
  return row?.version ?? 0
}

/**
 * The newest SEARCH_RESULT_CAP + 1 matches (the extra one only says there are more), and, by the
 * same walk with a column filter, the newest matches in the title, in title or excerpt, and (for
 * several terms) of any term in the title. Each walk stops at SEARCH_RESULT_CAP rows: the window's
 * matches of a tier are the first of that tier's walk. One round trip to the worker.
 */
async function rank(match: string, version: number): Promise<Ranking> {
  const phrases = match.split(' ')
  const tiers = [`{title} : (${match})`, `{title excerpt} : (${match})`]
  if (phrases.length > 1) tiers.push(`{title} : (${phrases.join(' OR ')})`)
  const [walked, ...inTier] = (await readBatch([
    { sql: WALK, params: [match, SEARCH_RESULT_CAP + 1], pluck: true },
    ...tiers.map((tier) => ({ sql: WALK, params: [tier, SEARCH_RESULT_CAP], pluck: true })),
  ])) as number[][]
  const capped = walked!.length > SEARCH_RESULT_CAP
  const keys = walked!.slice(0, SEARCH_RESULT_CAP)
  const tierOf = new Map<number, number>()
  inTier.forEach((tierKeys, tier) => {
    for (const key of tierKeys) if (!tierOf.has(key)) tierOf.set(key, tier)
  })
  // A stable sort keeps each tier newest first; the rest (body only) come last.
  keys.sort((a, b) => (tierOf.get(a) ?? tiers.length) - (tierOf.get(b) ?? tiers.length))
  return { version, keys, capped }
}

async function getRanking(match: string): Promise<Ranking> {
  const version = await getIndexVersion()
  const kept = rankings.get(match)
  if (kept) rankings.delete(match)
  // A ranking made against another version of the index may miss or misplace changed stories.
  const ranking = kept && kept.version === version ? kept : await rank(match, version)
  rankings.set(match, ranking)
  if (rankings.size > RANKINGS_KEPT) rankings.delete(rankings.keys().next().value!)
  return ranking
}

/**
 * Published articles matching a reader's query, best first: all terms in the title, then in the
 * title or excerpt, then any term in the title, then matches in the body, newest first within
 * each; among the newest SEARCH_RESULT_CAP matches only. 20 per page; pages beyond
 * MAX_SEARCH_PAGE, and queries with nothing searchable, give an empty result. The work runs on
 * the read worker; rejects with ReadPoolBusyError when too many searches are waiting.
 */
export async function searchArticles(q: string, page: number): Promise<SearchResult> {
  // PostgreSQL: the same contract on article_search (db/pg/search.ts), loaded only there.
  if (getDialect() === 'postgres') {
    const { searchArticlesPg } = await import('@/db/pg/search')
    return searchArticlesPg(getPgPool(), q, page)
  }
  const match = buildMatchQuery(q)
  const pageNumber = Number.isInteger(page) && page >= 1 ? page : 1
  if (!match || pageNumber > MAX_SEARCH_PAGE) return EMPTY

  try {
    const ranking = await getRanking(match)
    const total = ranking.keys.length
    const shown = ranking.keys.slice((pageNumber - 1) * SEARCH_PAGE_SIZE, pageNumber * SEARCH_PAGE_SIZE)
    if (shown.length === 0) return { total, capped: ranking.capped, items: [] }

    const keys = JSON.stringify(shown)
    const [rows, snippets] = (await readBatch([
      { sql: ROWS, params: [keys] },
      { sql: SNIPPETS, params: [HIT_OPEN, HIT_CLOSE, keys, match] },
    ])) as [Row[], Array<{ key: number; snippet: string | null }>]
    const byKey = new Map(rows.map((r) => [r.key, r]))
    const snippetOf = new Map(snippets.map((s) => [s.key, s.snippet]))
    const items = shown.flatMap((key) => {
      // A story unpublished since the ranking was made is simply left out.
      const r = byKey.get(key)
      if (!r) return []
      return [
        {
          id: r.id,
          title: r.title,
          slug: r.slug,
          pathMonth: r.path_month,
          publishedAt: new Date(r.published_at),
          excerpt: r.excerpt,
          isSponsored: r.is_sponsored === 1,
          sponsorName: r.sponsor_name,
          authorName: r.author_name,
          authorSlug: r.author_slug,
          snippet: splitSnippet(snippetOf.get(key) ?? ''),
        },
      ]
    })
    return { total, capped: ranking.capped, items }
  } catch (error) {
    // Last line of defence: buildMatchQuery should make MATCH syntax errors impossible, so one
    // reaching here is a bug to fix, but a reader still gets "no results" rather than a 500.
    if (error instanceof ReadQueryError && FTS5_QUERY_ERROR.test(error.message)) {
      console.error('searchArticles: FTS5 rejected a built MATCH expression', { match, message: error.message })
      return EMPTY
    }
    throw error
  }
}
