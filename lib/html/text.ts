import { forwardIndexOf, forwardMatch, isSpaceCode, replaceTags } from './scan'

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' '
    }
    return ENTITIES[ent.toLowerCase()] ?? whole
  })
}

/**
 * Plain text of an HTML fragment, for the search index, excerpts and feeds' summaries.
 * Block-level boundaries become spaces so words from adjacent paragraphs do not merge.
 * Input is our own sanitized HTML, so a tag-stripping pass is enough; this is not a sanitizer.
 */
export function htmlToText(html: string): string {
  return decodeEntities(replaceTags(withoutScripts(html), ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Replaces each <script…>…</script> and <style…>…</style> (any case) with a space, in one pass.
 * A start tag with no closing tag after it is left for the tag-stripping pass.
 */
function withoutScripts(html: string): string {
  const start = /<(script|style)/gi
  const gt = forwardIndexOf(html, '>')
  const closing = { script: forwardMatch(html, /<\/script>/gi), style: forwardMatch(html, /<\/style>/gi) }
  let out = ''
  let last = 0
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const end = gt(m.index + m[0].length)
    // No ">" after this start: none after a later one either.
    if (end < 0) break
    const close = closing[m[1]!.toLowerCase() as 'script' | 'style'](end + 1)
    if (!close) {
      start.lastIndex = m.index + 1
      continue
    }
    out += `${html.slice(last, m.index)} `
    last = start.lastIndex = close.index + close[0].length
  }
  return out + html.slice(last)
}

const isCutPunctuation = (c: number) => isSpaceCode(c) || c === 0x2c || c === 0x2e || c === 0x3b || c === 0x3a

/** Cuts text at a word boundary to at most `max` characters, adding an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  const kept = space > max * 0.6 ? cut.slice(0, space) : cut
  // Drop the white space and punctuation left at the cut (a backwards loop: the pattern
  // /[\s,.;:]+$/ re-reads a run from each of its positions).
  let end = kept.length
  while (end > 0 && isCutPunctuation(kept.charCodeAt(end - 1))) end--
  return `${kept.slice(0, end)}…`
}
