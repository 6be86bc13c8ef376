import { z } from 'zod'
import { t } from '@/lib/i18n/id'

const s = t.admin.settings

/** Social networks the site links to, in the order the settings form and the footer show them. */
export const SOCIAL_NETWORKS = ['facebook', 'instagram', 'x', 'youtube', 'tiktok', 'whatsapp'] as const
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number]

export const MAX_FEATURED_LABELS = 12

const siteName = z.string().trim().min(1, s.siteNameRequired).max(100, s.siteNameTooLong)
const tagline = z.string().trim().max(200, s.taglineTooLong)
// https only: these links are printed on every page, so no javascript: or plain-http URLs.
const socialUrl = z.string().trim().max(500, s.urlInvalid).pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: s.urlInvalid }))

/**
 * A change to the site settings, as db/queries/settings.ts writes it: any subset of keys,
 * nothing unknown. `social` replaces the whole set of links.
 */
export const siteSettingsPatch = z
  .object({
    siteName,
    tagline,
    logoMediaId: z.number().int().positive().nullable(),
    shareMediaId: z.number().int().positive().nullable(),
    featuredLabelIds: z.array(z.number().int().positive()).max(MAX_FEATURED_LABELS),
    social: z.partialRecord(z.enum(SOCIAL_NETWORKS), socialUrl),
  })
  .partial()
  .strict()
export type SiteSettingsPatch = z.input<typeof siteSettingsPatch>

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
export const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

const mediaIdField = z.preprocess(
  (v) => (text(v) === '' ? null : Number(text(v))),
  z.number({ error: s.logoInvalid }).int(s.logoInvalid).positive(s.logoInvalid).nullable(),
)

const socialField = z.preprocess((v) => text(v) || undefined, socialUrl.optional())

/**
 * The settings form as posted. `featured` keeps its blank slots so that an error can name the
 * slot it belongs to (`featured.2`); the action drops them. One field per social network.
 */
export const settingsFormInput = z.object({
  siteName: z.preprocess(text, siteName),
  tagline: z.preprocess(text, tagline),
  logoMediaId: mediaIdField,
  shareMediaId: mediaIdField,
  featured: z.preprocess((v) => asList(v).map((x) => text(x).toLowerCase()), z.array(z.string()).max(MAX_FEATURED_LABELS)),
  social_facebook: socialField,
  social_instagram: socialField,
  social_x: socialField,
  social_youtube: socialField,
  social_tiktok: socialField,
  social_whatsapp: socialField,
})
