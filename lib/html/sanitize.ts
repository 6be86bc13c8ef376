import sanitizeHtml from 'sanitize-html'
import { EMBED_FRAMES, EMBED_SANDBOX, embedAllow, isEmbedFrameSrc } from './embeds'

const baseOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'mark', 'small',
    'a', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption', 'img', 'hr',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'iframe', 'code', 'pre', 'span', 'div',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    iframe: ['src', 'title', 'width', 'height', 'allow', 'allowfullscreen', 'loading', 'sandbox'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start', 'reversed'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
  allowProtocolRelative: false,
  // Players only (lib/html/embeds.ts); the path is checked in exclusiveFilter below.
  allowedIframeHostnames: [...new Set(EMBED_FRAMES.map((f) => f.host))],
  disallowedTagsMode: 'discard',
  // Drop the contents of these entirely rather than keeping their text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'svg', 'math'],
}

// Absolute http(s), mail and phone links, root-relative paths and in-page anchors; nothing that a
// browser could read as another scheme once quotes or whitespace are played with.
const SAFE_HREF = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i
const SAFE_SRC = /^(https?:\/\/|\/(?!\/))/i

function isExternal(href: string, siteHost: string | null): boolean {
  try {
    const url = new URL(href)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== siteHost
  } catch {
    return false
  }
}

/**
 * Allow-list sanitizer for article and page bodies. Runs when a body is saved and again
 * when it is rendered, where it also marks outbound links: rel="sponsored" on advertorials,
 * rel="noopener" on links that open a new tab.
 */
export function sanitizeArticleHtml(html: string, opts: { sponsored?: boolean; siteUrl?: string } = {}): string {
  const siteHost = opts.siteUrl ? new URL(opts.siteUrl).host : null
  return sanitizeHtml(html, {
    ...baseOptions,
    exclusiveFilter: (frame) =>
      (frame.tag === 'img' && !SAFE_SRC.test(frame.attribs.src ?? '')) || (frame.tag === 'iframe' && !isEmbedFrameSrc(frame.attribs.src)),
    transformTags: {
      a: (tagName, attribs) => {
        const rel = new Set((attribs.rel ?? '').split(/\s+/).filter((r) => ['nofollow', 'noopener', 'noreferrer', 'sponsored', 'ugc'].includes(r)))
        const href = attribs.href ?? ''
        if (opts.sponsored && isExternal(href, siteHost)) rel.add('sponsored')
        if (attribs.target === '_blank') {
          rel.add('noopener')
        }
        const out: Record<string, string> = { ...attribs }
        if (!SAFE_HREF.test(href)) delete out.href
        if (attribs.target && attribs.target !== '_blank') delete out.target
        if (rel.size) out.rel = [...rel].join(' ')
        else delete out.rel
        return { tagName, attribs: out }
      },
      // Whatever the body said, a player is sandboxed and asks for no more than a player needs.
      iframe: (tagName, attribs) => {
        const out: Record<string, string> = { ...attribs, loading: 'lazy', sandbox: EMBED_SANDBOX }
        const allow = embedAllow(attribs.allow)
        if (allow) out.allow = allow
        else delete out.allow
        return { tagName, attribs: out }
      },
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
    },
  })
}
