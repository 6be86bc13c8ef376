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

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[[\s\S]*?\]>|<![^>]*>|<\/?[a-zA-Z][\w:.-]*(?:\s+(?:[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)|\s*\/)*\s*>|[^<]+|</
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
  for (const m of raw.matchAll(ATTR)) out.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '')
  return out
}

function styleOf(attrs: Attrs): Map<string, string> {
  const out = new Map<string, string>()
  for (const decl of (attrs.get('style') ?? '').split(';')) {
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
    if (DROP_ATTRS.has(key) || key.startsWith('xmlns') || key.includes(':')) continue
    out += value === '' && !['alt', 'href', 'src', 'title'].includes(key) ? ` ${key}` : ` ${key}="${value.replace(/"/g, '&quot;')}"`
  }
  return `${out}${selfClosing ? ' /' : ''}>`
}

const NBSP_RUN = /(?:[ \t\r\n]*(?:&nbsp;|&#160;|&#xa0;|\u00a0)){2,}[ \t\r\n]*|[ \t\r\n]*(?:&nbsp;|&#160;|&#xa0;|\u00a0)[ \t\r\n]+|[ \t\r\n]+(?:&nbsp;|&#160;|&#xa0;|\u00a0)[ \t\r\n]*/gi

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

  for (const match of html.matchAll(new RegExp(TOKEN, 'g'))) {
    const token = match[0]
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
  for (const kind of ['ul', 'ol'] as const) {
    const run = new RegExp(`(?:<p data-word-list="${kind}">[\\s\\S]*?<\\/p>\\s*)+`, 'g')
    result = result.replace(run, (paragraphs) => {
      const items = [...paragraphs.matchAll(/<p data-word-list="(?:ul|ol)">([\s\S]*?)<\/p>/g)].map((m) => `<li>${m[1]!.trim()}</li>`)
      return `<${kind}>${items.join('')}</${kind}>`
    })
  }
  // Line breaks between blocks (Google Docs puts one after paragraphs) are spacing, not content.
  result = result.replace(/(<\/(?:p|h[1-6]|ul|ol|blockquote|figure|table)>)(?:\s*<br\s*\/?>)+/gi, '$1')
  // &nbsp; runs (Word's way of spacing) collapse to one space; a single &nbsp; between words stays.
  result = result.replace(NBSP_RUN, ' ')
  // Formatting left around nothing, then paragraphs left with nothing, repeatedly (they nest).
  for (let i = 0; i < 3; i++) {
    result = result
      .replace(/<(strong|em|b|i|u|a)\b[^>]*>\s*<\/\1>/gi, '')
      .replace(/<(p|h[1-6]|li)\b[^>]*>(?:\s|&nbsp;|&#160;|\u00a0|<br\s*\/?>)*<\/\1>/gi, '')
  }
  // Google Docs ends a paste with a line break of its own.
  return result.replace(/(?:\s*<br\s*\/?>)+\s*$/, '').trim()
}
