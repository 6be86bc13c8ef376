import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { listLabelsByIds, type PublicLabel } from '@/db/queries/labels'
import { getMedia } from '@/db/queries/media'
import { DEFAULT_SITE_SETTINGS, getSiteSettings, type SiteSettings } from '@/db/queries/settings'
import { TAGS } from '@/lib/cache-tags'
import { jakartaParts } from '@/lib/dates'
import { isBuildPhase } from '@/lib/env'

export type SiteLogo = { storageKey: string; width: number; height: number }
export type SiteChrome = SiteSettings & { navLabels: PublicLabel[]; year: number; logo: SiteLogo | null }

/** Site name, tagline and featured labels: read once and shared by every public page's cache entry. */
export async function getSiteChrome(): Promise<SiteChrome> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  // The prerendered 404 page is the one page built with chrome; the build may not read data.
  const year = jakartaParts(new Date()).year
  if (isBuildPhase()) return { ...DEFAULT_SITE_SETTINGS, navLabels: [], year, logo: null }
  const settings = getSiteSettings()
  const media = settings.logoMediaId ? getMedia(settings.logoMediaId) : null
  const logo = media ? { storageKey: media.storageKey, width: media.width, height: media.height } : null
  return { ...settings, navLabels: listLabelsByIds(settings.featuredLabelIds), year, logo }
}
