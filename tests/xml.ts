import fs from 'node:fs'
import path from 'node:path'
import { parseDocument } from 'htmlparser2'
import type { Element } from 'domhandler'
import { findAll, findOne, getAttributeValue, textContent } from 'domutils'
import { validateXML } from 'xmllint-wasm'

/*
 * XML checks shared by the unit tests and the e2e suite. Schemas are the published sitemaps.org
 * and Google News XSDs, kept in tests/fixtures/xsd/ so validation runs offline (libxml2 compiled
 * to WebAssembly: no native build, no download).
 */

const XSD_DIR = path.resolve(__dirname, 'fixtures/xsd')
const xsd = (name: string) => ({ fileName: name, contents: fs.readFileSync(path.join(XSD_DIR, name), 'utf8') })

export type SchemaName = 'siteindex' | 'sitemap' | 'news'

/** Schema errors of `xml` (an empty list when valid). */
export async function xsdErrors(xml: string, schema: SchemaName): Promise<string[]> {
  const options =
    schema === 'news'
      ? { schema: [xsd('news-sitemap.xsd')], preload: [xsd('sitemap.xsd'), xsd('sitemap-news.xsd')] }
      : { schema: [xsd(`${schema}.xsd`)] }
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], ...options })
  return result.valid ? [] : result.errors.map((e) => e.message)
}

/** Well-formedness errors of `xml` (xmllint parses it without a schema). */
export async function wellFormednessErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], normalization: 'format' })
  return result.errors.map((e) => e.message)
}

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT)$/

const child = (parent: Element, name: string) =>
  parent.children.find((c): c is Element => c.type === 'tag' && (c as Element).name === name) ?? null
const children = (parent: Element, name: string) =>
  parent.children.filter((c): c is Element => c.type === 'tag' && (c as Element).name === name)

export type RssSummary = {
  problems: string[]
  items: Array<{ title: string; link: string; guid: string; pubDate: string; content: string; enclosure: string | null }>
  selfLink: string | null
}

/**
 * The RSS 2.0 specification's requirements (rssboard.org/rss-specification), checked element
 * by element: channel title, link and description; each item with a title or description,
 * RFC 822 dates, complete enclosures, a guid; plus what Warta promises: language "id", an
 * atom:link to itself, full content and at most 20 items.
 */
export function checkRss(xml: string): RssSummary {
  const problems: string[] = []
  const doc = parseDocument(xml, { xmlMode: true })
  const rss = findOne((e) => e.name === 'rss', doc.children, false)
  if (!rss) return { problems: ['no <rss> root'], items: [], selfLink: null }
  if (getAttributeValue(rss, 'version') !== '2.0') problems.push('rss version is not 2.0')
  const channels = children(rss, 'channel')
  if (channels.length !== 1) problems.push(`expected one channel, found ${channels.length}`)
  const channel = channels[0]
  if (!channel) return { problems, items: [], selfLink: null }
  for (const name of ['title', 'link', 'description']) {
    const el = child(channel, name)
    if (!el || !textContent(el).trim()) problems.push(`channel has no ${name}`)
  }
  if (textContent(child(channel, 'language') ?? channel).trim() !== 'id') problems.push('channel language is not "id"')
  const lastBuild = child(channel, 'lastBuildDate')
  if (lastBuild && !RFC822.test(textContent(lastBuild))) problems.push(`lastBuildDate not RFC 822: ${textContent(lastBuild)}`)
  const self = findAll((e) => e.name === 'atom:link' && getAttributeValue(e, 'rel') === 'self', channel.children)[0]
  const items = children(channel, 'item')
  if (items.length > 20) problems.push(`${items.length} items, more than 20`)
  const summaries = items.map((item, i) => {
    const text = (name: string) => {
      const el = child(item, name)
      return el ? textContent(el).trim() : ''
    }
    if (!text('title') && !text('description')) problems.push(`item ${i} has neither title nor description`)
    for (const name of ['title', 'link', 'guid', 'pubDate', 'description']) {
      if (!text(name)) problems.push(`item ${i} has no ${name}`)
    }
    if (!/^https?:\/\//.test(text('link'))) problems.push(`item ${i} link is not absolute`)
    if (text('pubDate') && (!RFC822.test(text('pubDate')) || Number.isNaN(Date.parse(text('pubDate'))))) {
      problems.push(`item ${i} pubDate not RFC 822: ${text('pubDate')}`)
    }
    const enclosure = child(item, 'enclosure')
    if (enclosure) {
      for (const attr of ['url', 'length', 'type']) {
        if (!getAttributeValue(enclosure, attr)) problems.push(`item ${i} enclosure has no ${attr}`)
      }
      if (!/^\d+$/.test(getAttributeValue(enclosure, 'length') ?? '')) problems.push(`item ${i} enclosure length is not a number`)
    }
    return {
      title: text('title'),
      link: text('link'),
      guid: text('guid'),
      pubDate: text('pubDate'),
      content: text('content:encoded'),
      enclosure: enclosure ? (getAttributeValue(enclosure, 'url') ?? null) : null,
    }
  })
  return { problems, items: summaries, selfLink: self ? (getAttributeValue(self, 'href') ?? null) : null }
}
