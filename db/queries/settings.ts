import 'server-only'
import { z } from 'zod'
import { getDb } from '@/db'
import { settings } from '@/db/schema'
import { t } from '@/lib/i18n/id'

/**
 * Settings are stored as one JSON value per key. Each value is parsed on read: a bad
 * value written by hand or by an old version falls back to its default instead of
 * breaking every page.
 */
const settingsSchema = {
  site_name: z.string().trim().min(1).max(100).catch(t.site.defaultName),
  tagline: z.string().trim().max(200).catch(t.site.defaultTagline),
  logo_media_id: z.number().int().positive().nullable().catch(null),
  featured_label_ids: z.array(z.number().int().positive()).max(12).catch([]),
  social: z.record(z.string(), z.url()).catch({}),
}

export type SiteSettings = {
  siteName: string
  tagline: string
  logoMediaId: number | null
  featuredLabelIds: number[]
  social: Record<string, string>
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  siteName: t.site.defaultName,
  tagline: t.site.defaultTagline,
  logoMediaId: null,
  featuredLabelIds: [],
  social: {},
}

export function getSiteSettings(): SiteSettings {
  const rows = getDb().select({ key: settings.key, value: settings.value }).from(settings).all()
  const raw = new Map(rows.map((r) => [r.key, r.value]))
  return {
    siteName: settingsSchema.site_name.parse(raw.get('site_name') ?? t.site.defaultName),
    tagline: settingsSchema.tagline.parse(raw.get('tagline') ?? t.site.defaultTagline),
    logoMediaId: settingsSchema.logo_media_id.parse(raw.get('logo_media_id') ?? null),
    featuredLabelIds: settingsSchema.featured_label_ids.parse(raw.get('featured_label_ids') ?? []),
    social: settingsSchema.social.parse(raw.get('social') ?? {}),
  }
}
