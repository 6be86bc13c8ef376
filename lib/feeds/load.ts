import 'server-only'
import { cacheLife } from 'next/cache'
import { getSiteChrome } from '@/components/site/site-data'
import { listAuthorFeedItems, listLabelFeedItems, listSiteFeedItems, type FeedItem } from '@/db/queries/feeds'
import { getLabelBySlug } from '@/db/queries/labels'
import { getAuthorBySlug } from '@/db/queries/users'
import { authorPageTags, feedItemTags, labelPageTags, latestListTags, tagPage } from '@/lib/cache/page-tags'
import { absolutizeHtml } from '@/lib/html/absolute'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'
import { etagOf } from '@/lib/http/conditional'
import { t } from '@/lib/i18n/id'
import { mediaFileName } from '@/lib/media/paths'
import { MAX_MEDIA_WIDTH } from '@/lib/media/sizes'
import { getMediaStorage } from '@/lib/media/storage'
import { getPublisher } from '@/lib/seo/publisher'
import { absoluteUrl, articlePath, authorFeedPath, authorPath, labelFeedPath, labelPath, mediaPath, SITE_FEED_PATH } from '@/lib/urls'
import { renderRss, type RssItem } from './rss'

/*
 * The three RSS feeds, built whole and cached with the tags of everything in them (and keyed by
 * the site's address, SITE_URL or the request's: lib/env.ts siteUrlFor): a publish
 * (articles:latest), an edit (article:N), a label or author change expires the right ones.
 * Route handlers add HTTP caching (ETag, 304) around the cached text.
 */

export type CachedFeed = { xml: string; etag: string }

async function fileSize(storageKey: string, width: number): Promise<number> {
  try {
    return (await getMediaStorage().stat(mediaFileName(storageKey, width)))?.size ?? 0
  } catch {
    // RSS wants a length; 0 is what the RSS Best Practices Profile says to send when unknown.
    return 0
  }
}

async function toRssItem(item: FeedItem, siteUrl: string): Promise<RssItem> {
  const link = absoluteUrl(siteUrl, articlePath(item))
  const body = absolutizeHtml(sanitizeArticleHtml(item.bodyHtml, { sponsored: item.isSponsored, siteUrl }), siteUrl)
  const enclosure =
    item.image?.kind === 'media'
      ? {
          url: absoluteUrl(siteUrl, mediaPath(item.image.storageKey, MAX_MEDIA_WIDTH)),
          length: await fileSize(item.image.storageKey, MAX_MEDIA_WIDTH),
          type: 'image/webp',
        }
      : item.image?.kind === 'url'
        ? { url: item.image.url, length: 0, type: item.image.url.toLowerCase().endsWith('.png') ? 'image/png' : 'image/jpeg' }
        : null
  return {
    title: item.isSponsored ? t.feeds.advertorialTitle(item.title) : item.title,
    link,
    guid: `${new URL(siteUrl).host}:article:${item.id}`,
    description: item.excerpt || item.title,
    contentHtml: body,
    pubDate: item.publishedAt,
    creator: item.authorName,
    categories: item.isSponsored ? [t.article.advertorial, ...item.labels] : item.labels,
    enclosure,
  }
}

async function render(
  channel: { title: string; path: string; feedPath: string; description: string },
  items: FeedItem[],
  siteUrl: string,
): Promise<CachedFeed> {
  const publisher = await getPublisher()
  tagPage(feedItemTags(items))
  const rssItems = await Promise.all(items.map((i) => toRssItem(i, siteUrl)))
  const xml = renderRss(
    {
      title: channel.title,
      link: absoluteUrl(siteUrl, channel.path),
      description: channel.description,
      selfUrl: absoluteUrl(siteUrl, channel.feedPath),
      lastBuildDate: items.reduce<Date>((latest, i) => {
        const changed = i.updatedAt && i.updatedAt > i.publishedAt ? i.updatedAt : i.publishedAt
        return changed > latest ? changed : latest
      }, new Date(0)),
      image: { url: absoluteUrl(siteUrl, publisher.logo.url), title: channel.title, link: absoluteUrl(siteUrl, channel.path) },
    },
    rssItems,
  )
  return { xml, etag: etagOf(xml) }
}

export async function loadSiteFeed(siteUrl: string): Promise<CachedFeed> {
  'use cache'
  cacheLife('max')
  tagPage(latestListTags())
  const chrome = await getSiteChrome()
  return render(
    { title: t.feeds.site(chrome.siteName), path: '/', feedPath: SITE_FEED_PATH, description: chrome.tagline },
    await listSiteFeedItems(),
    siteUrl,
  )
}

/** Null when no label has this slug. */
export async function loadLabelFeed(slug: string, siteUrl: string): Promise<CachedFeed | null> {
  'use cache'
  cacheLife('max')
  const label = await getLabelBySlug(slug)
  tagPage(labelPageTags(slug, label))
  if (!label) return null
  const chrome = await getSiteChrome()
  return render(
    {
      title: t.feeds.label(label.name, chrome.siteName),
      path: labelPath(label.slug),
      feedPath: labelFeedPath(label.slug),
      description: label.description || t.seo.archiveDescription(t.archive.label(label.name), chrome.siteName),
    },
    await listLabelFeedItems(label.id),
    siteUrl,
  )
}

/** Null when no author has this slug. */
export async function loadAuthorFeed(slug: string, siteUrl: string): Promise<CachedFeed | null> {
  'use cache'
  cacheLife('max')
  const author = await getAuthorBySlug(slug)
  tagPage(authorPageTags(slug, author))
  if (!author) return null
  const chrome = await getSiteChrome()
  return render(
    {
      title: t.feeds.author(author.name, chrome.siteName),
      path: authorPath(author.slug),
      feedPath: authorFeedPath(author.slug),
      description: author.bio || t.seo.authorDescription(author.name, chrome.siteName),
    },
    await listAuthorFeedItems(author.id),
    siteUrl,
  )
}
