import 'server-only'
import Database from 'better-sqlite3'
import { sql } from 'drizzle-orm'
import { getDb } from '@/db'

export const SEARCH_PAGE_SIZE = 20
/** Deeper pages would need large OFFSETs (bm25 order has no keyset); nobody reads page 51. */
export const MAX_SEARCH_PAGE = 50

const MAX_INPUT_CHARS = 200
const MAX_TOKENS = 8
const SNIPPET_TOKENS = 24
// Highlights are delimited with private-use characters rather than <b> tags, so no HTML is ever
// built from stored text. News copy does not use them; a stray one would only mis-mark text.
const HIT_OPEN = '\uE000'
const HIT_CLOSE = '\uE001'

// A token starts with a letter or digit and may carry combining marks, mirroring what the
// unicode61 tokenizer keeps. Everything else (quotes, *, ^, :, (, -, emoji, controls, RTL
// marks, private-use markers) is a separator, so no FTS5 syntax survives tokenizing.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu
// Bare upper-case keywords are operators only by position in FTS5 syntax. Quoted they would be
// harmless terms, but a reader typing `kopi AND teh` means the operator, and implicit AND is
// already what every query does, so they are dropped rather than searched for.
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR'])

/**
 * Turns any reader input into a MATCH expression that FTS5 cannot reject: every token is a
 * quoted FTS5 string, so operators, column filters and stray quotes are inert.
 *
 * Every token of two or more characters is a prefix query (`"pendid"*`): Indonesian builds words
 * with suffixes (-an, -kan, -nya), so a reader's stem should find its derived forms. One-character
 * tokens stay exact, or they would match a large part of the index. The `prefix='2 3'` index keeps
 * short prefixes cheap. Tokens are AND-ed (space-separated), de-duplicated, at most 8.
 *
 * Returns null when nothing searchable remains (empty input, only punctuation or emoji).
 */
export function buildMatchQuery(input: string): string | null {
  if (typeof input !== 'string') return null
  // Cap before normalising too: NFKC on megabytes of input would be wasted work.
  const text = input.slice(0, MAX_INPUT_CHARS * 4).normalize('NFKC').trim().slice(0, MAX_INPUT_CHARS)
  const tokens: string[] = []
  for (const [raw] of text.matchAll(TOKEN)) {
    if (OPERATORS.has(raw)) continue
    const token = raw.toLowerCase()
    if (tokens.includes(token)) continue
    tokens.push(token)
    if (tokens.length === MAX_TOKENS) break
  }
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

export type SearchResult = { total: number; items: SearchResultItem[] }

type Row = {
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
  snippet: string | null
}

const EMPTY: SearchResult = { total: 0, items: [] }
// What FTS5 says about a MATCH expression it cannot parse.
const FTS5_QUERY_ERROR = /^(fts5:|unterminated string|no such column|unknown special query)/

/**
 * Published articles matching a reader's query, best first: bm25 with the title weighted above
 * the excerpt above the body, newest first on ties. 20 per page; pages beyond MAX_SEARCH_PAGE,
 * and queries with nothing searchable, give an empty result.
 */
export function searchArticles(q: string, page: number): SearchResult {
  const match = buildMatchQuery(q)
  const pageNumber = Number.isInteger(page) && page >= 1 ? page : 1
  if (!match || pageNumber > MAX_SEARCH_PAGE) return EMPTY

  const db = getDb()
  const from = sql`
    FROM articles_fts
    JOIN articles a ON a.id = articles_fts.rowid
    JOIN users u ON u.id = a.author_id
    WHERE articles_fts MATCH ${match}
      AND a.status = 'published'
      AND a.published_at IS NOT NULL`

  try {
    // One read transaction, so the count and the page see the same snapshot.
    return db.transaction((tx) => {
      const count = tx.get<{ total: number }>(sql`SELECT count(*) AS total ${from}`)
      const total = count?.total ?? 0
      if (total === 0) return EMPTY
      const rows = tx.all<Row>(sql`
        SELECT a.id, a.title, a.slug, a.path_month, a.published_at, a.excerpt,
               a.is_sponsored, a.sponsor_name, u.name AS author_name, u.slug AS author_slug,
               snippet(articles_fts, 2, ${HIT_OPEN}, ${HIT_CLOSE}, '…', ${SNIPPET_TOKENS}) AS snippet
        ${from}
        ORDER BY bm25(articles_fts, 10, 4, 1), a.published_at DESC, a.id DESC
        LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${(pageNumber - 1) * SEARCH_PAGE_SIZE}`)
      return {
        total,
        items: rows.map((r) => ({
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
          snippet: splitSnippet(r.snippet ?? ''),
        })),
      }
    })
  } catch (error) {
    // Last line of defence: buildMatchQuery should make MATCH syntax errors impossible, so one
    // reaching here is a bug to fix, but a reader still gets "no results" rather than a 500.
    if (error instanceof Database.SqliteError && FTS5_QUERY_ERROR.test(error.message)) {
      console.error('searchArticles: FTS5 rejected a built MATCH expression', { match, message: error.message })
      return EMPTY
    }
    throw error
  }
}
