import { cleanPastedHtml } from '@/lib/html/clean-pasted'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'

/*
 * Turns a Blogger post body into a Warta body: Blogger's layout cruft goes (the jump break,
 * "separator" and caption-table wrappers around images, fixed sizes and inline styles, runs of
 * &nbsp;, empty paragraphs), links to the blog's own old posts point at their new addresses, and
 * the result passes through the same clean-up and allow-list sanitizer as the editor
 * (lib/validation/article.ts). The words are left alone: the dateline at the start and the
 * reporter's initials at the end stay as written.
 */

const JUMP_BREAK = /<a\s+name\s*=\s*["']?more["']?\s*>\s*<\/a>|<!--\s*more\s*-->/gi
// Blogger's image-with-caption: a centred table, the image in the first cell, the caption in .tr-caption.
const CAPTION_TABLE = /<table\b[^>]*\btr-caption-container\b[^>]*>([\s\S]*?)<\/table>/gi
const CAPTION_CELL = /<td\b[^>]*\btr-caption\b[^>]*>([\s\S]*?)<\/td>/i
// Blogger's image block: <div class="separator"><a href="…/s1600/…"><img …></a></div>.
const SEPARATOR = /<div\b[^>]*\bclass\s*=\s*["'][^"']*\bseparator\b[^"']*["'][^>]*>\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)\s*<\/div>/gi
const IMG = /<img\b[^>]*>/i
const EMPTY_PARAGRAPH = /<p\b[^>]*>(?:\s|&nbsp;|&#160;|\u00a0|<br\s*\/?>)*<\/p>/gi
const HREF = /(<a\b[^>]*?\shref\s*=\s*)(["'])(.*?)\2/gi

export type CleanBodyOptions = {
  /** New address for a link to the blog's own old URL, or null to leave the link as it is. */
  rewriteHref?: (href: string) => string | null
}

function figureFrom(imgTag: string, caption: string | null): string {
  return caption ? `<figure>${imgTag}<figcaption>${caption.trim()}</figcaption></figure>` : `<figure>${imgTag}</figure>`
}

/** Blogger markup → Warta's clean, sanitized body HTML. */
export function cleanBloggerBody(html: string, opts: CleanBodyOptions = {}): string {
  let body = html.replace(JUMP_BREAK, '')
  body = body.replace(CAPTION_TABLE, (whole, inner: string) => {
    const img = IMG.exec(inner)?.[0]
    if (!img) return whole
    const caption = CAPTION_CELL.exec(inner)?.[1] ?? null
    return figureFrom(img, caption)
  })
  body = body.replace(SEPARATOR, (_whole, inner: string) => figureFrom(IMG.exec(inner)![0], null))
  if (opts.rewriteHref) {
    const rewrite = opts.rewriteHref
    body = body.replace(HREF, (whole, start: string, quote: string, href: string) => {
      const target = rewrite(decodeAttr(href))
      return target ? `${start}${quote}${target}${quote}` : whole
    })
  }
  body = sanitizeArticleHtml(cleanPastedHtml(body))
  return body.replace(EMPTY_PARAGRAPH, '').replace(/\n{2,}/g, '\n').trim()
}

function decodeAttr(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
}

export type LeadImage = { src: string; alt: string; caption: string }

const LEAD_FIGURE = /<figure>\s*(<img\b[^>]*>)\s*(?:<figcaption>([\s\S]*?)<\/figcaption>)?\s*<\/figure>/i
const BLOCK = /<(?:p|h2|h3|h4|ul|ol|blockquote|figure|table|div|pre|iframe)\b/gi

function attrOf(tag: string, name: string): string {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag)
  return decodeAttr(m?.[2] ?? m?.[3] ?? '')
}

function textOf(html: string): string {
  return decodeAttr(html.replace(/<[^>]+>/g, ' ')).replace(/&nbsp;|\s+/g, ' ').trim()
}

/**
 * The post's first image, when it is a lead picture (a figure among the first three blocks of
 * a cleaned body): it becomes the article's featured image and leaves the body, so the story
 * does not show it twice. An image further down stays where the writer put it; the first image
 * anywhere is still returned as `first` (the story's picture in lists and link previews).
 */
export function takeLeadImage(body: string): { body: string; lead: LeadImage | null; first: string | null } {
  const firstImg = IMG.exec(body)?.[0] ?? null
  const first = firstImg ? attrOf(firstImg, 'src') || null : null
  const m = LEAD_FIGURE.exec(body)
  if (!m) return { body, lead: null, first }
  const blocksBefore = body.slice(0, m.index).match(BLOCK)?.length ?? 0
  if (blocksBefore > 2) return { body, lead: null, first }
  const img = m[1]!
  const lead = { src: attrOf(img, 'src'), alt: attrOf(img, 'alt'), caption: m[2] ? textOf(m[2]) : '' }
  if (!lead.src) return { body, lead: null, first }
  const rest = (body.slice(0, m.index) + body.slice(m.index + m[0].length)).replace(/\n{2,}/g, '\n').trim()
  return { body: rest, lead, first }
}
