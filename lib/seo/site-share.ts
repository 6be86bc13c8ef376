import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { getSiteChrome } from '@/components/site/site-data'
import { getMedia } from '@/db/queries/media'
import { getSiteSettings } from '@/db/queries/settings'
import { TAGS } from '@/lib/cache-tags'
import { getEnv } from '@/lib/env'
import { type SiteCardInput, siteCardKey } from '@/lib/media/site-card'
import { mediaShareImages, type ShareImages, siteCardShareImages } from './share-images'

/**
 * The site's share images from its settings: the photo chosen as share image (settings
 * `share_media_id`), else the card drawn from the logo and the site name.
 */
export async function resolveSiteShareImages(
  settings: { siteName: string; shareMediaId: number | null },
  logoStorageKey: string | null,
  siteUrl: string | null,
): Promise<ShareImages> {
  const chosen = settings.shareMediaId ? (await getMedia(settings.shareMediaId)) : null
  if (chosen) return mediaShareImages(chosen.storageKey, chosen.alt || settings.siteName, siteUrl)
  return siteCardShareImages(siteCardKey({ siteName: settings.siteName, logoStorageKey }), settings.siteName, siteUrl)
}

/** What stands in for a story without a photo, on every public page's cache entry (tag `site`). */
export async function getSiteShareImages(): Promise<ShareImages> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  const chrome = await getSiteChrome()
  return resolveSiteShareImages(chrome, chrome.logo?.storageKey ?? null, getEnv().siteUrl)
}

/** The card the settings describe now, read afresh: the /media route draws only this one. */
export async function getCurrentSiteCardInput(): Promise<SiteCardInput> {
  const settings = await getSiteSettings()
  const logo = settings.logoMediaId ? (await getMedia(settings.logoMediaId)) : null
  return { siteName: settings.siteName, logoStorageKey: logo?.storageKey ?? null }
}
