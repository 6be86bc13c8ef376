import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { listLabelsByIds, type PublicLabel } from '@/db/queries/labels'
import { getSiteSettings, type SiteSettings } from '@/db/queries/settings'
import { TAGS } from '@/lib/cache-tags'

export type SiteChrome = SiteSettings & { navLabels: PublicLabel[] }

/** Site name, tagline and featured labels: read once and shared by every public page's cache entry. */
export async function getSiteChrome(): Promise<SiteChrome> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  const settings = getSiteSettings()
  return { ...settings, navLabels: listLabelsByIds(settings.featuredLabelIds) }
}
