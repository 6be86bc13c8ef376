import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { listLabelsByIds, type PublicLabel } from '@/db/queries/labels'
import { getMedia } from '@/db/queries/media'
import { listPublishedPageSlugs } from '@/db/queries/pages'
import { DEFAULT_SITE_SETTINGS, getSiteSettings, type SiteSettings } from '@/db/queries/settings'
import { TAGS } from '@/lib/cache-tags'
import { jakartaParts } from '@/lib/dates'
import { isBuildPhase } from '@/lib/env'
import { STANDARD_PAGES } from '@/lib/urls'

export type SiteLogo = { storageKey: string; width: number; height: number }
export type SiteChrome = SiteSettings & {
  navLabels: PublicLabel[]
  year: number
  logo: SiteLogo | null
  /** Which of the standard pages (masthead, guideline, contact) are published: only those are linked. */
  publishedPages: string[]
}

/**
 * Site name, tagline, featured labels and the published standard pages: read once and shared by
 * every public page's cache entry. Tagged `site`, which page publish and unpublish expire.
 */
export async function getSiteChrome(): Promise<SiteChrome> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  // The prerendered 404 page is the one page built with chrome; the build may not read data.
  const year = jakartaParts(new Date()).year
  if (isBuildPhase()) return { ...DEFAULT_SITE_SETTINGS, navLabels: [], year, logo: null, publishedPages: [] }
  const settings = await getSiteSettings()
  const media = settings.logoMediaId ? (await getMedia(settings.logoMediaId)) : null
  const logo = media ? { storageKey: media.storageKey, width: media.width, height: media.height } : null
  const publishedPages = await listPublishedPageSlugs(Object.values(STANDARD_PAGES))
  return { ...settings, navLabels: await listLabelsByIds(settings.featuredLabelIds), year, logo, publishedPages }
}
