import 'server-only'
import { cacheLife } from 'next/cache'
import { getSiteChrome } from '@/components/site/site-data'
import {
  countSitemapAuthors,
  countSitemapLabels,
  getLatestPublicationTime,
  getSitemapMonthStats,
  iterateSitemapArticles,
  listNewsSitemapArticles,
  listSitemapAuthors,
  listSitemapLabels,
  listSitemapMonths,
  listSitemapPages,
  SITEMAP_MAX_URLS,
} from '@/db/queries/sitemaps'
import { sitemapTags, tagPage } from '@/lib/cache/page-tags'
import { etagOf } from '@/lib/http/conditional'
import { absoluteUrl, articlePath, authorPath, indexPath, labelPath, pagePath, sitemapPath } from '@/lib/urls'
import { xmlStream } from '@/lib/xml'
import { sitemapFileName, type SitemapFile } from './files'
import { renderNewsSitemap, renderSitemapIndex, renderUrl, renderUrlset, URLSET_CLOSE, URLSET_OPEN } from './xml'

/*
 * Sitemaps. Each loader takes the site's address (SITE_URL, or the request's when it is unset:
 * lib/env.ts siteUrlFor), which is part of its cache key. The index and the small files (labels, authors, pages, news) are built whole and
 * cached by tag. Article files can hold up to SITEMAP_MAX_URLS URLs and are streamed from the
 * database instead; their ETag comes from a cheap aggregate, so a crawler's repeat request is a
 * 304 without reading a row of the file.
 */

export type CachedXml = { xml: string; etag: string }

const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000
const NEWS_MAX_URLS = 1000

const whole = (xml: string): CachedXml => ({ xml, etag: etagOf(xml) })
const pagesOf = (count: number) => Math.max(1, Math.ceil(count / SITEMAP_MAX_URLS))

export async function loadSitemapIndex(siteUrl: string): Promise<CachedXml> {
  'use cache'
  // Tags expire it on publish and edit; the hourly limit is the backstop for a writer that
  // revalidates only its own tags.
  cacheLife('hours')
  tagPage(sitemapTags())
  const loc = (file: SitemapFile) => absoluteUrl(siteUrl, sitemapPath(sitemapFileName(file)))
  const months = await listSitemapMonths()
  const entries = [
    { loc: loc({ kind: 'news' }), lastmod: months[0]?.lastmod ?? null },
    { loc: loc({ kind: 'pages' }), lastmod: await getLatestPublicationTime() },
    ...Array.from({ length: pagesOf(await countSitemapLabels()) }, (_, i) => ({ loc: loc({ kind: 'labels', page: i + 1 }), lastmod: null })),
    ...Array.from({ length: pagesOf(await countSitemapAuthors()) }, (_, i) => ({ loc: loc({ kind: 'authors', page: i + 1 }), lastmod: null })),
    ...months.flatMap((m) =>
      Array.from({ length: pagesOf(m.count) }, (_, i) => ({
        loc: loc({ kind: 'articles', year: m.year, month: m.month, page: i + 1 }),
        lastmod: m.lastmod,
      })),
    ),
  ]
  return whole(renderSitemapIndex(entries))
}

/** Homepage, daily index and the published static pages. */
export async function loadPagesSitemap(siteUrl: string): Promise<CachedXml> {
  'use cache'
  cacheLife('hours')
  tagPage(sitemapTags())
  const latest = await getLatestPublicationTime()
  return whole(
    renderUrlset([
      { loc: absoluteUrl(siteUrl, '/'), lastmod: latest },
      { loc: absoluteUrl(siteUrl, indexPath()), lastmod: latest },
      ...(await listSitemapPages()).map((p) => ({ loc: absoluteUrl(siteUrl, pagePath(p.slug)), lastmod: p.lastmod })),
    ]),
  )
}

/** Null past the last file. */
export async function loadLabelsSitemap(page: number, siteUrl: string): Promise<CachedXml | null> {
  'use cache'
  cacheLife('hours')
  tagPage(sitemapTags())
  const labels = await listSitemapLabels(page)
  if (labels.length === 0 && page > 1) return null
  return whole(renderUrlset(labels.map((l) => ({ loc: absoluteUrl(siteUrl, labelPath(l.slug)), lastmod: l.lastmod }))))
}

/** Null past the last file. */
export async function loadAuthorsSitemap(page: number, siteUrl: string): Promise<CachedXml | null> {
  'use cache'
  cacheLife('hours')
  tagPage(sitemapTags())
  const authors = await listSitemapAuthors(page)
  if (authors.length === 0 && page > 1) return null
  return whole(renderUrlset(authors.map((a) => ({ loc: absoluteUrl(siteUrl, authorPath(a.slug)), lastmod: a.lastmod }))))
}

/** Google News: non-sponsored stories of the last two days, at most 1,000. */
export async function loadNewsSitemap(siteUrl: string): Promise<CachedXml> {
  'use cache'
  // The two-day window moves with the clock, not only with publishing.
  cacheLife('minutes')
  tagPage(sitemapTags())
  const chrome = await getSiteChrome()
  const items = await listNewsSitemapArticles(new Date(Date.now() - NEWS_WINDOW_MS), NEWS_MAX_URLS)
  return whole(
    renderNewsSitemap(
      chrome.siteName,
      items.map((i) => ({ loc: absoluteUrl(siteUrl, articlePath(i)), title: i.title, publishedAt: i.publishedAt })),
    ),
  )
}

/**
 * One article file: its ETag (from the month's count, latest lastmod and version, which any
 * publish, edit, slug change or removal raises) and a stream of its XML. Null past the end.
 */
export async function articlesSitemap(year: number, month: number, page: number, siteUrl: string): Promise<{ etag: string; stream: () => ReadableStream<Uint8Array> } | null> {
  const stats = await getSitemapMonthStats(year, month)
  if (stats.count === 0 || page > pagesOf(stats.count)) return null
  const etag = `"a${year}${month}-${page}-${stats.count}-${stats.lastmod.toString(36)}-${stats.version.toString(36)}"`
  const stream = () => {
    const chunks = (async function* () {
      for await (const a of (await iterateSitemapArticles(year, month, page))) yield renderUrl({ loc: absoluteUrl(siteUrl, articlePath(a)), lastmod: a.lastmod })
    })()
    return xmlStream(URLSET_OPEN, chunks, URLSET_CLOSE)
  }
  return { etag, stream }
}
