import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { getSiteChrome } from '@/components/site/site-data'
import { getMedia } from '@/db/queries/media'
import { TAGS } from '@/lib/cache-tags'
import { getEnv } from '@/lib/env'
import { pickMediaWidth } from '@/lib/media/sizes'
import { pageUrl, mediaPath, pagePath, STANDARD_PAGES } from '@/lib/urls'

export type Publisher = {
  name: string
  /** The homepage, absolute, with its trailing slash. */
  url: string
  logo: { url: string; width: number; height: number }
  /** The newsroom's social profiles (settings `social`). */
  sameAs: string[]
  /** The contact page, while it is published. */
  contactUrl: string | null
}

/** Shipped in public/: used until the newsroom uploads a logo (settings `logo_media_id`). */
const DEFAULT_LOGO = { path: '/logo.png', width: 512, height: 512 }
const LOGO_WIDTH = 640

/** The newsroom as structured data and feeds name it: site name, logo, profiles, contact page. */
export async function getPublisher(): Promise<Publisher> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  const chrome = await getSiteChrome()
  const siteUrl = getEnv().siteUrl
  const media = chrome.logoMediaId ? (await getMedia(chrome.logoMediaId)) : null
  const logo = media
    ? {
        url: pageUrl(siteUrl, mediaPath(media.storageKey, pickMediaWidth(LOGO_WIDTH))),
        width: Math.min(media.width, LOGO_WIDTH),
        height: Math.round((media.height * Math.min(media.width, LOGO_WIDTH)) / media.width),
      }
    : { url: pageUrl(siteUrl, DEFAULT_LOGO.path), width: DEFAULT_LOGO.width, height: DEFAULT_LOGO.height }
  return {
    name: chrome.siteName,
    url: pageUrl(siteUrl, '/'),
    logo,
    sameAs: Object.values(chrome.social),
    contactUrl: chrome.publishedPages.includes(STANDARD_PAGES.contact) ? pageUrl(siteUrl, pagePath(STANDARD_PAGES.contact)) : null,
  }
}
