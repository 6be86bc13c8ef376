import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getWriteConnection , write } from '@/db'
import { articleLabels, articles, importedEntries, labels, redirects, settings } from '@/db/tables'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import {
  recordRedirect,
  getGoneNotice,
  getPathFateAsync,
  recordArticleDeletion,
  recordGonePath,
  redirectImportedLegacyPath,
  removeRedirectsFrom,
} from './redirects'

async function rows() {
  return (await getWriteConnection()
    .select({ from: redirects.fromPath, to: redirects.toPath, code: redirects.code })
    .from(redirects))
    .sort((a, b) => a.from.localeCompare(b.from))
}

/** Follows the table from `path` as a client following 301s would, counting hops. */
async function follow(path: string): Promise<{ to: string; hops: number }> {
  let current = path
  for (let hops = 0; hops < 10; hops++) {
    const fate = await getPathFateAsync(current)
    if (!fate || fate.kind === 'gone') return { to: current, hops }
    current = fate.to
  }
  throw new Error(`redirect loop from ${path}`)
}

describe('redirect table', () => {
  beforeEach(async () => {
    await getWriteConnection().delete(redirects)
  })

  it('collapses a chain: A→B then B→C stores A→C and B→C', async () => {
    await write(() => recordRedirect('/a', '/b', 'manual'))
    await write(() => recordRedirect('/b', '/c', 'manual'))
    expect(await rows()).toEqual([
      { from: '/a', to: '/c', code: 301 },
      { from: '/b', to: '/c', code: 301 },
    ])
    expect(await follow('/a')).toEqual({ to: '/c', hops: 1 })
  })

  it('never forms a loop: moving back to an old address drops its redirect', async () => {
    await write(() => recordRedirect('/a', '/b', 'manual'))
    await write(() => recordRedirect('/b', '/a', 'manual'))
    expect(await rows()).toEqual([{ from: '/b', to: '/a', code: 301 }])
    await write(() => recordRedirect('/a', '/b', 'manual'))
    expect(await rows()).toEqual([{ from: '/a', to: '/b', code: 301 }])
  })

  it('keeps every old URL one hop away through a long history of renames', async () => {
    for (const [from, to] of [['/v1', '/v2'], ['/v2', '/v3'], ['/v3', '/v1'], ['/v1', '/v4'], ['/v4', '/v5']] as const) {
      await write(() => recordRedirect(from, to, 'manual'))
    }
    for (const old of ['/v1', '/v2', '/v3', '/v4']) expect(await follow(old), old).toEqual({ to: '/v5', hops: 1 })
    expect(await getPathFateAsync('/v5')).toBeNull()
  })

  it('stores canonical paths and refuses unusable ones', async () => {
    await write(() => recordRedirect('https://lama.example/2019/05/Judul-Lama.html?m=1', '/2019/05/judul-baru/', 'import'))
    expect(await rows()).toEqual([{ from: '/2019/05/judul-lama.html', to: '/2019/05/judul-baru', code: 301 }])
    for (const bad of ['', 'relatif', '//host/x', '/a\u0000b', `/${'x'.repeat(1001)}`]) {
      await expect(write(() => recordRedirect(bad, '/b', 'manual')), JSON.stringify(bad.slice(0, 10))).rejects.toThrow()
    }
  })

  it('a gone path takes the redirects that led to it along', async () => {
    await write(() => recordRedirect('/lama', '/baru', 'manual'))
    await recordGonePath('/baru', 'article-deleted')
    expect(await getPathFateAsync('/lama')).toEqual({ kind: 'gone' })
    expect(await getPathFateAsync('/baru')).toEqual({ kind: 'gone' })
    // Content published at that address again: the tombstone goes.
    await write(() => recordRedirect('/lain', '/baru', 'manual'))
    expect(await getPathFateAsync('/baru')).toBeNull()
    await removeRedirectsFrom('/lain')
    expect(await getPathFateAsync('/lain')).toBeNull()
  })
})

describe('article URLs', () => {
  beforeEach(async () => {
    await getWriteConnection().delete(redirects)
  })

  it('a retracted article is gone at its URL with its notice; a deleted public one leaves a 410', async () => {
    const author = await createUser()
    const retracted = await createArticle({
      authorId: author.id,
      slug: 'ditarik-redaksi',
      status: 'retracted',
      retractionReason: 'Melanggar hak privasi anak.',
      publishedAt: new Date(Date.UTC(2024, 4, 2)),
    })
    expect(await getPathFateAsync('/2024/05/ditarik-redaksi')).toEqual({ kind: 'gone' })
    expect(await getGoneNotice('/2024/05/ditarik-redaksi')).toMatchObject({ kind: 'retracted', articleId: retracted.id, reason: 'Melanggar hak privasi anak.' })

    // Restored: the next request is answered from the table as it is now.
    await getWriteConnection().update(articles).set({ status: 'published' }).where(eq(articles.id, retracted.id))
    expect(await getPathFateAsync('/2024/05/ditarik-redaksi')).toBeNull()

    const now = new Date(Date.UTC(2024, 6, 1))
    expect(await recordArticleDeletion({ slug: 'dihapus', pathMonth: '2024/05', status: 'published', publishedAt: new Date(Date.UTC(2024, 4, 3)) }, now)).toBe('/2024/05/dihapus')
    expect(await getGoneNotice('/2024/05/dihapus')).toMatchObject({ kind: 'deleted' })
    expect(await recordArticleDeletion({ slug: 'draf', pathMonth: null, status: 'draft', publishedAt: null }, now)).toBeNull()
    expect(await recordArticleDeletion({ slug: 'nanti', pathMonth: '2024/08', status: 'scheduled', publishedAt: new Date(Date.UTC(2024, 7, 1)) }, now)).toBeNull()
    expect(await getPathFateAsync('/2024/05/draf')).toBeNull()
  })
})


describe('finding 6: an imported story going live', () => {
  it('finding 6: redirects its old Blogger path, but never a path an older import recorded from /admin', async () => {
    await getWriteConnection().delete(redirects)
    const db = getWriteConnection()
    const author = await createUser()
    const good = await createArticle({ authorId: author.id })
    const bad = await createArticle({ authorId: author.id })
    await db.insert(importedEntries)
      .values([
        { source: 'blogger', kind: 'post', externalId: 'f6-good', entityId: good.id, legacyPath: '/2023/09/judul-lama.html' },
        { source: 'blogger', kind: 'post', externalId: 'f6-bad', entityId: bad.id, legacyPath: '/admin/masuk' },
      ])
    await write((tx) => redirectImportedLegacyPath(tx, good.id, '/2023/09/judul-baru'))
    await write((tx) => redirectImportedLegacyPath(tx, bad.id, '/2023/09/judul-lain'))
    expect(await getPathFateAsync('/2023/09/judul-lama.html')).toEqual({ kind: 'moved', to: '/2023/09/judul-baru' })
    expect(await getPathFateAsync('/admin/masuk')).toBeNull()
  })
})
