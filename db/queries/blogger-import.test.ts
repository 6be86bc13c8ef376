import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getWriteConnection, write } from '@/db'
import { execute } from '@/db/dialect'
import { articleLabels, redirects } from '@/db/tables'
import { createLabel, createUser } from '@/tests/factories'
import { portableImportStatements, sqliteImportStatements, type ImportStatements } from './blogger-import'

/*
 * The import's statements (db/queries/blogger-import.ts): the same script gives the same
 * transcript through the portable (drizzle) functions on either dialect and, on SQLite, through
 * the prepared statements the import uses there.
 */

async function reset() {
  const db = getWriteConnection()
  for (const table of ['article_labels', 'articles', 'labels', 'pages', 'redirects', 'imported_entries', 'users']) await execute(db, sql.raw(`delete from ${table}`))
}

async function script(st: ImportStatements) {
  await reset()
  const author = await createUser({ slug: 'penulis-impor' })
  const a = await createLabel({ name: 'Ekonomi', slug: 'ekonomi' })
  const b = await createLabel({ name: 'Daerah', slug: 'daerah' })
  const out: unknown[] = []
  const at = new Date(Date.UTC(2024, 4, 2, 3))
  const story = await write(async () => {
    const row = await st.insertArticle({
      title: 'Jalan rusak',
      slug: 'jalan-rusak',
      pathMonth: '2024/05',
      bodyHtml: '<p>Isi.</p>',
      featuredImageUrl: 'https://blogger.googleusercontent.com/img/a.jpg',
      featuredAlt: 'Jalan',
      featuredCaption: '',
      authorId: author.id,
      status: 'draft',
      publishedAt: at,
      updatedAt: null,
      isSponsored: true,
      sponsorName: 'PT Contoh',
      seoDescription: 'Ringkas',
      createdAt: at,
      savedAt: at,
    })
    await st.replaceLabels(row.id, [b.id, a.id], true)
    await st.makeLive([row.id])
    await st.remember({ kind: 'post', externalId: '42', entityId: row.id, legacyPath: '/2024/05/jalan.html', externalUpdated: 'u1', contentHash: 'h1', entityVersion: 1, importedAt: at })
    await st.remember({ kind: 'post', externalId: '42', entityId: row.id, legacyPath: '/2024/05/jalan.html', externalUpdated: 'u2', contentHash: 'h2', entityVersion: 1_700_000_000_000, importedAt: at })
    await execute(getWriteConnection(), sql`INSERT INTO redirects (from_path, to_path, code, reason) VALUES ('/2024/05/jalan-rusak', '/lain', 301, 'manual')`)
    await st.clearRedirectFrom('/2024/05/jalan-rusak')
    await st.replaceLabels(row.id, [a.id])
    return row
  })
  out.push({ ...story, id: 'story' })
  const state = await st.articleState(story.id)
  out.push({ ...state, id: state?.id === story.id })
  out.push(await st.articleState(-1))
  out.push(await st.articleSlugTaken('jalan-rusak'), await st.articleSlugTaken('jalan-mulus'))
  const mapping = await st.mapping('post', '42')
  out.push({ ...mapping, entityId: mapping?.entityId === story.id })
  out.push(await st.mapping('page', '42'))
  out.push(await st.userExists(author.id), await st.userExists(-1), await st.userSlugTaken('penulis-impor'), await st.userSlugTaken('tidak-ada'))
  out.push(await st.labelSlug(b.id), await st.labelSlug(-1))
  out.push((await st.allLabels()).map((l) => ({ ...l, id: l.id === a.id ? 'a' : l.id === b.id ? 'b' : l.id })))
  out.push(await st.pageById(-1), await st.pageBySlug('tidak-ada'))
  const db = getWriteConnection()
  const links = await db.select({ labelId: articleLabels.labelId, position: articleLabels.position }).from(articleLabels).where(eq(articleLabels.articleId, story.id))
  out.push(links.map((l) => ({ ...l, labelId: l.labelId === a.id ? 'a' : l.labelId === b.id ? 'b' : l.labelId })))
  out.push((await db.select({ from: redirects.fromPath }).from(redirects)).length)
  return out
}

const expected = [
  { id: 'story', status: 'draft', slug: 'jalan-rusak', pathMonth: '2024/05', version: 1, featuredImageUrl: 'https://blogger.googleusercontent.com/img/a.jpg' },
  { id: true, status: 'published', slug: 'jalan-rusak', pathMonth: '2024/05', version: 1, featuredImageUrl: 'https://blogger.googleusercontent.com/img/a.jpg' },
  undefined,
  true,
  false,
  {
    source: 'blogger',
    kind: 'post',
    externalId: '42',
    entityId: true,
    legacyPath: '/2024/05/jalan.html',
    externalUpdated: 'u2',
    contentHash: 'h2',
    entityVersion: 1_700_000_000_000,
    importedAt: new Date(Date.UTC(2024, 4, 2, 3)),
  },
  undefined,
  true,
  false,
  true,
  false,
  'daerah',
  undefined,
  [
    { id: 'a', name: 'Ekonomi', slug: 'ekonomi' },
    { id: 'b', name: 'Daerah', slug: 'daerah' },
  ],
  undefined,
  undefined,
  [{ labelId: 'a', position: 0 }],
  0,
]

describe('the Blogger import’s statements', () => {
  it('answer the same through drizzle on this dialect', async () => {
    expect(await script(portableImportStatements())).toEqual(expected)
  })

  // The prepared statements exist on better-sqlite3 only.
  it.skipIf(process.env.TEST_DIALECT === 'postgres')('answer the same through SQLite’s prepared statements', async () => {
    expect(await script(sqliteImportStatements())).toEqual(expected)
  })
})
