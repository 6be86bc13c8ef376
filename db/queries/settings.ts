import 'server-only'
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import { getDb, type Executor, write } from '@/db'
import { execute, forUpdate } from '@/db/dialect'
import { settings } from '@/db/tables'
import { t } from '@/lib/i18n/id'
import { siteSettingsPatch, type SiteSettingsPatch } from '@/lib/validation/settings'
import { recordAudit } from './audit'

/**
 * Settings are stored as one JSON value per key. Each value is parsed on read: a bad
 * value written by hand or by an old version falls back to its default instead of
 * breaking every page.
 */
const settingsSchema = {
  site_name: z.string().trim().min(1).max(100).catch(t.site.defaultName),
  tagline: z.string().trim().max(200).catch(t.site.defaultTagline),
  logo_media_id: z.number().int().positive().nullable().catch(null),
  share_media_id: z.number().int().positive().nullable().catch(null),
  featured_label_ids: z.array(z.number().int().positive()).max(12).catch([]),
  social: z.record(z.string(), z.url()).catch({}),
}

export type SiteSettings = {
  siteName: string
  tagline: string
  logoMediaId: number | null
  /** The photo shown in link previews of stories without one; null: the card drawn from logo and name. */
  shareMediaId: number | null
  featuredLabelIds: number[]
  social: Record<string, string>
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  siteName: t.site.defaultName,
  tagline: t.site.defaultTagline,
  logoMediaId: null,
  shareMediaId: null,
  featuredLabelIds: [],
  social: {},
}

export async function getSiteSettings(): Promise<SiteSettings> {
  const rows = await getDb().select({ key: settings.key, value: settings.value }).from(settings)
  const raw = new Map(rows.map((r) => [r.key, r.value]))
  return {
    siteName: settingsSchema.site_name.parse(raw.get('site_name') ?? t.site.defaultName),
    tagline: settingsSchema.tagline.parse(raw.get('tagline') ?? t.site.defaultTagline),
    logoMediaId: settingsSchema.logo_media_id.parse(raw.get('logo_media_id') ?? null),
    shareMediaId: settingsSchema.share_media_id.parse(raw.get('share_media_id') ?? null),
    featuredLabelIds: settingsSchema.featured_label_ids.parse(raw.get('featured_label_ids') ?? []),
    social: settingsSchema.social.parse(raw.get('social') ?? {}),
  }
}

const KEYS = {
  siteName: 'site_name',
  tagline: 'tagline',
  logoMediaId: 'logo_media_id',
  shareMediaId: 'share_media_id',
  featuredLabelIds: 'featured_label_ids',
  social: 'social',
} as const satisfies Record<keyof SiteSettings, string>

async function writeSetting(db: Executor, key: string, value: unknown): Promise<void> {
  // No row is a null setting (a cleared logo or share photo): the column holds no SQL NULL.
  if (value === null) {
    await db.delete(settings).where(sql`${settings.key} = ${key}`)
    return
  }
  await db.insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
}

/**
 * Writes the given settings and leaves the others as they are, in one transaction with its
 * audit row. Validated again here whoever the caller is: throws a ZodError for an invalid or
 * unknown key (callers validate user input first and report it as field errors).
 */
export async function updateSiteSettings(patch: SiteSettingsPatch, actorId: number | null = null): Promise<void> {
  const valid = siteSettingsPatch.parse(patch)
  await write(async (tx) => {
    for (const [field, value] of Object.entries(valid) as [keyof SiteSettings, unknown][]) {
      if (value !== undefined) await writeSetting(tx, KEYS[field], value)
    }
    await recordAudit({ actorId, action: 'settings:update', entity: 'settings', detail: { changes: valid } }, tx)
  })
}

/**
 * Maps the featured label ids through `fn` (a merge swaps sources for the target, a delete
 * drops one), keeping the first of any duplicates. Runs in the caller's transaction.
 */
export async function rewriteFeaturedLabelIds(db: Executor, fn: (id: number) => number | null): Promise<void> {
  // PostgreSQL: two merges or deletes at once each rewrote the list they had read, and the
  // second undid the first. Locked, the second reads the first's list (db/dialect.ts forUpdate).
  await execute(db, sql`SELECT key FROM settings WHERE key = ${KEYS.featuredLabelIds}${forUpdate(db)}`)
  const row = (await db.select({ value: settings.value }).from(settings).where(sql`${settings.key} = ${KEYS.featuredLabelIds}`).limit(1))[0]
  if (!row) return
  const before = settingsSchema.featured_label_ids.parse(row.value)
  const after = [...new Set(before.map(fn).filter((id): id is number => id !== null))]
  if (after.length !== before.length || after.some((id, i) => id !== before[i])) await writeSetting(db, KEYS.featuredLabelIds, after)
}
