import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { type SaxesTagNS, SaxesParser } from 'saxes'
import type { ImportFormat } from './report'

/*
 * Streaming reader for Blogger exports, both formats Blogger has produced (fixtures and a table
 * of their differences: tests/fixtures/blogger/README.md):
 *  - classic "Back up content" Atom: entry kinds as <category scheme="…#kind">, drafts as
 *    <app:draft>yes</app:draft>, the old URL in <link rel="alternate">, times with the blog's offset;
 *  - the Takeout feed.atom (namespace http://schemas.google.com/blogger/2018): <blogger:type>,
 *    <blogger:status>, <blogger:filename>, UTC times, titles HTML-escaped once more.
 * The file is read in chunks and each <entry> is handed over as soon as it closes, so memory
 * holds one entry at a time whatever the file's size. Anything that is not well-formed XML or
 * not a Blogger export stops the read with an ExportReadError naming the line.
 */

const ATOM = 'http://www.w3.org/2005/Atom'
const BLOGGER_2018 = 'http://schemas.google.com/blogger/2018'
const APP = 'http://purl.org/atom/app#'
const THR = 'http://purl.org/syndication/thread/1.0'
const MEDIA = 'http://search.yahoo.com/mrss/'
const KIND_SCHEME = 'http://schemas.google.com/g/2005#kind'
const CLASSIC_LABEL_SCHEME = 'http://www.blogger.com/atom/ns#'

export class ExportReadError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line ? `Line ${line}: ${message}` : message)
    this.name = 'ExportReadError'
  }
}

export type EntryKind = 'post' | 'page' | 'comment' | 'template' | 'settings' | 'unknown'
export type EntryStatus = 'live' | 'draft' | 'scheduled' | 'trashed'

/** `updated`: when the export was made (the feed's own time), if it says. */
export type FeedInfo = { format: ImportFormat; blogId: string | null; title: string; url: string | null; updated: string | null }

export type RawEntry = {
  /** Line of the <entry> start tag. */
  line: number
  /** Blogger's numeric id ("7584572308566694265"), or the whole <id> when it has none. */
  id: string
  kind: EntryKind
  /** As Blogger had it: 'scheduled' only where the export says so (2018); see resolveStatus. */
  status: EntryStatus
  /** Plain text: the 2018 format's extra escaping is already undone. */
  title: string
  contentHtml: string
  published: string | null
  updated: string | null
  created: string | null
  labels: string[]
  /** Path of the old URL: "/2023/09/judul.html", "/p/redaksi.html". */
  legacyPath: string | null
  author: { name: string; uri: string | null }
  metaDescription: string
  /** Comments: the id of the post or page commented on, and of the comment replied to. */
  parentId: string | null
  inReplyToId: string | null
  thumbnailUrl: string | null
}

type Draft = RawEntry & { kindTerm: string | null; type2018: string | null; status2018: string | null; appDraft: boolean }

export type ReadOptions = {
  onFeed?: (feed: FeedInfo) => void
  onEntry: (entry: RawEntry) => void | Promise<void>
  onProgress?: (bytes: number, totalBytes: number, entries: number) => void
}

const TEXT_FIELDS = new Set([
  `${ATOM} id`,
  `${ATOM} title`,
  `${ATOM} content`,
  `${ATOM} published`,
  `${ATOM} updated`,
  `${ATOM} name`,
  `${ATOM} uri`,
  `${APP} draft`,
  `${BLOGGER_2018} type`,
  `${BLOGGER_2018} status`,
  `${BLOGGER_2018} filename`,
  `${BLOGGER_2018} created`,
  `${BLOGGER_2018} metaDescription`,
  `${BLOGGER_2018} parent`,
  `${BLOGGER_2018} inReplyTo`,
])

/** Numeric id from "tag:blogger.com,1999:blog-123.post-456" (posts, pages and comments alike). */
function bloggerEntryId(tag: string): string {
  const m = /\.(?:post|page)-(\d+)$/.exec(tag.trim())
  return m ? m[1]! : tag.trim()
}

function blogIdOf(tag: string): string | null {
  return /blog-(\d+)/.exec(tag)?.[1] ?? null
}

/** The path of an absolute or root-relative URL, or null. */
function pathOf(href: string): string | null {
  const value = href.trim()
  if (!value) return null
  if (value.startsWith('/')) return value.split(/[?#]/, 1)[0] ?? null
  try {
    return new URL(value).pathname
  } catch {
    return null
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Undoes one level of HTML escaping (the 2018 export escapes titles twice). */
function unescapeHtmlOnce(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole
  })
}

function newDraft(line: number): Draft {
  return {
    line,
    id: '',
    kind: 'unknown',
    status: 'live',
    title: '',
    contentHtml: '',
    published: null,
    updated: null,
    created: null,
    labels: [],
    legacyPath: null,
    author: { name: '', uri: null },
    metaDescription: '',
    parentId: null,
    inReplyToId: null,
    thumbnailUrl: null,
    kindTerm: null,
    type2018: null,
    status2018: null,
    appDraft: false,
  }
}

function finishEntry(d: Draft, format: ImportFormat): RawEntry {
  let kind: EntryKind = 'unknown'
  let status: EntryStatus = 'live'
  if (format === '2018') {
    const type = (d.type2018 ?? '').toUpperCase()
    kind = type === 'POST' ? 'post' : type === 'PAGE' ? 'page' : type === 'COMMENT' ? 'comment' : 'unknown'
    const s = (d.status2018 ?? 'LIVE').toUpperCase()
    status = s === 'DRAFT' ? 'draft' : s === 'SCHEDULED' ? 'scheduled' : s.includes('TRASH') || s === 'DELETED' ? 'trashed' : 'live'
  } else {
    const term = d.kindTerm ?? ''
    const m = /#(post|page|comment|template|settings)$/.exec(term)
    kind = (m?.[1] as EntryKind | undefined) ?? 'unknown'
    status = d.appDraft ? 'draft' : 'live'
  }
  return {
    line: d.line,
    kind,
    status,
    id: own(bloggerEntryId(d.id)),
    title: own(format === '2018' ? unescapeHtmlOnce(d.title).trim() : d.title.trim()),
    contentHtml: d.contentHtml,
    published: ownOrNull(d.published),
    updated: ownOrNull(d.updated),
    created: ownOrNull(d.created),
    labels: [...new Set(d.labels.map((l) => own(l.trim())).filter(Boolean))],
    legacyPath: ownOrNull(d.legacyPath),
    author: { name: own(d.author.name), uri: ownOrNull(d.author.uri) },
    metaDescription: own(d.metaDescription.trim()),
    parentId: d.parentId ? own(bloggerEntryId(d.parentId)) : null,
    inReplyToId: d.inReplyToId ? own(bloggerEntryId(d.inReplyToId)) : null,
    thumbnailUrl: ownOrNull(d.thumbnailUrl),
  }
}

/**
 * A copy of a short string that owns its characters. V8 may represent a substring as a view into
 * the string it was cut from, here the read chunk: an importer keeping a post's id or old path for
 * the whole run would then keep every chunk of the file alive (measured: a 126 MB export held whole).
 */
function own(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8')
}

function ownOrNull(value: string | null): string | null {
  return value === null ? null : own(value)
}

/**
 * Reads an export file entry by entry. Resolves with the feed's description once the whole file
 * has been read; rejects with ExportReadError on malformed XML, a truncated file or a file that
 * is not a Blogger export. `onEntry` may be async: reading waits for it (backpressure).
 */
export async function readBloggerExport(file: string, opts: ReadOptions): Promise<FeedInfo> {
  const totalBytes = (await stat(file)).size
  const parser = new SaxesParser({ xmlns: true, position: true })
  const stack: SaxesTagNS[] = []
  const pending: RawEntry[] = []
  let feed: FeedInfo | null = null
  let feedId = ''
  let feedTitle = ''
  let feedUrl: string | null = null
  let feedUpdated: string | null = null
  let draft: Draft | null = null
  let text: string | null = null
  let entries = 0
  let failure: ExportReadError | null = null

  const fail = (message: string, line: number | null = parser.line) => {
    failure ??= new ExportReadError(message, line)
  }

  parser.on('error', (err) => {
    // saxes prefixes its messages with "line:column: "; keep the message, report the line.
    fail(err.message.replace(/^\S*?(\d+):(\d+): /, ''), parser.line)
  })

  parser.on('opentag', (tag) => {
    if (failure) return
    const depth = stack.length
    stack.push(tag)
    const key = `${tag.uri} ${tag.local}`
    if (depth === 0) {
      if (key !== `${ATOM} feed`) return fail(`not a Blogger export: the document is <${tag.name}>, not an Atom <feed>`)
      const declared = Object.values(tag.ns ?? {})
      const format: ImportFormat = declared.includes(BLOGGER_2018) ? '2018' : 'classic'
      feed = { format, blogId: null, title: '', url: null, updated: null }
      return
    }
    if (key === `${ATOM} entry` && depth === 1) {
      draft = newDraft(parser.line)
      return
    }
    const attr = (name: string) => tag.attributes[name]?.value ?? ''
    if (draft) {
      if (key === `${ATOM} category`) {
        const scheme = attr('scheme')
        const term = attr('term')
        if (scheme === KIND_SCHEME) draft.kindTerm = term
        else if (term && (scheme === CLASSIC_LABEL_SCHEME || scheme.startsWith('tag:blogger.com'))) draft.labels.push(term)
      } else if (key === `${ATOM} link` && depth === 2) {
        if (attr('rel') === 'alternate' && attr('type') === 'text/html') draft.legacyPath = pathOf(attr('href'))
        // Classic replies point at the parent comment's feed URL: …/comments/default/<id>.
        if (attr('rel') === 'related') draft.inReplyToId = /\/comments\/default\/(\d+)/.exec(attr('href'))?.[1] ?? draft.inReplyToId
      } else if (key === `${THR} in-reply-to`) {
        draft.parentId = attr('ref') || null
      } else if (key === `${MEDIA} thumbnail`) {
        draft.thumbnailUrl = attr('url') || null
      }
    } else if (depth === 1 && key === `${ATOM} link` && attr('rel') === 'alternate') {
      feedUrl = attr('href') || null
    }
    if (TEXT_FIELDS.has(key)) text = ''
  })

  const onText = (t: string) => {
    if (text !== null) text += t
  }
  parser.on('text', onText)
  parser.on('cdata', onText)

  parser.on('closetag', (tag) => {
    if (failure) return
    stack.pop()
    const depth = stack.length
    const key = `${tag.uri} ${tag.local}`
    const value = text
    if (TEXT_FIELDS.has(key)) text = null
    if (depth === 0 || !feed) return
    if (depth === 1 && !draft) {
      if (key === `${ATOM} id`) feedId = value ?? ''
      if (key === `${ATOM} title`) feedTitle = value ?? ''
      if (key === `${ATOM} updated`) feedUpdated = value?.trim() || null
      return
    }
    if (!draft) return
    if (key === `${ATOM} entry` && depth === 1) {
      const entry = finishEntry(draft, feed.format)
      draft = null
      entries++
      pending.push(entry)
      return
    }
    if (value === null) return
    const parent = stack[stack.length - 1]
    const inAuthor = parent?.uri === ATOM && parent.local === 'author'
    switch (key) {
      case `${ATOM} id`:
        if (depth === 2) draft.id = value
        break
      case `${ATOM} title`:
        if (depth === 2) draft.title = value
        break
      case `${ATOM} content`:
        if (depth === 2) draft.contentHtml = value
        break
      case `${ATOM} published`:
        if (depth === 2) draft.published = value.trim() || null
        break
      case `${ATOM} updated`:
        if (depth === 2) draft.updated = value.trim() || null
        break
      case `${ATOM} name`:
        if (inAuthor) draft.author.name = value.trim()
        break
      case `${ATOM} uri`:
        if (inAuthor) draft.author.uri = value.trim() || null
        break
      case `${APP} draft`:
        draft.appDraft = value.trim().toLowerCase() === 'yes'
        break
      case `${BLOGGER_2018} type`:
        if (depth === 2) draft.type2018 = value.trim()
        break
      case `${BLOGGER_2018} status`:
        if (depth === 2) draft.status2018 = value.trim()
        break
      case `${BLOGGER_2018} filename`:
        draft.legacyPath = value.trim() || null
        break
      case `${BLOGGER_2018} created`:
        draft.created = value.trim() || null
        break
      case `${BLOGGER_2018} metaDescription`:
        draft.metaDescription = value
        break
      case `${BLOGGER_2018} parent`:
        draft.parentId = value.trim() || null
        break
      case `${BLOGGER_2018} inReplyTo`:
        draft.inReplyToId = value.trim() || null
        break
    }
  })

  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })
  let bytes = 0
  let announced = false
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk)
      bytes += Buffer.byteLength(chunk)
      if (failure) throw failure
      if (feed && !announced && (feedId || pending.length > 0)) {
        announced = true
        feed = finishFeed(feed, feedId, feedTitle, feedUrl, feedUpdated)
        opts.onFeed?.(feed)
      }
      while (pending.length > 0) await opts.onEntry(pending.shift()!)
      opts.onProgress?.(bytes, totalBytes, entries)
    }
    if (!feed) throw new ExportReadError('not a Blogger export: the file holds no XML document', parser.line || 1)
    parser.close()
    if (failure) throw failure
  } catch (error) {
    stream.destroy()
    if (error instanceof ExportReadError) throw error
    // saxes throws from close() when it has no error handler for it; ours records it instead.
    if (failure) throw failure
    throw new ExportReadError(error instanceof Error ? error.message : String(error), parser.line || null)
  }
  feed = finishFeed(feed, feedId, feedTitle, feedUrl, feedUpdated)
  if (!feed.blogId) throw new ExportReadError('not a Blogger export: the feed id is not a Blogger blog id', 1)
  if (!announced) opts.onFeed?.(feed)
  while (pending.length > 0) await opts.onEntry(pending.shift()!)
  opts.onProgress?.(bytes, totalBytes, entries)
  return feed
}

function finishFeed(feed: FeedInfo, id: string, title: string, url: string | null, updated: string | null): FeedInfo {
  return { ...feed, blogId: blogIdOf(id), title: title.trim(), url, updated }
}
