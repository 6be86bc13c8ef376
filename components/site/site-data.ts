import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { listLabelsByIds, type PublicLabel } from '@/db/queries/labels'
import { DEFAULT_SITE_SETTINGS, getSiteSettings, type SiteSettings } from '@/db/queries/settings'
import { TAGS } from '@/lib/cache-tags'
import { jakartaParts } from '@/lib/dates'
import { isBuildPhase } from '@/lib/env'

export type SiteChrome = SiteSettings & { navLabels: PublicLabel[]; year: number }

/** Site name, tagline and featured labels: read once and shared by every public page's cache entry. */
export async function getSiteChrome(): Promise<SiteChrome> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  // The prerendered 404 page is the one page built with chrome; the build may not read data.
  const year = jakartaParts(new Date()).year
  if (isBuildPhase()) return { ...DEFAULT_SITE_SETTINGS, navLabels: [], year }
  const settings = getSiteSettings()
  return { ...settings, navLabels: listLabelsByIds(settings.featuredLabelIds), year }
}
