/*
 * Cleans markup pasted from Microsoft Word and Google Docs before the allow-list sanitizer
 * sees it. The sanitizer alone keeps the text but gets the formatting wrong: Google Docs
 * wraps a whole paste in <b style="font-weight:normal">, so everything would turn bold, and
 * marks bold/italic with styled <span>s, which would be lost with the style attribute;
 * Word sends its list bullets as text in <span style="mso-list:Ignore"> and spaces layouts
 * with runs of &nbsp; and empty paragraphs.
 *
 * Runs in the browser (the editor's paste handler) and on the server (every save), so it is
 * dependency-free string work over a small tokenizer. It is NOT a sanitizer: its output still
 * goes through sanitizeArticleHtml().
 */

import { forwardIndexOf, isSpaceCode, skipSpaces } from './scan'

/*
 * Every pattern here runs on whatever a contributor pastes or saves, so each one is linear
 * (issue 10, finding 3: one quadratic pattern let a 50,000-space autosave hold the server for
 * 14 s). The tokenizer and the whole-string passes below are small scanners instead of the
 * backtracking patterns they replace, with the same results.
 */

const LT = 0x3c
const GT = 0x3e
const SLASH = 0x2f
const EQUALS = 0x3d
const DQUOTE = 0x22
const SQUOTE = 0x27

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
// [\w:.-]: the rest of a tag name.
const isTagNameCode = (c: number) => isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x3a || c === 0x2e || c === 0x2d
// [^\s"'>\/=]: an attribute name.
const isAttrNameCode = (c: number) => !isSpaceCode(c) && c !== DQUOTE && c !== SQUOTE && c !== GT && c !== SLASH && c !== EQUALS
// [^\s"'>]: an unquoted attribute value.
const isBareValueCode = (c: number) => !isSpaceCode(c) && c !== DQUOTE && c !== SQUOTE && c !== GT

/**
 * Splits HTML into comments and declarations, tags, text and stray "<"s: the tokens of
 *   <!--…(-->|end) | <![…]> | <!…> | <tag attr=value …> | text | <
 * where a tag is <\/?[a-zA-Z][\w:.-]* followed by attributes (name, name=value, "value" or
 * 'value') each after white space, "/"s, and a ">". Anything else starting with "<" is a stray "<".
 *
 * A "<" whose attributes run to the end without a ">" is a stray "<", and so would be every
 * "<" inside those attributes: the positions already found to lead nowhere are remembered, so
 * no stretch of the input is read more than a few times.
 */
function* htmlTokens(html: string): Generator<{ token: string; index: number }> {
  const n = html.length
  const commentEnd = forwardIndexOf(html, '-->')
  const sectionEnd = forwardIndexOf(html, ']>')
  const declarationEnd = forwardIndexOf(html, '>')
  // Positions between attributes from which no ">" can be reached.
  const deadEnd = new Uint8Array(n + 1)

  const attributesEnd = (start: number): number => {
    const visited: number[] = []
    let p = start
    let end = -1
    for (;;) {
      if (deadEnd[p]) break
      visited.push(p)
      const q = skipSpaces(html, p)
      if (q >= n) break
      const c = html.charCodeAt(q)
      if (c === GT) {
        end = q + 1
        break
      }
      if (c === SLASH) {
        p = q + 1
        continue
      }
      // An attribute needs white space before it.
      if (q === p || !isAttrNameCode(c)) break
      let r = q + 1
      while (r < n && isAttrNameCode(html.charCodeAt(r))) r++
      const eq = skipSpaces(html, r)
      if (eq >= n || html.charCodeAt(eq) !== EQUALS) {
        p = r
        continue
      }
      const v = skipSpaces(html, eq + 1)
      if (v >= n) break
      const quote = html.charCodeAt(v)
      if (quote === DQUOTE || quote === SQUOTE) {
        const close = html.indexOf(quote === DQUOTE ? '"' : "'", v + 1)
        if (close < 0) break
        p = close + 1
      } else if (isBareValueCode(quote)) {
        let t = v + 1
        while (t < n && isBareValueCode(html.charCodeAt(t))) t++
        p = t
      } else break
    }
    if (end < 0) for (const v of visited) deadEnd[v] = 1
    return end
  }

  const tagEnd = (at: number): number => {
    let p = at + 1
    if (html.charCodeAt(p) === SLASH) p++
    if (p >= n || !isAsciiLetter(html.charCodeAt(p))) return -1
    p++
    while (p < n && isTagNameCode(html.charCodeAt(p))) p++
    return attributesEnd(p)
  }

  let i = 0
  while (i < n) {
    let end: number
    if (html.charCodeAt(i) !== LT) {
      const next = html.indexOf('<', i)
      end = next < 0 ? n : next
    } else if (html.startsWith('<!--', i)) {
      const close = commentEnd(i + 4)
      end = close < 0 ? n : close + 3
    } else if (html.startsWith('<!', i)) {
      const close = html.charCodeAt(i + 2) === 0x5b ? sectionEnd(i + 3) : -1
      if (close >= 0) end = close + 2
      else {
        const gt = declarationEnd(i + 2)
        end = gt < 0 ? i + 1 : gt + 1
      }
    } else {
      const close = tagEnd(i)
      end = close < 0 ? i + 1 : close
    }
    yield { token: html.slice(i, end), index: i }
    i = end
  }
}

const TAG = /^<(\/?)([a-zA-Z][\w:.-]*)([\s\S]*?)(\/?)>$/
const ATTR = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g

// Elements dropped with everything inside them.
const DROP_WITH_CONTENT = new Set(['style', 'script', 'xml', 'head', 'title', 'o:p', 'template'])
// Office namespaces: VML drawings (v:) and Office spacing (o:) go with their content; other
// namespaced wrappers (w:Sdt, st1: smart tags, m:) are unwrapped so their text survives.
const DROP_NAMESPACES = ['v:', 'o:']
// Void elements that carry only document metadata.
const DROP_VOID = new Set(['meta', 'link', 'base'])
// Presentation-only wrappers whose content is kept.
const UNWRAP = new Set(['font', 'html', 'body'])
// Attributes that only carry the source program's styling or bookkeeping.
const DROP_ATTRS = new Set(['class', 'style', 'lang', 'id', 'dir', 'align', 'valign', 'face', 'color', 'size', 'role', 'aria-level'])
const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'base', 'input', 'col', 'area', 'source', 'wbr'])

type Attrs = Map<string, string>

function parseAttrs(raw: string): Attrs {
  const out: Attrs = new Map()
  if (raw.length === 0) return out
  for (const m of raw.matchAll(ATTR)) out.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '')
  return out
}

const NO_STYLE: ReadonlyMap<string, string> = new Map()

function styleOf(attrs: Attrs): ReadonlyMap<string, string> {
  const style = attrs.get('style')
  if (!style) return NO_STYLE
  const out = new Map<string, string>()
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':')
    if (i > 0) out.set(decl.slice(0, i).trim().toLowerCase(), decl.slice(i + 1).trim().toLowerCase())
  }
  return out
}

function isBoldWeight(value: string | undefined): boolean {
  if (!value) return false
  if (value === 'bold' || value === 'bolder') return true
  const n = Number.parseInt(value, 10)
  return Number.isFinite(n) && n >= 600
}

function serializeTag(name: string, attrs: Attrs, selfClosing: boolean): string {
  let out = `<${name}`
  for (const [key, value] of attrs) {
    // A "<" inside an attribute is left out or written as &lt;: every "<" in the result then
    // starts a tag, which keeps the passes over the whole result linear.
    if (DROP_ATTRS.has(key) || key.startsWith('xmlns') || key.includes(':') || key.includes('<')) continue
    out += value === '' && !['alt', 'href', 'src', 'title'].includes(key) ? ` ${key}` : ` ${key}="${value.replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`
  }
  return `${out}${selfClosing ? ' /' : ''}>`
}

// The &nbsp; forms Word and Docs write, and the white space collapsed with them.
const NBSP_FORMS = new Set(['&nbsp;', '&#160;', '&#xa0;'])
const isRunSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a

/** Length of the &nbsp; (an entity in any case, or the character) at `i`, or 0. */
function nbspAt(s: string, i: number): number {
  const c = s.charCodeAt(i)
  if (c === 0xa0) return 1
  return c === 0x26 && NBSP_FORMS.has(s.slice(i, i + 6).toLowerCase()) ? 6 : 0
}

/**
 * Collapses each run of spaces, tabs, line breaks and &nbsp;s that holds two &nbsp;s, or one
 * next to white space, into a single space; a lone &nbsp; between words stays. (The pattern
 * this replaces re-read a run from each of its positions: quadratic in the run's length.)
 */
function collapseNbspRuns(s: string): string {
  let out = ''
  let last = 0
  let i = 0
  while (i < s.length) {
    if (!isRunSpace(s.charCodeAt(i)) && !nbspAt(s, i)) {
      i++
      continue
    }
    let j = i
    let nbsps = 0
    let spaces = 0
    for (;;) {
      if (j < s.length && isRunSpace(s.charCodeAt(j))) {
        spaces++
        j++
        continue
      }
      const k = j < s.length ? nbspAt(s, j) : 0
      if (!k) break
      nbsps++
      j += k
    }
    if (nbsps >= 2 || (nbsps === 1 && spaces > 0)) {
      out += `${s.slice(last, i)} `
      last = j
    }
    i = j
  }
  return out + s.slice(last)
}

/**
 * Turns each run of Word list paragraphs of one kind (an opening tag up to the first "</p>"
 * after it, then white space) into one list. A paragraph with no "</p>" after it means no later
 * one has one either: the search stops there rather than trying every later paragraph.
 */
function wordListsToLists(html: string, kind: 'ul' | 'ol'): string {
  const open = `<p data-word-list="${kind}">`
  let out = ''
  let last = 0
  for (;;) {
    const start = html.indexOf(open, last)
    if (start < 0) break
    const items: string[] = []
    let at = start
    while (html.startsWith(open, at)) {
      const close = html.indexOf('</p>', at + open.length)
      if (close < 0) break
      items.push(`<li>${html.slice(at + open.length, close).trim()}</li>`)
      at = skipSpaces(html, close + 4)
    }
    if (items.length === 0) break
    out += `${html.slice(last, start)}<${kind}>${items.join('')}</${kind}>`
    last = at
  }
  return out + html.slice(last)
}

/**
 * Where the line breaks at the very end start (`<br>`, `<br/>`, `<br >`, white space around
 * them), or -1 when the HTML does not end with one. Read backwards, once.
 */
function trailingBreaksStart(html: string): number {
  let end = html.length
  let start = -1
  for (;;) {
    let p = end
    while (p > 0 && isSpaceCode(html.charCodeAt(p - 1))) p--
    // One <br\s*\/?> ending at p?
    if (p === 0 || html.charCodeAt(p - 1) !== GT) return start < 0 ? -1 : p
    let q = p - 1
    if (q > 0 && html.charCodeAt(q - 1) === SLASH) q--
    while (q > 0 && isSpaceCode(html.charCodeAt(q - 1))) q--
    if (q < 3 || !html.startsWith('<br', q - 3)) return start < 0 ? -1 : p
    start = end = q - 3
  }
}

/** Cleans Word / Google Docs markup (see the module comment). Safe to run on already-clean HTML. */
export function cleanPastedHtml(html: string): string {
  const out: string[] = []
  // For every open element we rewrote: what its closing tag becomes ('' when unwrapped).
  const closers: Array<{ name: string; close: string }> = []
  // Nesting depth inside an element dropped with its content.
  let dropDepth = 0
  let dropName = ''
  // Word list paragraphs: the index of their opening tag in `out`, fixed up once the bullet is seen.
  let listParagraph: number | null = null

  for (const match of htmlTokens(html)) {
    const token = match.token
    if (token.startsWith('<!')) continue // comments, Word's conditional comments, doctype
    const tag = TAG.exec(token)
    if (!tag) {
      if (dropDepth === 0) out.push(token === '<' ? '&lt;' : token)
      continue
    }
    const [, slash, rawName, rawAttrs, selfSlash] = tag
    const name = rawName!.toLowerCase()
    const isClose = slash === '/'

    if (dropDepth > 0) {
      if (name === dropName) dropDepth += isClose ? -1 : selfSlash ? 0 : 1
      continue
    }
    if (DROP_VOID.has(name)) continue
    const attrs = isClose ? new Map<string, string>() : parseAttrs(rawAttrs ?? '')
    const style = styleOf(attrs)

    if (!isClose) {
      const isWordBullet = name === 'span' && (style.get('mso-list') === 'ignore')
      const isDroppedNamespace = DROP_NAMESPACES.some((ns) => name.startsWith(ns))
      if (DROP_WITH_CONTENT.has(name) || isWordBullet || isDroppedNamespace) {
        if (isWordBullet && listParagraph !== null) {
          // The bullet's text says which kind of list: "1." / "a)" numbered, "·" / "o" / "§" bulleted.
          const after = match.index + token.length
          const rest = html.slice(after, after + 200)
          const bullet = rest.replace(/<[^>]*>/g, '').replace(/&nbsp;|\u00a0/g, ' ').trim()
          out[listParagraph] = /^[0-9a-zA-Z]{1,4}[.)]/.test(bullet) ? '<p data-word-list="ol">' : '<p data-word-list="ul">'
          listParagraph = null
        }
        if (!selfSlash && !VOID.has(name)) {
          dropDepth = 1
          dropName = name
        }
        continue
      }
    }

    if (name === 'span' || name === 'b' || UNWRAP.has(name) || name.includes(':')) {
      if (isClose) {
        const i = closers.findLastIndex((c) => c.name === name)
        if (i >= 0) {
          out.push(closers[i]!.close)
          closers.splice(i, 1)
        }
        continue
      }
      if (selfSlash) continue
      let open = ''
      let close = ''
      if (name === 'b') {
        // Google Docs' whole-paste wrapper, and any <b> set back to normal weight, is no formatting.
        const isWrapper = (attrs.get('id') ?? '').startsWith('docs-internal-guid') || style.get('font-weight') === 'normal' || style.get('font-weight') === '400'
        if (!isWrapper) [open, close] = ['<strong>', '</strong>']
      } else if (name === 'span') {
        const bold = isBoldWeight(style.get('font-weight'))
        const italic = style.get('font-style') === 'italic'
        if (bold) [open, close] = ['<strong>', '</strong>']
        if (italic) [open, close] = [`${open}<em>`, `</em>${close}`]
      }
      out.push(open)
      closers.push({ name, close })
      continue
    }

    if (isClose) {
      out.push(`</${name}>`)
      continue
    }
    const isWordList = name === 'p' && /\bMsoListParagraph/i.test(attrs.get('class') ?? '')
    if (isWordList) {
      listParagraph = out.length
      out.push('<p data-word-list="ul">')
      continue
    }
    out.push(serializeTag(name, attrs, Boolean(selfSlash)))
  }

  let result = out.join('')
  // Word's list paragraphs become real lists, one per run of the same kind.
  for (const kind of ['ul', 'ol'] as const) result = wordListsToLists(result, kind)
  // Line breaks between blocks (Google Docs puts one after paragraphs) are spacing, not content.
  result = result.replace(/(<\/(?:p|h[1-6]|ul|ol|blockquote|figure|table)>)(?:\s*<br\s*\/?>)+/gi, '$1')
  // &nbsp; runs (Word's way of spacing) collapse to one space; a single &nbsp; between words stays.
  result = collapseNbspRuns(result)
  // Formatting left around nothing, then paragraphs left with nothing, repeatedly (they nest).
  for (let i = 0; i < 3; i++) {
    result = result
      .replace(/<(strong|em|b|i|u|a)\b[^>]*>\s*<\/\1>/gi, '')
      // (\s covers \u00a0: naming it a second time made runs of it exponential.)
      .replace(/<(p|h[1-6]|li)\b[^>]*>(?:\s|&nbsp;|&#160;|<br\s*\/?>)*<\/\1>/gi, '')
  }
  // Google Docs ends a paste with a line break of its own.
  const breaks = trailingBreaksStart(result)
  return (breaks < 0 ? result : result.slice(0, breaks)).trim()
}
