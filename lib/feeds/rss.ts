import { formatRfc822 } from '@/lib/dates'
import { escapeXml, XML_DECLARATION, xmlElement } from '@/lib/xml'

export type RssChannel = {
  title: string
  /** Absolute URL of the page the feed mirrors. */
  link: string
  description: string
  /** Absolute URL of the feed itself (atom:link rel="self"). */
  selfUrl: string
  lastBuildDate: Date
  image?: { url: string; title: string; link: string } | null
}

export type RssItem = {
  title: string
  link: string
  /** Stable across slug changes, so a renamed story is not shown twice. */
  guid: string
  description: string
  /** Full article HTML with absolute URLs. */
  contentHtml: string
  pubDate: Date
  creator: string
  categories: string[]
  enclosure?: { url: string; length: number; type: string } | null
}

/**
 * An RSS 2.0 document (rssboard.org/rss-specification): channel title, link and description,
 * items with title, link, guid and RFC 822 dates; full text in content:encoded, the byline in
 * dc:creator (RSS's own <author> must be an e-mail address), the image as an enclosure.
 */
export function renderRss(channel: RssChannel, items: RssItem[]): string {
  const out: string[] = [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n',
    '<channel>\n',
    xmlElement('title', channel.title),
    xmlElement('link', channel.link),
    xmlElement('description', channel.description),
    xmlElement('language', 'id'),
    xmlElement('lastBuildDate', formatRfc822(channel.lastBuildDate)),
    xmlElement('generator', 'Warta'),
    `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>\n`,
  ]
  if (channel.image) {
    out.push(
      `<image>${xmlElement('url', channel.image.url)}${xmlElement('title', channel.image.title)}${xmlElement('link', channel.image.link)}</image>\n`,
    )
  }
  for (const item of items) {
    out.push(
      '<item>',
      xmlElement('title', item.title),
      xmlElement('link', item.link),
      `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
      xmlElement('description', item.description),
      xmlElement('content:encoded', item.contentHtml),
      xmlElement('pubDate', formatRfc822(item.pubDate)),
      xmlElement('dc:creator', item.creator),
      ...item.categories.map((c) => xmlElement('category', c)),
      item.enclosure
        ? `<enclosure url="${escapeXml(item.enclosure.url)}" length="${Math.max(0, Math.trunc(item.enclosure.length))}" type="${escapeXml(item.enclosure.type)}"/>`
        : '',
      '</item>\n',
    )
  }
  out.push('</channel>\n</rss>\n')
  return out.join('')
}
