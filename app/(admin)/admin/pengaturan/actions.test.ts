import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getWriteConnection } from '@/db'
import { createMedia } from '@/db/queries/media'
import { DEFAULT_SITE_SETTINGS, getSiteSettings } from '@/db/queries/settings'
import { settings } from '@/db/tables'
import { getEnv } from '@/lib/env'
import { siteCardFileName } from '@/lib/media/paths'
import { siteCardKey } from '@/lib/media/site-card'
import { SHARE_SHAPE_NAMES } from '@/lib/media/sizes'
import { createLabel, createUser } from '@/tests/factories'

const session = vi.hoisted(() => ({ userId: null as number | null }))
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}))
const cache = vi.hoisted(() => ({ updateTag: vi.fn(), revalidateTag: vi.fn(), refresh: vi.fn() }))
vi.mock('next/cache', () => cache)

const { saveSettingsAction } = await import('./actions')

const admin = await createUser({ role: 'admin' })
const editor = await createUser({ role: 'editor' })
const reporter = await createUser({ role: 'reporter' })
const deactivatedAdmin = await createUser({ role: 'admin', active: false })
const news = await createLabel({ slug: 'berita-daerah' })
const sport = await createLabel({ slug: 'olahraga' })
const logo = await createMedia({ storageKey: '2026/03/00000000000000ff', mime: 'image/webp', width: 600, height: 200, bytes: 1, variants: [320] })

function form(overrides: Record<string, string | string[]> = {}) {
  const fields: Record<string, string | string[]> = {
    siteName: 'Kabar Lembah',
    tagline: 'Suara dari lembah',
    logoMediaId: String(logo.id),
    featured: ['olahraga', '', 'berita-daerah', ''],
    social_facebook: 'https://facebook.com/kabarlembah',
    social_instagram: '',
    social_x: '',
    social_youtube: '',
    social_tiktok: '',
    social_whatsapp: 'https://whatsapp.com/channel/0029Va',
    ...overrides,
  }
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x)
  return fd
}

beforeEach(async () => {
  vi.clearAllMocks()
  await getWriteConnection().delete(settings)
  session.userId = admin.id
})

describe('saveSettingsAction', () => {
  it('saves every setting for an admin, featured labels in order, and refreshes the site', async () => {
    expect(await saveSettingsAction(null, form())).toEqual({ ok: true })
    expect(await getSiteSettings()).toEqual({
      siteName: 'Kabar Lembah',
      tagline: 'Suara dari lembah',
      logoMediaId: logo.id,
      shareMediaId: null,
      featuredLabelIds: [sport.id, news.id],
      social: { facebook: 'https://facebook.com/kabarlembah', whatsapp: 'https://whatsapp.com/channel/0029Va' },
    })
    expect(cache.updateTag).toHaveBeenCalledWith('site')
  })

  it('names the slot of an unknown or repeated label, a missing logo and a bad link', async () => {
    const result = await saveSettingsAction(null, form({ featured: ['olahraga', 'tidak-ada', 'olahraga'], logoMediaId: '999999' }))
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        'featured.1': ['Label dengan slug ini tidak ada.'],
        'featured.2': ['Label ini sudah dipilih di kolom lain.'],
        logoMediaId: ['Tidak ada foto dengan ID ini di pustaka media.'],
      },
    })
    const link = await saveSettingsAction(null, form({ social_x: 'javascript:alert(1)', siteName: '' }))
    expect(link).toMatchObject({ ok: false, fieldErrors: { social_x: expect.arrayContaining([expect.any(String)]), siteName: ['Nama situs wajib diisi.'] } })
    expect(await getSiteSettings()).toEqual(DEFAULT_SITE_SETTINGS)
  })

  it('refuses editors, reporters, anonymous and deactivated callers, writing nothing', async () => {
    for (const userId of [editor.id, reporter.id, null, deactivatedAdmin.id]) {
      session.userId = userId
      expect((await saveSettingsAction(null, form())).ok).toBe(false)
    }
    expect(await getWriteConnection().select().from(settings)).toEqual([])
    expect(cache.updateTag).not.toHaveBeenCalled()
  })

  it('keeps a chosen share photo, refuses an unknown one, and draws the card of a new name at once', async () => {
    expect(await saveSettingsAction(null, form({ shareMediaId: '999999' }))).toMatchObject({
      ok: false,
      fieldErrors: { shareMediaId: ['Tidak ada foto dengan ID ini di pustaka media.'] },
    })
    expect(await saveSettingsAction(null, form({ shareMediaId: String(logo.id) }))).toEqual({ ok: true })
    expect((await getSiteSettings()).shareMediaId).toBe(logo.id)

    expect(await saveSettingsAction(null, form({ siteName: 'Kabar Ngarai' }))).toEqual({ ok: true })
    expect((await getSiteSettings()).shareMediaId).toBeNull()
    const key = siteCardKey({ siteName: 'Kabar Ngarai', logoStorageKey: logo.storageKey })
    for (const shape of SHARE_SHAPE_NAMES) expect(fs.existsSync(path.join(getEnv().uploadsDir, siteCardFileName(key, shape))), shape).toBe(true)
  })
})
