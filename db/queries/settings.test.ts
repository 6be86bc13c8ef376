import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/db'
import { auditLog, settings } from '@/db/schema'
import { DEFAULT_SITE_SETTINGS, getSiteSettings, updateSiteSettings } from './settings'

beforeEach(() => {
  getDb().delete(settings).run()
})

describe('updateSiteSettings', () => {
  it('writes only the keys given and reads them back', () => {
    updateSiteSettings({ siteName: '  Kabar Pesisir ', featuredLabelIds: [3, 1] }, null)
    expect(getSiteSettings()).toEqual({ ...DEFAULT_SITE_SETTINGS, siteName: 'Kabar Pesisir', featuredLabelIds: [3, 1] })
    updateSiteSettings({ tagline: 'Dari pantai utara', social: { instagram: 'https://instagram.com/kabarpesisir' } })
    expect(getSiteSettings()).toMatchObject({
      siteName: 'Kabar Pesisir',
      tagline: 'Dari pantai utara',
      social: { instagram: 'https://instagram.com/kabarpesisir' },
    })
    expect(getDb().select().from(auditLog).where(eq(auditLog.action, 'settings:update')).all().length).toBeGreaterThanOrEqual(2)
  })

  it('clears the logo and the share photo (null), which fall back to their defaults', () => {
    updateSiteSettings({ logoMediaId: 7, shareMediaId: 8 })
    expect(getSiteSettings()).toMatchObject({ logoMediaId: 7, shareMediaId: 8 })
    updateSiteSettings({ logoMediaId: null, shareMediaId: null })
    expect(getSiteSettings()).toEqual(DEFAULT_SITE_SETTINGS)
  })

  it('refuses invalid values and unknown keys, writing nothing', () => {
    const bad: unknown[] = [
      { siteName: '   ' },
      { siteName: 'x'.repeat(101) },
      { logoMediaId: -1 },
      { featuredLabelIds: Array.from({ length: 13 }, (_, i) => i + 1) },
      { social: { facebook: 'javascript:alert(1)' } },
      { social: { facebook: 'http://facebook.com/warta' } },
      { social: { myspace: 'https://myspace.com/warta' } },
      { theme: 'dark' },
    ]
    for (const patch of bad) expect(() => updateSiteSettings(patch as never), JSON.stringify(patch)).toThrow(ZodError)
    expect(getDb().select().from(settings).all()).toEqual([])
  })

  it('falls back to defaults when a stored value is broken', () => {
    getDb().insert(settings).values({ key: 'featured_label_ids', value: 'not a list' }).run()
    expect(getSiteSettings().featuredLabelIds).toEqual([])
  })
})
