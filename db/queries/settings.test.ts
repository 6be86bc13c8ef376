import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getWriteConnection } from '@/db'
import { auditLog, settings } from '@/db/tables'
import { DEFAULT_SITE_SETTINGS, getSiteSettings, updateSiteSettings } from './settings'

beforeEach(async () => {
  await getWriteConnection().delete(settings)
})

describe('updateSiteSettings', () => {
  it('writes only the keys given and reads them back', async () => {
    await updateSiteSettings({ siteName: '  Kabar Pesisir ', featuredLabelIds: [3, 1] }, null)
    expect(await getSiteSettings()).toEqual({ ...DEFAULT_SITE_SETTINGS, siteName: 'Kabar Pesisir', featuredLabelIds: [3, 1] })
    await updateSiteSettings({ tagline: 'Dari pantai utara', social: { instagram: 'https://instagram.com/kabarpesisir' } })
    expect(await getSiteSettings()).toMatchObject({
      siteName: 'Kabar Pesisir',
      tagline: 'Dari pantai utara',
      social: { instagram: 'https://instagram.com/kabarpesisir' },
    })
    expect((await getWriteConnection().select().from(auditLog).where(eq(auditLog.action, 'settings:update'))).length).toBeGreaterThanOrEqual(2)
  })

  it('clears the logo and the share photo (null), which fall back to their defaults', async () => {
    await updateSiteSettings({ logoMediaId: 7, shareMediaId: 8 })
    expect(await getSiteSettings()).toMatchObject({ logoMediaId: 7, shareMediaId: 8 })
    await updateSiteSettings({ logoMediaId: null, shareMediaId: null })
    expect(await getSiteSettings()).toEqual(DEFAULT_SITE_SETTINGS)
  })

  it('refuses invalid values and unknown keys, writing nothing', async () => {
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
    for (const patch of bad) await expect(updateSiteSettings(patch as never), JSON.stringify(patch)).rejects.toThrow(ZodError)
    expect(await getWriteConnection().select().from(settings)).toEqual([])
  })

  it('falls back to defaults when a stored value is broken', async () => {
    await getWriteConnection().insert(settings).values({ key: 'featured_label_ids', value: 'not a list' })
    expect((await getSiteSettings()).featuredLabelIds).toEqual([])
  })
})
