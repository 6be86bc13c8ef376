import { createHash } from 'node:crypto'
import { toPathMonth } from '@/lib/dates'
import { labelKey } from '@/lib/labels/key'
import { isBloggerSourcePath } from '@/lib/redirects/blogger'
import { slugify } from '@/lib/urls'
import type { FeedInfo, RawEntry } from './parse'

/*
 * What the import makes of one export entry, decided from the entry alone (no database): its
 * status, its old path (if Blogger could have served it there), the slug it asks for, its author
 * and label keys. Pure functions, shared by the read, prepare and publish steps.
 */

export type PostStatus = 'published' | 'draft' | 'scheduled'
export type PageStatus = 'published' | 'draft'

export const SPONSORED_LABEL = /^(?:advertorial|advetorial|pariwara|iklan|sponsored|konten bersponsor)\b/i

/** Bump when the clean-up of bodies changes, so a re-import rewrites bodies made by the old rules. */
export const BODY_RULES_VERSION = 1

export function timeMs(value: string | null): number | null {
  if (!value) return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}

/** A percent-encoded path segment as text; a broken escape is kept as written rather than failing the import. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** "/2023/06/banjir-rendam-80-rumah_97.html" → pathMonth "2023/06", slug "banjir-rendam-80-rumah-97". */
export function fromLegacyPostPath(legacyPath: string | null): { pathMonth: string; slug: string } | null {
  const m = legacyPath ? /^\/(\d{4})\/(\d{2})\/([^/]+?)\.html$/i.exec(legacyPath) : null
  if (!m) return null
  return { pathMonth: `${m[1]}/${m[2]}`, slug: slugify(decodePathPart(m[3]!).replace(/_/g, '-'), 120) }
}

function fromLegacyPagePath(legacyPath: string | null): string | null {
  const m = legacyPath ? /^\/p\/([^/]+?)\.html$/i.exec(legacyPath) : null
  return m ? slugify(decodePathPart(m[1]!).replace(/_/g, '-'), 120) : null
}

/**
 * The entry's old path if Blogger could have served it there, else null: an export may name any
 * path, and a redirect row from `/admin/masuk` would take over the sign-in page (issue #10, finding 6).
 */
export function sourcePathOrNull(kind: 'post' | 'page', legacyPath: string | null): string | null {
  return legacyPath && isBloggerSourcePath(kind, legacyPath) ? legacyPath : null
}

/** The old comment feed of a post, if its id is one of Blogger's (numeric). */
export function commentFeedPathOf(externalId: string): string | null {
  const path = `/feeds/${externalId}/comments/default`
  return isBloggerSourcePath('comment-feed', path) ? path : null
}

export function authorKeyOf(entry: RawEntry): string {
  const profile = entry.author.uri ? /profile\/(\d+)/.exec(entry.author.uri)?.[1] : null
  return profile ? `profile:${profile}` : `name:${entry.author.name.trim().toLowerCase() || 'anonim'}`
}

function postStatus(entry: RawEntry, now: number): PostStatus | 'trashed' {
  if (entry.status === 'trashed') return 'trashed'
  if (entry.status === 'draft') return 'draft'
  const published = timeMs(entry.published)
  // Classic exports say "scheduled" only by a publication time still ahead; 2018 ones say it
  // outright. Either way a time that has passed means Blogger would have published it by now.
  return published !== null && published > now ? 'scheduled' : 'published'
}

/** What is kept of a post or page between reading the export and writing it (the staging row). */
export type EntryPlan = {
  kind: 'post' | 'page'
  externalId: string
  line: number
  status: PostStatus
  /** Scheduled in Blogger when the export was made (posts). */
  wasScheduled: boolean
  legacyPath: string | null
  publishedMs: number | null
  baseSlug: string
  authorKey: string
  /** Normalised label keys in the post's order, without duplicates (posts). */
  labelKeys: string[]
  /** The raw label names, parallel to labelKeys: the first spelling seen on this post. */
  labelNames: string[]
  sponsored: boolean
}

/**
 * The plan of a post or page, or the reason it is not imported. `exportedAt` is the export's own
 * time (a post after it was scheduled in Blogger), `now` the import's "now".
 */
export function planEntry(entry: RawEntry, now: number, exportedAt: number | null): EntryPlan | { skip: 'trashed' } {
  if (entry.kind === 'page') {
    if (entry.status === 'trashed') return { skip: 'trashed' }
    const legacyPath = sourcePathOrNull('page', entry.legacyPath)
    return {
      kind: 'page',
      externalId: entry.id,
      line: entry.line,
      status: entry.status === 'draft' ? 'draft' : 'published',
      wasScheduled: false,
      legacyPath,
      publishedMs: timeMs(entry.published),
      baseSlug: fromLegacyPagePath(legacyPath) ?? slugify(entry.title || `halaman-${entry.id}`, 120),
      authorKey: authorKeyOf(entry),
      labelKeys: [],
      labelNames: [],
      sponsored: false,
    }
  }
  const status = postStatus(entry, now)
  if (status === 'trashed') return { skip: 'trashed' }
  const labelKeys: string[] = []
  const labelNames: string[] = []
  for (const raw of entry.labels) {
    const key = labelKey(raw)
    if (!key || labelKeys.includes(key)) continue
    labelKeys.push(key)
    labelNames.push(raw)
  }
  const published = timeMs(entry.published)
  const legacyPath = sourcePathOrNull('post', entry.legacyPath)
  return {
    kind: 'post',
    externalId: entry.id,
    line: entry.line,
    status,
    // The 2018 format says so; the classic one only by a time after the export's.
    wasScheduled: entry.status === 'scheduled' || (published !== null && exportedAt !== null && published > exportedAt),
    legacyPath,
    publishedMs: published,
    baseSlug: fromLegacyPostPath(legacyPath)?.slug || slugify(entry.title || `artikel-${entry.id}`, 120),
    authorKey: authorKeyOf(entry),
    labelKeys,
    labelNames,
    sponsored: labelKeys.some((k) => SPONSORED_LABEL.test(k)),
  }
}

/**
 * The URL month: from Blogger's file name (never from the UTC time: a post at 05:30 WIB on
 * 1 September is in /09/); for a live post without one, its publication month in WIB. Drafts and
 * scheduled posts without one get theirs when they are published.
 */
export function urlMonthOf(plan: { status: PostStatus; legacyPath: string | null; publishedMs: number | null }): string | null {
  if (plan.status === 'draft') return null
  const legacy = fromLegacyPostPath(plan.legacyPath)?.pathMonth
  if (legacy) return legacy
  return plan.status === 'published' && plan.publishedMs !== null ? toPathMonth(new Date(plan.publishedMs)) : null
}

/** The label's name as the newsroom will see it: the spelling most used, preferring one not in capitals. */
export function displayName(variants: Map<string, number>): string {
  const tidy = (s: string) => s.replace(/\s+/g, ' ').trim()
  const allCaps = (s: string) => s === s.toUpperCase() && s !== s.toLowerCase()
  return [...variants.entries()]
    .map(([name, count]) => ({ name: tidy(name), count }))
    .sort((a, b) => b.count - a.count || Number(allCaps(a.name)) - Number(allCaps(b.name)) || a.name.localeCompare(b.name))[0]!.name
}

export function sponsorNameOf(labelNames: string[]): string {
  const label = labelNames.find((n) => SPONSORED_LABEL.test(n))
  if (!label) return ''
  return label.replace(SPONSORED_LABEL, '').replace(/^[\s:–-]+/, '').trim() || label
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32)
}

/** The blog's own addresses: links to them are links between its posts. */
export function internalHosts(feed: FeedInfo, siteUrl: string | undefined): Set<string> {
  const hosts = new Set<string>()
  for (const url of [feed.url, siteUrl]) {
    if (!url) continue
    try {
      const host = new URL(url).hostname.toLowerCase()
      hosts.add(host)
      hosts.add(host.startsWith('www.') ? host.slice(4) : `www.${host}`)
    } catch {
      // not a URL: no host to add
    }
  }
  return hosts
}

/**
 * The link rewriter for bodies: a link to one of the blog's old posts or pages (on its own host,
 * a blogspot alias or relative) becomes the path of its new home; `lookup` maps a lower-cased
 * old path to it. Null leaves the link as it is.
 */
export function makeHrefRewriter(hosts: Set<string>, lookup: (legacyPathLower: string) => string | null) {
  return (href: string): string | null => {
    let url: URL
    try {
      url = new URL(href, 'http://relative.invalid')
    } catch {
      return null
    }
    const host = url.hostname.toLowerCase()
    if (host !== 'relative.invalid' && !hosts.has(host) && !host.endsWith('.blogspot.com')) return null
    return lookup(url.pathname.toLowerCase())
  }
}
