import type { LabelMergeBasis } from '@/db/schema'
import { labelKey } from './key'

/*
 * Finds labels that look like duplicates of each other ("Kab. Koto Alai" and "Kabupaten Koto
 * Alai", "Pesbarda" and "Pesisir Barat Daya"), for the labels screen to offer as merges. Pure:
 * no database, so the importer's report and the suggestions table share it.
 *
 * Regional newsrooms keep many labels that differ by one word on purpose ("Kota Solok",
 * "Kabupaten Solok", "Pemko Solok", "Polres Solok"), so every rule errs towards silence: an
 * editor can merge what we miss by hand, but a wrong suggestion invites a wrong merge.
 *
 * Speed: candidate pairs come only from hash buckets (equal normalised keys, one-deletion
 * typo keys, word-prefix keys, acronym keys), never from comparing every pair.
 */

export type LabelForSimilarity = { id: number; name: string; posts: number }
export type DuplicateGroup = { targetId: number; members: Array<{ id: number; basis: LabelMergeBasis }> }

/** Newsroom abbreviations and their full forms, compared word by word after lower-casing. */
const ABBREVIATIONS: Record<string, string> = {
  kab: 'kabupaten',
  kec: 'kecamatan',
  kel: 'kelurahan',
  prov: 'provinsi',
  dt: 'datuk',
  st: 'sutan',
  hj: 'hajjah',
  pemkab: 'pemerintah kabupaten',
  pemko: 'pemerintah kota',
  pemkot: 'pemerintah kota',
  pemprov: 'pemerintah provinsi',
  pemda: 'pemerintah daerah',
  pemdes: 'pemerintah desa',
  kemenag: 'kementerian agama',
  kemenkes: 'kementerian kesehatan',
  dprd: 'dewan perwakilan rakyat daerah',
  kpu: 'komisi pemilihan umum',
  bpbd: 'badan penanggulangan bencana daerah',
  kejari: 'kejaksaan negeri',
  kejati: 'kejaksaan tinggi',
  pn: 'pengadilan negeri',
  rsud: 'rumah sakit umum daerah',
  rs: 'rumah sakit',
  univ: 'universitas',
  jl: 'jalan',
  sekda: 'sekretaris daerah',
  wako: 'wali kota',
  walkot: 'wali kota',
  wawako: 'wakil wali kota',
  wabup: 'wakil bupati',
  gub: 'gubernur',
  wagub: 'wakil gubernur',
  kadis: 'kepala dinas',
  dinkes: 'dinas kesehatan',
  disdik: 'dinas pendidikan',
  pilkada: 'pemilihan kepala daerah',
  pemilu: 'pemilihan umum',
  hut: 'hari ulang tahun',
  '&': 'dan',
}

/** Legal-entity words: "PT Semen Andalas Raya" and "Semen Andalas Raya" name one company. */
const LEGAL_FORMS = new Set(['pt', 'cv', 'tbk', 'persero'])

/**
 * Words a complete name does not end on: titles wait for a name ("Lanud Datuk" is cut short),
 * connectors for another word, government prefixes for a place. "Kota Padang" is not a
 * truncation of "Kota Padang Panjang": they are two cities.
 */
const INCOMPLETE_ENDINGS = new Set([
  ...['datuk', 'dt', 'sutan', 'st', 'haji', 'h', 'hj', 'tuanku', 'bagindo', 'sultan', 'teuku', 'tengku', 'andi', 'syekh', 'buya'],
  ...['dr', 'ir', 'prof', 'drs', 'kh', 'inyiak', 'angku'],
  ...['dan', '&', 'di', 'ke', 'dari', 'untuk', 'yang', 'atas', 'bin', 'binti', 'of', 'and', 'the'],
  // Abbreviated prefixes only: a full word can end a name ("Dana Desa", "Berita Kabupaten").
  ...['pemko', 'pemkot', 'pemkab', 'pemprov', 'pemda', 'kab', 'kec', 'kel', 'prov'],
  ...['polres', 'polresta', 'polsek', 'polda', 'kodim', 'korem', 'dprd', 'kejari', 'kejati'],
])

/**
 * Real words that sit one letter apart from each other in label names ("Koto"/"Kota",
 * "Pemko"/"Pemkot"): two of them differing is never taken for a typo.
 */
const VOCABULARY = new Set([
  ...Object.keys(ABBREVIATIONS),
  ...Object.values(ABBREVIATIONS).flatMap((v) => v.split(' ')),
  ...['kota', 'koto', 'kabupaten', 'nagari', 'desa', 'jorong', 'dusun', 'kampung', 'pasar', 'batang', 'bukit', 'tanah', 'pulau'],
  ...['polres', 'polresta', 'polda', 'polsek', 'kodim', 'korem', 'lanud', 'lantamal', 'dpr', 'dpd', 'bawaslu', 'dinas', 'badan'],
  ...['kantor', 'camat', 'bupati', 'gubernur', 'presiden', 'menteri', 'utara', 'selatan', 'barat', 'timur', 'tengah', 'raya'],
  ...['berita', 'opini', 'olahraga', 'ekonomi', 'politik', 'hukum', 'kriminal', 'nasional', 'internasional', 'pendidikan'],
  ...['kesehatan', 'agama', 'budaya', 'wisata', 'pariwisata', 'sosial', 'daerah', 'lokal', 'bisnis', 'teknologi', 'hiburan'],
])

type Prepared = {
  id: number
  name: string
  posts: number
  /** labelKey(name) */
  key: string
  /** key without spaces: "Tanahluhak" = "Tanah Luhak" */
  spaceless: string
  /** words without punctuation and legal forms */
  plain: string[]
  plainKey: string
  /** plain words with abbreviations written out */
  expanded: string[]
  expandedKey: string
  words: number
  punctuation: number
  /** 0 mixed case ("Koto Alai"), 1 all upper or all lower */
  caseRank: number
  /** the name has whitespace that labelKey would collapse or trim */
  oddSpacing: boolean
}

type Edge = { basis: LabelMergeBasis; lesser: number | null; weak: boolean }

const NON_WORD = /[^\p{L}\p{N}&]+/gu
const PUNCTUATION = /[^\p{L}\p{N}\s]/gu
const HAS_DIGIT = /\p{N}/u

function words(key: string): string[] {
  return key
    .replace(NON_WORD, ' ')
    .replace(/&/g, ' & ')
    .split(' ')
    .filter(Boolean)
}

function dropLegalForms(tokens: string[]): string[] {
  const kept = tokens.filter((w) => !LEGAL_FORMS.has(w))
  return kept.length > 0 ? kept : tokens
}

function prepare(label: LabelForSimilarity): Prepared {
  const key = labelKey(label.name)
  const all = words(key)
  const plain = dropLegalForms(all.filter((w) => w !== '&'))
  const expanded = dropLegalForms(all.flatMap((w) => (ABBREVIATIONS[w] ?? w).split(' ')))
  const spaced = label.name.normalize('NFKC')
  return {
    id: label.id,
    name: label.name,
    posts: label.posts,
    key,
    spaceless: key.replace(/ /g, ''),
    plain,
    plainKey: plain.join(''),
    expanded,
    expandedKey: expanded.join(''),
    words: all.length,
    punctuation: (key.match(PUNCTUATION) ?? []).length,
    caseRank: spaced === spaced.toUpperCase() || spaced === spaced.toLowerCase() ? 1 : 0,
    oddSpacing: spaced !== spaced.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim(),
  }
}

/** Optimal-string-alignment distance, stopping early once it exceeds `max`. */
function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev2: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1)
      cur.push(d)
      if (d < rowMin) rowMin = d
    }
    if (rowMin > max) return max + 1
    prev2 = prev
    prev = cur
  }
  return prev[b.length]!
}

/**
 * Is `acronym` the initials of `run` ("pdam"), or one prefix of at least two letters of each
 * word, in order ("pes|bar|da")? Mixed cuts ("ba|p|pe|da") are left out: too many short words
 * can be read that way by chance.
 */
function isSyllabicAcronym(acronym: string, run: string[]): boolean {
  if (acronym.length >= run.join('').length) return false
  if (acronym.length === run.length) return run.every((w, i) => w[0] === acronym[i])
  const fits = (at: number, word: number): boolean => {
    if (word === run.length) return at === acronym.length
    const w = run[word]!
    const left = acronym.length - at - 2 * (run.length - word - 1)
    for (let n = Math.min(w.length, left); n >= 2; n--) {
      if (acronym.startsWith(w.slice(0, n), at) && fits(at + n, word + 1)) return true
    }
    return false
  }
  return fits(0, 0)
}

/** A word one letter off another, where neither looks like a real word of its own. */
function isTypoPair(a: string, b: string, docFreq: Map<string, number>): boolean {
  if (Math.min(a.length, b.length) < 4 || HAS_DIGIT.test(a) || HAS_DIGIT.test(b)) return false
  if (VOCABULARY.has(a) && VOCABULARY.has(b)) return false
  // Both spellings used across several labels: two real words ("Batang"/"Batam"), not a slip.
  if ((docFreq.get(a) ?? 0) > 1 && (docFreq.get(b) ?? 0) > 1) return false
  return editDistance(a, b, 1) === 1
}

function isTypo(a: Prepared, b: Prepared, docFreq: Map<string, number>): boolean {
  if (a.plain.length !== b.plain.length) return false
  let differing = -1
  for (let i = 0; i < a.plain.length; i++) {
    if (a.plain[i] === b.plain[i]) continue
    if (differing >= 0) return false
    differing = i
  }
  return differing >= 0 && isTypoPair(a.plain[differing]!, b.plain[differing]!, docFreq)
}

/** `short` is a word-prefix of `long` (two words or more) that stops on a word that cannot end a name. */
function isTruncation(short: Prepared, long: Prepared): boolean {
  const n = short.expanded.length
  if (n < 2 || n >= long.expanded.length) return false
  if (!INCOMPLETE_ENDINGS.has(short.plain.at(-1)!)) return false
  return short.expanded.every((w, i) => long.expanded[i] === w)
}

/** One word of `short` stands for two or more consecutive words of `long`, the rest equal. */
function isAcronymOf(short: Prepared, long: Prepared): boolean {
  const a = short.expanded
  const b = long.expanded
  const span = b.length - a.length + 1
  if (span < 2) return false
  for (let p = 0; p < a.length; p++) {
    const w = a[p]!
    if (w.length < 3 || HAS_DIGIT.test(w) || VOCABULARY.has(w)) continue
    if (a.slice(0, p).some((x, i) => x !== b[i])) break
    if (a.slice(p + 1).some((x, i) => x !== b[p + span + i])) continue
    if (isSyllabicAcronym(w, b.slice(p, p + span))) return true
  }
  return false
}

function caseOrWhitespace(a: Prepared, b: Prepared): Edge {
  const norm = (s: string) => s.normalize('NFKC').replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim()
  if (norm(a.name) === norm(b.name)) {
    return { basis: 'whitespace', lesser: a.oddSpacing === b.oddSpacing ? null : a.oddSpacing ? a.id : b.id, weak: false }
  }
  return { basis: 'case', lesser: a.caseRank === b.caseRank ? null : a.caseRank > b.caseRank ? a.id : b.id, weak: false }
}

/** How two labels are the same one, and which is the lesser (abbreviated, cut, messier) form. */
function relate(a: Prepared, b: Prepared, docFreq: Map<string, number>): Edge | null {
  const lesserBy = (sa: number, sb: number) => (sa === sb ? null : sa < sb ? a.id : b.id)
  if (a.key === b.key) return caseOrWhitespace(a, b)
  const spacesA = a.key.length - a.spaceless.length
  const spacesB = b.key.length - b.spaceless.length
  if (a.spaceless === b.spaceless) return { basis: 'spacing', lesser: lesserBy(spacesA, spacesB), weak: false }
  if (!a.plainKey || !b.plainKey) return null
  if (a.plainKey === b.plainKey) {
    const lesser = lesserBy(-a.punctuation, -b.punctuation) ?? lesserBy(a.words, b.words)
    return { basis: 'punctuation', lesser, weak: false }
  }
  if (a.expandedKey === b.expandedKey) return { basis: 'abbreviation', lesser: lesserBy(a.plainKey.length, b.plainKey.length), weak: false }
  if (isTypo(a, b, docFreq)) return { basis: 'typo', lesser: null, weak: false }
  if (isAcronymOf(a, b)) return { basis: 'abbreviation', lesser: a.id, weak: true }
  if (isAcronymOf(b, a)) return { basis: 'abbreviation', lesser: b.id, weak: true }
  if (isTruncation(a, b)) return { basis: 'truncation', lesser: a.id, weak: true }
  if (isTruncation(b, a)) return { basis: 'truncation', lesser: b.id, weak: true }
  return null
}

/** Pairs of indexes worth comparing, from hash buckets. */
function candidatePairs(labels: Prepared[]): Array<[number, number]> {
  const seen = new Set<number>()
  const pairs: Array<[number, number]> = []
  const add = (i: number, j: number) => {
    if (i === j) return
    const [lo, hi] = i < j ? [i, j] : [j, i]
    const code = lo * labels.length + hi
    if (seen.has(code)) return
    seen.add(code)
    pairs.push([lo, hi])
  }
  // Most keys belong to one label: hold a bare index until a second one arrives.
  const buckets = new Map<string, number | number[]>()
  const put = (key: string, i: number) => {
    const held = buckets.get(key)
    if (held === undefined) buckets.set(key, i)
    else if (typeof held === 'number') buckets.set(key, [held, i])
    else held.push(i)
  }
  // Only one side's keys in these maps: the other side looks them up.
  const byExpanded = new Map<string, number[]>()
  const acronyms = new Map<string, number[]>()
  const rests = new Map<string, number>()
  const push = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key)
    if (list) list.push(i)
    else map.set(key, [i])
  }

  labels.forEach((l, i) => {
    put(`k:${l.key}`, i)
    put(`s:${l.spaceless}`, i)
    // A name of punctuation alone ("...", "-") is like no other label.
    if (l.plainKey) put(`p:${l.plainKey}`, i)
    if (l.expandedKey) put(`e:${l.expandedKey}`, i)
    // Typos: one word one deletion away (symmetric deletes; deleting the same letter from two
    // spellings with neighbours swapped gives one string too). The rest of the label is interned
    // to a number so the many keys stay short.
    l.plain.forEach((w, p) => {
      if (w.length < 4 || HAS_DIGIT.test(w)) return
      const rest = `${l.plain.slice(0, p).join(' ')}|${l.plain.slice(p + 1).join(' ')}`
      let restId = rests.get(rest)
      if (restId === undefined) rests.set(rest, (restId = rests.size))
      const head = `t${restId}:`
      put(head + w, i)
      for (let c = 0; c < w.length; c++) if (w[c] !== w[c - 1]) put(head + w.slice(0, c) + w.slice(c + 1), i)
    })
    if (l.expanded.length >= 2) push(byExpanded, l.expanded.join(' '), i)
    l.expanded.forEach((w, p) => {
      if (w.length >= 3 && !HAS_DIGIT.test(w) && !VOCABULARY.has(w)) push(acronyms, `${l.expanded.slice(0, p).join(' ')}|${w.slice(0, 2)}|${l.expanded.slice(p + 1).join(' ')}`, i)
    })
  })

  for (const list of buckets.values()) {
    if (typeof list === 'number') continue
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) add(list[x]!, list[y]!)
  }
  labels.forEach((l, i) => {
    const e = l.expanded
    for (let n = 2; n < e.length; n++) for (const j of byExpanded.get(e.slice(0, n).join(' ')) ?? []) add(i, j)
    // A run of 2–6 words that an acronym could stand for: keyed by what the acronym starts with.
    for (let start = 0; start + 1 < e.length; start++) {
      const before = e.slice(0, start).join(' ')
      const heads = new Set([e[start]!.slice(0, 2), e[start]![0]! + e[start + 1]![0]!])
      for (let end = start + 2; end <= Math.min(e.length, start + 6); end++) {
        const after = e.slice(end).join(' ')
        for (const head of heads) for (const j of acronyms.get(`${before}|${head}|${after}`) ?? []) add(i, j)
      }
    }
  })
  return pairs
}

class UnionFind {
  private parent: Int32Array
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i)
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!
      i = this.parent[i]!
    }
    return i
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b)
  }
}

/**
 * Groups of labels that look like one label, each with the label to keep (`targetId`) and
 * how each other member differs from it. Labels equal after labelKey() are grouped too
 * (basis case/whitespace), though the importer has usually folded those already.
 *
 * The target has the most posts; on a tie the full form (not abbreviated, cut short or
 * punctuated), then the spelling closest to the others, more words, less punctuation, words
 * used elsewhere, A–Z. Every member matches the target directly: chains of near-misses
 * ("A"~"B"~"C") never pull in a label unlike the target.
 */
export function findDuplicateLabels(input: LabelForSimilarity[]): DuplicateGroup[] {
  const labels = input.map(prepare)
  const docFreq = new Map<string, number>()
  for (const l of labels) for (const w of new Set(l.plain)) docFreq.set(w, (docFreq.get(w) ?? 0) + 1)

  const edges = new Map<number, Map<number, Edge>>()
  const link = (i: number, j: number, edge: Edge) => {
    if (!edges.has(i)) edges.set(i, new Map())
    if (!edges.has(j)) edges.set(j, new Map())
    edges.get(i)!.set(j, edge)
    edges.get(j)!.set(i, edge)
  }
  const strong = new UnionFind(labels.length)
  const weak: Array<[number, number, Edge]> = []
  for (const [i, j] of candidatePairs(labels)) {
    const edge = relate(labels[i]!, labels[j]!, docFreq)
    if (!edge) continue
    if (edge.weak) weak.push([i, j, edge])
    else {
      link(i, j, edge)
      strong.union(i, j)
    }
  }
  // An acronym or a cut-short name that fits two different labels is ambiguous: offer neither.
  const fuller = new Map<number, Set<number>>()
  for (const [i, j, edge] of weak) {
    const [short, long] = labels[i]!.id === edge.lesser ? [i, j] : [j, i]
    if (!fuller.has(short)) fuller.set(short, new Set())
    fuller.get(short)!.add(strong.find(long))
  }
  const all = new UnionFind(labels.length)
  for (const [i, m] of edges) for (const j of m.keys()) all.union(i, j)
  for (const [i, j, edge] of weak) {
    const short = labels[i]!.id === edge.lesser ? i : j
    if (fuller.get(short)!.size > 1) continue
    link(i, j, edge)
    all.union(i, j)
  }

  const components = new Map<number, number[]>()
  for (const i of edges.keys()) {
    const root = all.find(i)
    const list = components.get(root)
    if (list) list.push(i)
    else components.set(root, [i])
  }

  const groups: DuplicateGroup[] = []
  const cluster = (members: number[]) => {
    if (members.length < 2) return
    const inSet = new Set(members)
    const target = pickTarget(members, labels, edges, docFreq)
    const direct = members.filter((i) => i !== target && edges.get(target)?.has(i))
    if (direct.length > 0) {
      groups.push({
        targetId: labels[target]!.id,
        members: direct
          .sort((x, y) => labels[y]!.posts - labels[x]!.posts || compareText(labels[x]!.name, labels[y]!.name))
          .map((i) => ({ id: labels[i]!.id, basis: edges.get(target)!.get(i)!.basis })),
      })
    }
    inSet.delete(target)
    for (const i of direct) inSet.delete(i)
    // What is left may still hold duplicates of each other (not of this target).
    const parts: number[][] = []
    for (const start of inSet) {
      const part = [start]
      inSet.delete(start)
      for (let k = 0; k < part.length; k++) {
        for (const j of edges.get(part[k]!)?.keys() ?? []) {
          if (inSet.delete(j)) part.push(j)
        }
      }
      parts.push(part)
    }
    for (const part of parts) cluster(part)
  }
  for (const members of components.values()) cluster(members)
  return groups.sort((a, b) => a.targetId - b.targetId)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Past this size a component is compared without the O(n²) closeness step. */
const CLOSENESS_LIMIT = 50

function pickTarget(members: number[], labels: Prepared[], edges: Map<number, Map<number, Edge>>, docFreq: Map<string, number>): number {
  const inSet = new Set(members)
  const score = new Map(
    members.map((i) => {
      const l = labels[i]!
      const isLesser = [...(edges.get(i) ?? [])].some(([j, e]) => inSet.has(j) && e.lesser === l.id)
      const distance =
        members.length > CLOSENESS_LIMIT
          ? 0
          : members.reduce((sum, j) => (j === i ? sum : sum + editDistance(l.expandedKey, labels[j]!.expandedKey)), 0)
      // Known words, or words other labels spell the same way: "Alam" over "Alaam".
      const familiar = l.plain.filter((w) => VOCABULARY.has(w) || (docFreq.get(w) ?? 0) > 1).length
      return [i, { isLesser, distance, familiar }]
    }),
  )
  return members.reduce((best, i) => {
    const a = labels[i]!
    const b = labels[best]!
    const sa = score.get(i)!
    const sb = score.get(best)!
    const order =
      b.posts - a.posts ||
      Number(sa.isLesser) - Number(sb.isLesser) ||
      sa.distance - sb.distance ||
      b.words - a.words ||
      a.punctuation - b.punctuation ||
      sb.familiar - sa.familiar ||
      compareText(a.key, b.key) ||
      compareText(a.name, b.name) ||
      a.id - b.id
    return order < 0 ? i : best
  })
}
