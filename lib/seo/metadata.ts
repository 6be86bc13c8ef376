import type { Metadata } from 'next'
import { pageUrl, SITE_FEED_PATH } from '@/lib/urls'

export type SeoImage = { url: string; width?: number; height?: number; alt: string }

export type SeoInput = {
  /** SITE_URL, or null when unset: then URLs are root-relative and share cards carry no image. */
  siteUrl: string | null
  siteName: string
  /** The full <title>. */
  title: string
  /** og:title / twitter:title, without the site name; defaults to `title`. */
  shareTitle?: string
  description: string
  /** Canonical path of the page ("/label/politik?page=2"). */
  path: string
  image?: SeoImage | null
  /** A logo rather than a photo: shown as a small card, not a large one. */
  smallImage?: boolean
  /** Search results, notices: kept out of the index, links still followed. */
  noindex?: boolean
  /** RSS feeds advertised in <head>, besides the whole site's. */
  feeds?: Array<{ title: string; path: string }>
  siteFeedTitle?: string
  article?: {
    publishedTime: Date
    modifiedTime: Date | null
    section: string | null
    tags: string[]
    authorUrl: string
  }
}

/**
 * The head of every public page: title, description, one canonical URL, RSS links, Open Graph
 * and Twitter cards, robots. Returns only strings (generateMetadata runs under 'use cache',
 * which cannot serialise URL objects).
 *
 * Without SITE_URL the page cannot know its address (it is cached whole, ADR 002/015): the
 * canonical and feed links are root-relative, which browsers and crawlers resolve against the
 * address they opened, and og:url and share images, which must be absolute, are left out
 * rather than pointed at a guessed host.
 */
export function buildMetadata(input: SeoInput): Metadata {
  const { siteUrl } = input
  const url = pageUrl(siteUrl, input.path)
  const shareTitle = input.shareTitle ?? input.title
  const feeds = [
    ...(input.siteFeedTitle ? [{ title: input.siteFeedTitle, path: SITE_FEED_PATH }] : []),
    ...(input.feeds ?? []),
  ]
  const image = input.image && siteUrl ? { ...input.image, url: pageUrl(siteUrl, input.image.url) } : null
  const a = input.article
  return {
    ...(siteUrl ? { metadataBase: siteUrl } : {}),
    title: input.title,
    description: input.description,
    alternates: {
      canonical: url,
      ...(feeds.length
        ? { types: { 'application/rss+xml': feeds.map((f) => ({ title: f.title, url: pageUrl(siteUrl, f.path) })) } }
        : {}),
    },
    robots: input.noindex
      ? { index: false, follow: true }
      : { index: true, follow: true, 'max-image-preview': 'large', 'max-snippet': -1, 'max-video-preview': -1 },
    openGraph: {
      title: shareTitle,
      description: input.description,
      ...(siteUrl ? { url } : {}),
      siteName: input.siteName,
      locale: 'id_ID',
      ...(image ? { images: [image] } : {}),
      ...(a
        ? {
            type: 'article',
            publishedTime: a.publishedTime.toISOString(),
            ...(a.modifiedTime ? { modifiedTime: a.modifiedTime.toISOString() } : {}),
            ...(a.section ? { section: a.section } : {}),
            tags: a.tags,
            authors: [a.authorUrl],
          }
        : { type: 'website' }),
    },
    twitter: {
      card: image && !input.smallImage ? 'summary_large_image' : 'summary',
      title: shareTitle,
      description: input.description,
      ...(image ? { images: [{ url: image.url, alt: image.alt }] } : {}),
    },
  }
}
