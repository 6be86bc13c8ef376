import { cleanPastedHtml } from '@/lib/html/clean-pasted'
import { forwardIndexOf, forwardMatch, isWordCode, replaceTags, skipSpaces, startsWithAnyCase } from '@/lib/html/scan'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'

/*
 * Turns a Blogger post body into a Warta body: Blogger's layout cruft goes (the jump break,
 * "separator" and caption-table wrappers around images, fixed sizes and inline styles, runs of
 * &nbsp;, empty paragraphs), links to the blog's own old posts point at their new addresses, and
 * the result passes through the same clean-up and allow-list sanitizer as the editor
 * (lib/validation/article.ts). The words are left alone: the dateline at the start and the
 * reporter's initials at the end stay as written.
 *
 * Bodies come from an export anyone could have written, so every pass is linear (issue 10,
 * finding 3: 40,000 repetitions of one shape held the importer for 25 s). Where a pattern would
 * scan ahead from every start tag ("<table\b[^>]*…" with no ">" after it, a lazy "[\s\S]*?"
 * with no closing tag), a small scanner finds the same blocks instead, reading ahead at most once.
 */

const JUMP_BREAK = /<a\s+name\s*=\s*["']?more["']?\s*>\s*<\/a>|<!--\s*more\s*-->/gi
// (\s covers \u00a0: naming it a second time made runs of it exponential.)
const EMPTY_PARAGRAPH = /<p\b[^>]*>(?:\s|&nbsp;|&#160;|<br\s*\/?>)*<\/p>/gi

export type CleanBodyOptions = {
  /** New address for a link to the blog's own old URL, or null to leave the link as it is. */
  rewriteHref?: (href: string) => string | null
}

function figureFrom(imgTag: string, caption: string | null): string {
  return caption ? `<figure>${imgTag}<figcaption>${caption.trim()}</figcaption></figure>` : `<figure>${imgTag}</figure>`
}

/** The first `<img …>` tag (what /<img\b[^>]*>/i finds), or null. */
function firstImgTag(html: string): { index: number; tag: string } | null {
  const m = /<img\b/i.exec(html)
  if (!m) return null
  const end = html.indexOf('>', m.index + 4)
  return end < 0 ? null : { index: m.index, tag: html.slice(m.index, end + 1) }
}

type Block = { start: number; openEnd: number; end: number }

/**
 * Each `<name …>` start tag whose text (up to the first ">") has `word` in it, with everything
 * up to the first `</name>` after it: what /<name\b[^>]*\bword\b[^>]*>([\s\S]*?)<\/name>/gi
 * matches. Start tags inside one already read are not read again: they end at the same ">".
 */
function* blocksWithWord(html: string, name: string, word: RegExp): Generator<Block> {
  const open = new RegExp(`<${name}\\b`, 'gi')
  const gt = forwardIndexOf(html, '>')
  const close = forwardMatch(html, new RegExp(`</${name}>`, 'gi'))
  let from = 0
  for (;;) {
    open.lastIndex = from
    const m = open.exec(html)
    if (!m) return
    const tagEnd = gt(m.index + m[0].length)
    if (tagEnd < 0) return
    if (!word.test(html.slice(m.index + m[0].length, tagEnd))) {
      from = tagEnd
      continue
    }
    const closing = close(tagEnd + 1)
    // No closing tag after this one: none after a later one either.
    if (!closing) return
    const end = closing.index + closing[0].length
    yield { start: m.index, openEnd: tagEnd + 1, end }
    from = end
  }
}

const CAPTION_CONTAINER = /\btr-caption-container\b/i
const CAPTION_CELL = /\btr-caption\b/i

/** Blogger's image-with-caption: a table classed tr-caption-container, the image in a cell, the caption in td.tr-caption. */
function captionTablesToFigures(body: string): string {
  let out = ''
  let last = 0
  for (const table of blocksWithWord(body, 'table', CAPTION_CONTAINER)) {
    const inner = body.slice(table.openEnd, table.end - '</table>'.length)
    const img = firstImgTag(inner)
    if (!img) continue
    const cell = blocksWithWord(inner, 'td', CAPTION_CELL).next().value
    const caption = cell ? inner.slice(cell.openEnd, cell.end - '</td>'.length) : null
    out += body.slice(last, table.start) + figureFrom(img.tag, caption)
    last = table.end
  }
  return out + body.slice(last)
}

/**
 * Does a start tag's text hold class="… separator …"? (class, "=", a quote, then up to the next
 * quote of either kind, with the word in it.) Reads each quoted stretch once.
 */
function hasSeparatorClass(tagText: string): boolean {
  const classAttr = /\bclass/gi
  const quote = /["']/g
  for (let m = classAttr.exec(tagText); m; m = classAttr.exec(tagText)) {
    let p = skipSpaces(tagText, m.index + 5)
    if (tagText[p] !== '=') continue
    p = skipSpaces(tagText, p + 1)
    if (tagText[p] !== '"' && tagText[p] !== "'") continue
    quote.lastIndex = p + 1
    const q = quote.exec(tagText)
    // No closing quote: none for a later class either.
    if (!q) return false
    if (/\bseparator\b/i.test(tagText.slice(p + 1, q.index))) return true
  }
  return false
}

/**
 * Blogger's image block: <div class="separator"><a href="…/s1600/…"><img …></a></div>, white
 * space allowed between; the link is optional. Becomes a figure with the image alone.
 */
function separatorsToFigures(body: string): string {
  const open = /<div\b/gi
  const gt = forwardIndexOf(body, '>')
  const anyCase = (literal: string, at: number) => startsWithAnyCase(body, literal, at)
  // `<name` followed by a word boundary, at `at`.
  const tagAt = (name: string, at: number) => anyCase(name, at) && !isWordCode(body.charCodeAt(at + name.length))
  let out = ''
  let last = 0
  let from = 0
  for (;;) {
    open.lastIndex = from
    const m = open.exec(body)
    if (!m) break
    const tagEnd = gt(m.index + 4)
    if (tagEnd < 0) break
    from = tagEnd
    if (!hasSeparatorClass(body.slice(m.index + 4, tagEnd))) continue
    // Then: (<a …>)? <img …> (</a>)? </div>, white space between.
    let p = skipSpaces(body, tagEnd + 1)
    const inner = p
    if (tagAt('<a', p)) {
      const aEnd = gt(p + 2)
      if (aEnd < 0) break
      p = skipSpaces(body, aEnd + 1)
    }
    if (!tagAt('<img', p)) continue
    const imgEnd = gt(p + 4)
    if (imgEnd < 0) break
    let innerEnd = imgEnd + 1
    p = skipSpaces(body, innerEnd)
    if (anyCase('</a>', p)) {
      innerEnd = p + 4
      p = skipSpaces(body, innerEnd)
    }
    if (!anyCase('</div>', p)) continue
    out += body.slice(last, m.index) + figureFrom(firstImgTag(body.slice(inner, innerEnd))!.tag, null)
    last = from = p + 6
  }
  return out + body.slice(last)
}

/**
 * Rewrites the href of each link, as
 *   /(<a\b[^>]*?\shref\s*=\s*)(["'])(.*?)\2/gi
 * finds it: the first ` href=` with a quote inside the start tag whose value closes on the same
 * line. Each ` href=` and each stretch up to a closing quote is read once.
 */
function rewriteHrefs(body: string, rewrite: (href: string) => string | null): string {
  const open = /<a\b/gi
  const gt = forwardIndexOf(body, '>')
  const href = forwardMatch(body, /\shref\s*=\s*(["'])/gi)
  const closing = { '"': forwardIndexOf(body, '"'), "'": forwardIndexOf(body, "'") }
  const lineEnd = forwardMatch(body, /[\n\r\u2028\u2029]/g)
  let out = ''
  let last = 0
  let from = 0
  for (;;) {
    open.lastIndex = from
    const m = open.exec(body)
    if (!m) break
    const gtAt = gt(m.index + 2)
    const tagEnd = gtAt < 0 ? body.length : gtAt
    let found: { valueStart: number; valueEnd: number } | null = null
    for (let h = href(m.index + 2); h && h.index < tagEnd; h = href(h.index + 1)) {
      const quote = h[1] as '"' | "'"
      const valueStart = h.index + h[0].length
      const valueEnd = closing[quote](valueStart)
      if (valueEnd < 0) continue
      const newline = lineEnd(valueStart)
      if (newline && newline.index < valueEnd) continue
      found = { valueStart, valueEnd }
      break
    }
    if (!found) {
      // A later <a inside this tag has fewer candidates, all of which failed.
      if (gtAt < 0) break
      from = tagEnd
      continue
    }
    const target = rewrite(decodeAttr(body.slice(found.valueStart, found.valueEnd)))
    if (target) {
      const quote = body[found.valueStart - 1]
      out += `${body.slice(last, found.valueStart - 1)}${quote}${target}${quote}`
      last = found.valueEnd + 1
    }
    from = found.valueEnd + 1
  }
  return out + body.slice(last)
}

/** Blogger markup → Warta's clean, sanitized body HTML. */
export function cleanBloggerBody(html: string, opts: CleanBodyOptions = {}): string {
  let body = html.replace(JUMP_BREAK, '')
  body = captionTablesToFigures(body)
  body = separatorsToFigures(body)
  if (opts.rewriteHref) body = rewriteHrefs(body, opts.rewriteHref)
  body = sanitizeArticleHtml(cleanPastedHtml(body))
  return body.replace(EMPTY_PARAGRAPH, '').replace(/\n{2,}/g, '\n').trim()
}

function decodeAttr(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
}

export type LeadImage = { src: string; alt: string; caption: string }

const BLOCK = /<(?:p|h2|h3|h4|ul|ol|blockquote|figure|table|div|pre|iframe)\b/gi

function attrOf(tag: string, name: string): string {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag)
  return decodeAttr(m?.[2] ?? m?.[3] ?? '')
}

function textOf(html: string): string {
  return decodeAttr(replaceTags(html, ' ', true)).replace(/&nbsp;|\s+/g, ' ').trim()
}

/**
 * The first figure that is an image with an optional caption, as
 *   /<figure>\s*(<img\b[^>]*>)\s*(?:<figcaption>([\s\S]*?)<\/figcaption>)?\s*<\/figure>/i
 * finds it, reading ahead at most once.
 */
function firstImageFigure(body: string): { index: number; end: number; img: string; caption: string | null } | null {
  const open = /<figure>/gi
  const gt = forwardIndexOf(body, '>')
  const captionEnd = forwardMatch(body, /<\/figcaption>\s*<\/figure>/gi)
  for (let m = open.exec(body); m; m = open.exec(body)) {
    const imgAt = skipSpaces(body, m.index + m[0].length)
    if (!startsWithAnyCase(body, '<img', imgAt) || isWordCode(body.charCodeAt(imgAt + 4))) continue
    const imgEnd = gt(imgAt + 4)
    if (imgEnd < 0) return null
    const img = body.slice(imgAt, imgEnd + 1)
    const after = skipSpaces(body, imgEnd + 1)
    if (startsWithAnyCase(body, '<figcaption>', after)) {
      const close = captionEnd(after + '<figcaption>'.length)
      if (close) return { index: m.index, end: close.index + close[0].length, img, caption: body.slice(after + '<figcaption>'.length, close.index) }
    }
    if (startsWithAnyCase(body, '</figure>', after)) return { index: m.index, end: after + '</figure>'.length, img, caption: null }
  }
  return null
}

/**
 * The post's first image, when it is a lead picture (a figure among the first three blocks of
 * a cleaned body): it becomes the article's featured image and leaves the body, so the story
 * does not show it twice. An image further down stays where the writer put it; the first image
 * anywhere is still returned as `first` (the story's picture in lists and link previews).
 */
export function takeLeadImage(body: string): { body: string; lead: LeadImage | null; first: string | null } {
  const firstImg = firstImgTag(body)?.tag ?? null
  const first = firstImg ? attrOf(firstImg, 'src') || null : null
  const m = firstImageFigure(body)
  if (!m) return { body, lead: null, first }
  const blocksBefore = body.slice(0, m.index).match(BLOCK)?.length ?? 0
  if (blocksBefore > 2) return { body, lead: null, first }
  const img = m.img
  const lead = { src: attrOf(img, 'src'), alt: attrOf(img, 'alt'), caption: m.caption ? textOf(m.caption) : '' }
  if (!lead.src) return { body, lead: null, first }
  const rest = (body.slice(0, m.index) + body.slice(m.end)).replace(/\n{2,}/g, '\n').trim()
  return { body: rest, lead, first }
}
