import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getWriteConnection } from '@/db'
import { createMedia } from '@/db/queries/media'
import { media } from '@/db/tables'
import { getEnv } from '@/lib/env'
import { mediaFileName } from '@/lib/media/paths'
import { createUser } from '@/tests/factories'

const session = vi.hoisted(() => ({ userId: null as number | null }))
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}))

// connection() needs Next's request scope, which a direct call does not have.
vi.mock('next/server', async (importOriginal) => ({ ...(await importOriginal<object>()), connection: async () => undefined }))

const { GET, POST } = await import('./route')

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/images', name)))

function uploadRequest(
  file: { bytes: Uint8Array<ArrayBuffer>; name: string; type?: string } | null,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const fd = new FormData()
  if (file) fd.set('file', new File([file.bytes], file.name, { type: file.type ?? 'image/jpeg' }))
  for (const [k, v] of Object.entries(fields)) fd.set(k, v)
  return new Request('http://localhost/api/media', { method: 'POST', body: fd, headers })
}

const mediaCount = async () => (await getWriteConnection().select({ id: media.id }).from(media)).length
const uploadedFiles = () => (fs.existsSync(getEnv().uploadsDir) ? fs.readdirSync(getEnv().uploadsDir, { recursive: true }) : []).filter((f) => String(f).endsWith('.webp'))

let reporter: number
let inactive: number

beforeEach(async () => {
  await getWriteConnection().delete(media)
  fs.rmSync(getEnv().uploadsDir, { recursive: true, force: true })
  reporter ??= (await createUser({ role: 'reporter' })).id
  inactive ??= (await createUser({ role: 'admin', active: false })).id
  session.userId = reporter
})

describe('POST /api/media', () => {
  it('accepts a real JPEG, re-encodes it to WebP without EXIF or GPS and answers 201 with the item', async () => {
    const res = await POST(uploadRequest({ bytes: fixture('exif-gps.jpg'), name: 'C:\\fakepath\\sawah.jpg' }, { alt: ' Sawah ', caption: 'Panen raya' }))
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const body = await res.json()
    expect(body).toEqual({
      id: expect.any(Number),
      storageKey: expect.stringMatching(/^\d{4}\/\d{2}\/[0-9a-f]{16}$/),
      width: expect.any(Number),
      height: expect.any(Number),
      alt: 'Sawah',
      caption: 'Panen raya',
    })
    const row = (await getWriteConnection().select().from(media).limit(1))[0]!
    expect(row).toMatchObject({ id: body.id, uploadedBy: reporter, originalName: 'sawah.jpg', mime: 'image/webp' })
    const written = fs.readFileSync(path.join(getEnv().uploadsDir, mediaFileName(body.storageKey, 640)))
    const meta = await sharp(written).metadata()
    expect(meta.format).toBe('webp')
    expect(meta.exif).toBeUndefined()
    expect(written.toString('latin1')).not.toContain('WartaTestCam')
  })

  it('refuses an HTML file renamed .jpg and an SVG with a script, with 422 and nothing stored', async () => {
    for (const name of ['not-an-image.jpg', 'script.svg']) {
      const res = await POST(uploadRequest({ bytes: fixture(name), name }))
      expect(res.status).toBe(422)
      expect(await res.json()).toEqual({ error: 'Berkas ini bukan foto JPEG, PNG, WebP atau GIF.' })
    }
    expect(await mediaCount()).toBe(0)
    expect(uploadedFiles()).toEqual([])
  })

  it('refuses a file over 10 MB with 413, whether or not Content-Length announces it', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(fixture('exif-gps.jpg'))
    const streamed = await POST(uploadRequest({ bytes: big, name: 'besar.jpg' }))
    expect(streamed.status).toBe(413)
    expect(await streamed.json()).toEqual({ error: expect.stringContaining('10 MB') })
    // Past the body limit the stream is abandoned before it is all read.
    const huge = await POST(uploadRequest({ bytes: new Uint8Array(11 * 1024 * 1024), name: 'besar.jpg' }))
    expect(huge.status).toBe(413)

    const announced = await POST(
      new Request('http://localhost/api/media', {
        method: 'POST',
        body: 'x',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) },
      }),
    )
    expect(announced.status).toBe(413)
    expect(await mediaCount()).toBe(0)
  })

  it('answers 422 when the file is missing or the body is not multipart', async () => {
    const none = await POST(uploadRequest(null, { alt: 'x' }))
    expect(none.status).toBe(422)
    expect(await none.json()).toEqual({ error: 'Pilih berkas foto untuk diunggah.' })
    const jsonBody = await POST(new Request('http://localhost/api/media', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }))
    expect(jsonBody.status).toBe(422)
  })

  it('refuses an anonymous upload with 401 and a deactivated user’s with 401, storing nothing', async () => {
    session.userId = null
    expect((await POST(uploadRequest({ bytes: fixture('exif-gps.jpg'), name: 'a.jpg' }))).status).toBe(401)
    session.userId = inactive
    expect((await POST(uploadRequest({ bytes: fixture('exif-gps.jpg'), name: 'a.jpg' }))).status).toBe(401)
    expect(await mediaCount()).toBe(0)
    expect(uploadedFiles()).toEqual([])
  })

  it('refuses a post from another origin with 403', async () => {
    const res = await POST(uploadRequest({ bytes: fixture('exif-gps.jpg'), name: 'a.jpg' }, {}, { origin: 'https://jahat.example', host: 'localhost' }))
    expect(res.status).toBe(403)
    expect(await mediaCount()).toBe(0)
  })

  it('sends a plain browser form back to the library page with the outcome', async () => {
    const ok = await POST(uploadRequest({ bytes: fixture('exif-gps.jpg'), name: 'a.jpg' }, {}, { accept: 'text/html,*/*' }))
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/admin/media?unggah=ok')
    const bad = await POST(uploadRequest({ bytes: fixture('script.svg'), name: 'a.svg' }, {}, { accept: 'text/html' }))
    expect(bad.headers.get('location')).toBe('/admin/media?unggah=not-an-image')
  })
})

describe('GET /api/media', () => {
  const get = (query = '') => GET(new Request(`http://localhost/api/media${query}`))

  it('lists 40 items a page, newest first, with a cursor to the next page', async () => {
    const ids: number[] = []
    for (let i = 0; i < 45; i++) {
      ids.push((await createMedia({
        storageKey: `2026/01/${String(i).padStart(16, '0')}`,
        mime: 'image/webp',
        width: 1200,
        height: 800,
        bytes: 1,
        variants: [320],
        alt: `foto ${i}`,
        uploadedBy: reporter,
      })).id)
    }
    const first = await get()
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('private, no-store')
    const page1 = await first.json()
    expect(page1.items).toHaveLength(40)
    expect(page1.items[0]).toEqual({ id: ids[44], storageKey: '2026/01/0000000000000044', width: 1200, height: 800, alt: 'foto 44', caption: '' })
    expect(page1.nextCursor).toBe(ids[5])
    const page2 = await (await get(`?after=${page1.nextCursor}`)).json()
    expect(page2.items.map((i: { id: number }) => i.id)).toEqual(ids.slice(0, 5).reverse())
    expect(page2.nextCursor).toBeNull()
  })

  it('answers 400 for a bad cursor, 401 for anonymous and deactivated users', async () => {
    expect((await get('?after=abc')).status).toBe(400)
    session.userId = null
    expect((await get()).status).toBe(401)
    session.userId = inactive
    expect((await get()).status).toBe(401)
  })
})
