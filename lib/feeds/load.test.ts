import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createMedia } from '@/db/queries/media'
import { getEnv } from '@/lib/env'
import { mediaFileName } from '@/lib/media/paths'
import { storeImage } from '@/lib/media/process'
import { MAX_MEDIA_WIDTH } from '@/lib/media/sizes'
import { createArticle, createUser } from '@/tests/factories'

// Outside Next's cache scope: the cache calls have nothing to record.
vi.mock('next/cache', () => ({ cacheLife: () => undefined, cacheTag: () => undefined }))

const { loadSiteFeed } = await import('./load')

describe('loadSiteFeed', () => {
  it('gives a stored image its file size as the enclosure length, and 0 when its files are gone', async () => {
    const author = await createUser()
    const stored = await storeImage(fs.readFileSync(path.resolve('tests/fixtures/images/exif-gps.jpg')), { originalName: 'foto.jpg' })
    const { id } = await createMedia({ ...stored, alt: '', caption: '', uploadedBy: author.id })
    const article = await createArticle({ authorId: author.id, featuredMediaId: id, title: 'Jembatan baru dibuka' })
    const file = path.join(getEnv().uploadsDir, mediaFileName(stored.storageKey, MAX_MEDIA_WIDTH))

    const item = (xml: string) => xml.slice(xml.indexOf(`<title>${article.title}</title>`))
    const length = (xml: string) => item(xml).match(/<enclosure url="[^"]+" length="(\d+)"/)?.[1]
    expect(length((await loadSiteFeed('http://localhost:3000')).xml)).toBe(String(fs.statSync(file).size))

    fs.rmSync(file)
    expect(length((await loadSiteFeed('http://localhost:3000')).xml)).toBe('0')
  })
})
