import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { createMedia } from '@/db/queries/media'
import { updateSiteSettings } from '@/db/queries/settings'
import { settings } from '@/db/tables'
import { getEnv } from '@/lib/env'
import { shareFileName } from '@/lib/media/paths'
import { storeImage } from '@/lib/media/process'
import { siteCardKey } from '@/lib/media/site-card'
import { SHARE_SHAPE_NAMES } from '@/lib/media/sizes'
import { GET } from './route'

const get = (segments: string[], headers: Record<string, string> = {}) =>
  GET(new Request(`http://localhost/media/${segments.join('/')}`, { headers }), {
    params: Promise.resolve({ path: segments }),
  })

let key: string

beforeAll(async () => {
  const png = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#3a7' } }).png().toBuffer()
  key = (await storeImage(png, {})).storageKey
  // A file beside the uploads folder that a traversal would try to reach.
  fs.writeFileSync(path.join(getEnv().dataDir, 'secret.txt'), 'secret')
})

describe('GET /media/[...path]', () => {
  it('streams a variant as immutable WebP with an ETag', async () => {
    const res = await get(`${key}-640.webp`.split('/'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/webp')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/)
    const body = Buffer.from(await res.arrayBuffer())
    expect(body).toEqual(fs.readFileSync(path.join(getEnv().uploadsDir, `${key}-640.webp`)))
    expect(res.headers.get('content-length')).toBe(String(body.length))
  })

  it('answers 304 when If-None-Match names the current ETag', async () => {
    const first = await get(`${key}-320.webp`.split('/'))
    const etag = first.headers.get('etag')!
    const res = await get(`${key}-320.webp`.split('/'), { 'if-none-match': etag })
    expect(res.status).toBe(304)
    expect(res.headers.get('etag')).toBe(etag)
    expect(await res.text()).toBe('')
  })

  it('answers HEAD with the headers only', async () => {
    const segments = `${key}-960.webp`.split('/')
    const res = await GET(new Request(`http://localhost/media/${segments.join('/')}`, { method: 'HEAD' }), {
      params: Promise.resolve({ path: segments }),
    })
    expect(res.status).toBe(200)
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0)
    expect(res.body).toBeNull()
  })

  it('answers 404 for a missing variant and for any other path', async () => {
    expect((await get(['2020', '01', '0123456789abcdef-640.webp'])).status).toBe(404)
    expect((await get(`${key}-641.webp`.split('/'))).status).toBe(404)
    expect((await get(['..', 'secret.txt'])).status).toBe(404)
    expect((await get(['..', '..', 'warta.db'])).status).toBe(404)
    expect((await get([...key.split('/').slice(0, 2), '..', '..', '..', 'secret.txt'])).status).toBe(404)
  })

  it('makes the share image of an image stored before share images existed, on its first request', async () => {
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#a73' } }).png().toBuffer()
    const old = (await storeImage(png, {})).storageKey
    for (const shape of SHARE_SHAPE_NAMES) fs.rmSync(path.join(getEnv().uploadsDir, shareFileName(old, shape)))

    const [square, again] = await Promise.all([get(`${old}-1200x1200.jpg`.split('/')), get(`${old}-1200x1200.jpg`.split('/'))])
    for (const res of [square, again]) {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/jpeg')
      expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ width: 1200, height: 1200, format: 'jpeg' })
    }
    const card = await get(`${old}-1200x630.jpg`.split('/'))
    expect(card.headers.get('content-type')).toBe('image/jpeg')
    expect(await sharp(Buffer.from(await card.arrayBuffer())).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' })
    // A shape that is not one of ours, or an image that does not exist, is still a 404.
    expect((await get(`${old}-1200x700.jpg`.split('/'))).status).toBe(404)
    expect((await get(`${old}-1200x675.webp`.split('/'))).status).toBe(404)
    expect((await get(['2020', '01', '0123456789abcdef-1200x630.jpg'])).status).toBe(404)
  })

  it('draws the site card the settings describe, and nothing for any other key', async () => {
    await getWriteConnection().delete(settings)
    const logo = await createMedia({ ...(await storeImage(await sharp({ create: { width: 600, height: 200, channels: 3, background: '#237' } }).png().toBuffer(), {})), uploadedBy: null })
    await updateSiteSettings({ siteName: 'Kabar Lembah', logoMediaId: logo.id })
    const key = siteCardKey({ siteName: 'Kabar Lembah', logoStorageKey: logo.storageKey })
    const res = await get(['site', `share-${key}-1200x630.jpg`])
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' })
    expect((await get(['site', `share-${key}-1200x675.jpg`])).status).toBe(200)

    const stale = siteCardKey({ siteName: 'Nama lama', logoStorageKey: logo.storageKey })
    expect((await get(['site', `share-${stale}-1200x630.jpg`])).status).toBe(404)
    expect((await get(['site', 'share-0123456789abcdef-1200x630.jpg'])).status).toBe(404)
    expect(fs.existsSync(path.join(getEnv().uploadsDir, 'site', `share-${stale}-1200x630.jpg`))).toBe(false)
    // A card already drawn is served while it exists, even once the name has changed (pages
    // a CDN still holds name it).
    await updateSiteSettings({ siteName: 'Kabar Ngarai' })
    expect((await get(['site', `share-${key}-1200x630.jpg`])).status).toBe(200)
  })
})
