import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { publishDueArticles, saveArticle } from '@/db/queries/articles-desk'
import { acceptLabelMergeSuggestion, listLabelMergeSuggestions } from '@/db/queries/label-suggestions'
import { execute } from '@/db/dialect'
import { getPathFateAsync } from '@/db/queries/redirects'
import {
  articleLabels,
  articleRevisions,
  articles,
  importedEntries,
  labels,
  pages,
  redirects,
  users,
} from '@/db/tables'
import expected from '@/tests/fixtures/blogger/expected.json'
import { bloggerLabelPath, labelKey } from '@/lib/labels/key'
import { decideRequestAsync } from '@/lib/redirects/table'
import { articlePath, labelFeedPath, labelPath, pagePath } from '@/lib/urls'
import { IMAGE_UNREACHABLE } from '@/lib/import/images'
import { ImportError, importBloggerExport } from './import'

const FIXTURES = path.resolve('tests/fixtures/blogger')
const TMP = path.resolve(process.env.DATA_DIR!, 'import-fixtures')
const SITE = 'https://www.wartaranahraya.example'
const NOW = new Date('2026-11-27T00:00:00Z')

function fixture(format: '2018' | 'classic') {
  return path.join(FIXTURES, expected.files[format])
}

/** A variant of a fixture written to a temporary file. */
function variant(format: '2018' | 'classic', name: string, edit: (xml: string) => string): string {
  fs.mkdirSync(TMP, { recursive: true })
  const file = path.join(TMP, `${format}-${name}.xml`)
  fs.writeFileSync(file, edit(fs.readFileSync(fixture(format), 'utf8')))
  return file
}

async function reset() {
  const db = getWriteConnection()
  for (const table of ['article_labels', 'article_revisions', 'articles', 'label_merge_suggestions', 'labels', 'pages', 'redirects', 'imported_entries', 'audit_log', 'users']) {
    await execute(db, sql.raw(`delete from ${table}`))
  }
}

/** Everything an import writes, in a comparable form. */
async function snapshot() {
  const db = getWriteConnection()
  return {
    articles: await db.select().from(articles).orderBy(asc(articles.id)),
    labels: await db.select().from(labels).orderBy(asc(labels.id)),
    articleLabels: await db.select().from(articleLabels).orderBy(asc(articleLabels.articleId), asc(articleLabels.labelId)),
    pages: await db.select().from(pages).orderBy(asc(pages.id)),
    users: await db.select().from(users).orderBy(asc(users.id)),
    redirects: await db.select({ from: redirects.fromPath, to: redirects.toPath, code: redirects.code }).from(redirects).orderBy(asc(redirects.fromPath)),
    revisions: (await db.select({ n: sql<number>`count(*)` }).from(articleRevisions).limit(1))[0]!.n,
    imported: await db.select().from(importedEntries).orderBy(asc(importedEntries.kind), asc(importedEntries.externalId)),
  }
}

async function articleOf(bloggerId: string) {
  const db = getWriteConnection()
  const entry = (await db
    .select({ id: importedEntries.entityId })
    .from(importedEntries)
    .where(and(eq(importedEntries.kind, 'post'), eq(importedEntries.externalId, bloggerId))).limit(1))[0]
  return entry ? (await db.select().from(articles).where(eq(articles.id, entry.id)).limit(1))[0] : undefined
}

async function labelNamesOf(articleId: number): Promise<string[]> {
  return (await getWriteConnection()
    .select({ name: labels.name })
    .from(articleLabels)
    .innerJoin(labels, eq(labels.id, articleLabels.labelId))
    .where(eq(articleLabels.articleId, articleId))
    .orderBy(asc(articleLabels.position)))
    .map((r) => r.name)
}

/**
 * What the server (server.mjs) answers for an old URL, through the real redirect table (the
 * awaited lookup: the same decision as the synchronous one on SQLite, lib/redirects/table.test.ts).
 */
function answer(url: string, host?: string) {
  const q = url.indexOf('?')
  return decideRequestAsync(q === -1 ? { pathname: url, search: '', host } : { pathname: url.slice(0, q), search: url.slice(q), host })
}

/** Follows one redirect and checks the target is served as it is: every old URL is one hop away. */
async function expectOneHop(url: string, location: string) {
  expect(await answer(url), url).toEqual({ action: 'redirect', location })
  expect(await answer(location), `${location} (from ${url}) must be served, not redirected`).toEqual({ action: 'next' })
}

const published = expected.posts
const scheduled = expected.scheduled[0]!

describe.each(['classic', '2018'] as const)('importing the %s export', (format) => {
  let report: Awaited<ReturnType<typeof importBloggerExport>>

  beforeAll(async () => {
    await reset()
    report = await importBloggerExport(fixture(format), { now: NOW, siteUrl: SITE })
  })

  it('reports the numbers of expected.json', () => {
    const c = expected.counts
    expect(report.format).toBe(format)
    expect(report.blog.id).toBe(expected.blog.bloggerBlogId)
    expect(report.blog.title).toBe(expected.blog.title)
    // The scheduled post's time (2024-03-19) has passed: it goes live, as Blogger would have.
    expect(report.posts.published).toBe(c.posts.published + c.posts.scheduled)
    expect(report.posts.scheduledNowLive).toBe(c.posts.scheduled)
    expect(report.posts.drafts).toBe(c.posts.draft)
    expect(report.posts.scheduled).toBe(0)
    expect(report.posts.created).toBe(c.posts.published + c.posts.scheduled + c.posts.draft)
    expect(report.pages.created).toBe(c.pages.published)
    expect(report.comments).toEqual({
      total: c.comments.importable,
      topLevel: c.comments.topLevel,
      replies: c.comments.replies,
      onPages: c.comments.onPages,
    })
    const skips = (c.entriesToSkip as Record<string, Record<string, number>>)[format]!
    expect(report.skippedByReason).toEqual(skips)
    expect(report.authors.created).toBe(new Set([...published.map((p) => p.author)]).size)
  })

  it('imports every published post with its times, URL month, slug, author, labels and flags', async () => {
    for (const post of published) {
      const row = await articleOf(post.bloggerId)
      expect(row, post.legacyPath).toBeDefined()
      expect(row!.status).toBe('published')
      expect(row!.title).toBe(post.title)
      expect(row!.publishedAt?.toISOString()).toBe(post.publishedUtc)
      if (post.updatedUtc > post.publishedUtc) expect(row!.updatedAt?.toISOString()).toBe(post.updatedUtc)
      // The URL month comes from Blogger's filename, never from the UTC time.
      expect(row!.pathMonth).toBe(post.archiveMonth)
      expect(row!.slug).toBe(post.suggestedSlug)
      expect(row!.isSponsored).toBe(post.sponsored)
      const author = (await getWriteConnection().select({ name: users.name, active: users.active }).from(users).where(eq(users.id, row!.authorId)).limit(1))[0]
      expect(author).toEqual({ name: post.author, active: false })
      expect((await labelNamesOf(row!.id)).map(labelKey)).toEqual([...new Set(post.labelsRaw.map(labelKey))])
      if (format === '2018' && post.metaDescription2018Only) expect(row!.seoDescription).toBe(post.metaDescription2018Only)
    }
    const edge = expected.edgeCases.timezoneBoundaryPost
    expect((await articleOf(edge.bloggerId))!.pathMonth).toBe(edge.legacyPath.slice(1, 8))
    expect((await articleOf(scheduled.bloggerId))!.status).toBe('published')
  })

  it('cleans and sanitizes bodies, keeping the dateline and the signature as written', async () => {
    for (const post of published) {
      const row = (await articleOf(post.bloggerId))!
      const body = row.bodyHtml
      expect(body).not.toMatch(/name=["']more["']|class=|style=|&nbsp;&nbsp;|data-original/)
      expect(body.length > 0).toBe(!post.bodyEmpty)
      for (const bad of (post as { sanitize?: { mustNotContain: string[] } }).sanitize?.mustNotContain ?? []) {
        expect(body.toLowerCase(), `${post.bloggerId} must not contain ${bad}`).not.toContain(bad.toLowerCase())
      }
      if (post.dateline) expect(body).toContain(post.dateline)
      if (post.reporterSignature) {
        // The signature stays as written: the name, or the reporter's initials ("(yr)", "(fjh)").
        expect(body, post.bloggerId).toMatch(new RegExp(`<p>\\((?:${post.reporterSignature}|[a-z]{2,4})\\)</p>`))
      }
    }
    const unsafe = (await articleOf(expected.edgeCases.unsafeHtmlPosts[0]!))!
    // The legitimate video embed stays.
    expect(unsafe.bodyHtml).toMatch(/<iframe [^>]*src="https:\/\/www\.youtube\.com\/embed\//)
  })

  it('keeps the lead image at its original Blogger address as the featured image', async () => {
    let withImage = 0
    for (const post of published) {
      const row = (await articleOf(post.bloggerId))!
      if (post.images.length === 0) {
        expect(row.featuredImageUrl).toBeNull()
        continue
      }
      if (row.featuredImageUrl === null) continue // a picture further down the story stays in the body
      withImage++
      expect(post.images.map((i) => i.originalSize)).toContain(row.featuredImageUrl)
      expect(row.featuredAlt).not.toBe('')
      // Not shown twice: the lead picture left the body.
      expect(row.bodyHtml).not.toContain(row.featuredImageUrl.split('/').at(-1)!.split('=')[0]!.slice(0, 20) + '"')
    }
    expect(withImage).toBeGreaterThan(published.filter((p) => p.images.length > 0).length / 2)
  })

  it('points links between old posts at their new addresses', async () => {
    for (const post of published) {
      for (const link of post.internalLinks) {
        const target = (await articleOf(link.targetId))!
        const body = (await articleOf(post.bloggerId))!.bodyHtml
        expect(body).toContain(`href="${articlePath(target)}"`)
        expect(body).not.toContain(link.href)
      }
    }
  })

  it('imports drafts as drafts and never exposes their old URLs', async () => {
    for (const draft of expected.drafts) {
      const row = (await articleOf(draft.bloggerId))!
      expect(row.status).toBe('draft')
      expect(row.pathMonth).toBeNull()
      if (draft.reservedLegacyPath) expect(await getPathFateAsync(draft.reservedLegacyPath)).toBeNull()
    }
    for (const missing of expected.notRedirected) {
      if (missing.from.startsWith('/search/label/')) expect(await getPathFateAsync(missing.from.toLowerCase())).toBeNull()
    }
  })

  it('imports pages', async () => {
    for (const page of expected.pages) {
      const row = (await getWriteConnection().select().from(pages).where(eq(pages.slug, page.suggestedSlug)).limit(1))[0]
      expect(row?.title).toBe(page.title)
      expect(row?.status).toBe('published')
    }
  })

  it('records one-hop redirects from every old post, page, comment-feed and label URL', async () => {
    const db = getWriteConnection()
    let checked = 0
    for (const r of expected.redirects) {
      const to = r.to as { kind: string; bloggerId?: string; canonical?: string }
      let target: string | null = null
      if (to.kind === 'post') target = articlePath((await articleOf(to.bloggerId!))!)
      if (to.kind === 'page') target = pagePath(expected.pages.find((p) => p.bloggerId === to.bloggerId)!.suggestedSlug)
      if (to.kind === 'label') {
        // Before an editor merges anything, each spelling leads to its own label.
        const raw = decodeURIComponent(r.from.slice('/search/label/'.length))
        const label = (await db.select().from(labels)).find((l) => labelKey(l.name) === labelKey(raw))!
        target = labelPath(label.slug)
      }
      if (!target) continue
      checked++
      // The table holds each label spelling once, by its normalised key; the server's redirect
      // check (lib/redirects) finds it from any case, spacing or encoding of the old URL.
      const from = to.kind === 'label' ? bloggerLabelPath(decodeURIComponent(r.from.slice('/search/label/'.length))) : r.from.toLowerCase()
      const fate = await getPathFateAsync(from)
      expect(fate, r.from).toEqual({ kind: 'moved', to: target })
      expect(await getPathFateAsync(target), `${target} must be live content`).toBeNull()
    }
    expect(checked).toBe(expected.redirects.filter((r) => ['post', 'page', 'label'].includes(r.to.kind)).length)
    // Labels with a public archive: the 39 spellings after normalisation, not the draft-only one.
    const labelRows = await db.select().from(redirects).where(sql`${redirects.fromPath} like '/search/label/%'`)
    expect(labelRows).toHaveLength(expected.counts.labels.distinctAfterAutoNormalisation)
  })

  it('answers every old Blogger URL of expected.json in one hop to the imported record', async () => {
    const labelOf = async (raw: string) => (await getWriteConnection().select().from(labels)).find((l) => labelKey(l.name) === labelKey(raw))!
    for (const r of expected.redirects) {
      const to = r.to as { kind: string; bloggerId?: string; canonical?: string }
      const labelRaw = () => decodeURIComponent(r.from.replace(/^\/(?:search\/label|feeds\/posts\/default\/-)\//, ''))
      switch (to.kind) {
        case 'post':
          await expectOneHop(r.from, articlePath((await articleOf(to.bloggerId!))!))
          break
        case 'page':
          await expectOneHop(r.from, pagePath(expected.pages.find((p) => p.bloggerId === to.bloggerId)!.suggestedSlug))
          break
        case 'label':
          // Before an editor merges anything, each spelling leads to its own label.
          await expectOneHop(r.from, labelPath((await labelOf(labelRaw())).slug))
          break
        case 'label-feed':
          await expectOneHop(r.from, labelFeedPath((await labelOf(labelRaw())).slug))
          break
        case 'comments-feed-or-gone':
          expect((await answer(r.from)).action, r.from).toMatch(/^gone/)
          break
        case 'sitemap':
          if (r.status === 200) expect(await answer(r.from)).toEqual({ action: 'next' })
          else await expectOneHop(r.from, r.suggested!)
          break
        default:
          // Site feeds and month/year archives: fixed rules.
          await expectOneHop(r.from, r.suggested!)
      }
    }
    for (const rule of expected.redirectRules) {
      for (const example of rule.examples) {
        const url = example.startsWith('http') ? new URL(example) : null
        const decision = url ? await answer(url.pathname + url.search, url.host) : await answer(example)
        // Blogger's JSON feeds (other sites' widgets) have no counterpart: 410, as the rule allows.
        expect(decision.action, example).toBe(example.includes('alt=json') ? 'gone-text' : 'redirect')
        if (decision.action !== 'redirect') continue
        expect(decision.location, example).not.toMatch(/[?&](?:m|showComment|max-results|updated-max)=/)
        if (!url) expect(await answer(decision.location), `${example} → ${decision.location}`).toEqual({ action: 'next' })
      }
    }
    // The scheduled post's time has passed, so its URL leads to it (before then: see below).
    for (const missing of expected.notRedirected.filter((m) => m.from !== scheduled.legacyPath)) {
      expect((await answer(missing.from)).action, missing.from).not.toBe('redirect')
    }
  })

  it('gives labels the names and sponsorship of expected.json', async () => {
    const db = getWriteConnection()
    const live = await db
      .selectDistinct({ id: labels.id, name: labels.name })
      .from(labels)
      .innerJoin(articleLabels, eq(articleLabels.labelId, labels.id))
      .where(isNotNull(articleLabels.publishedAt))
    expect(live).toHaveLength(expected.counts.labels.distinctAfterAutoNormalisation)
    const rawOnLive = new Set(published.flatMap((p) => p.labelsRaw))
    expect(rawOnLive.size).toBe(expected.counts.labels.distinctRawOnPublishedPosts)
    // Case and spacing variants became one label, named by the most used spelling.
    for (const group of expected.labels.mergeGroups.filter((g) => g.autoMergeable)) {
      expect(live.map((l) => l.name)).toContain(group.canonical)
    }
    const sponsoredPosts = published.filter((p) => p.sponsored)
    expect(sponsoredPosts.length).toBeGreaterThan(0)
    for (const post of sponsoredPosts) expect((await articleOf(post.bloggerId))!.sponsorName).not.toBe('')
  })

  it('offers the labels that look like duplicates as merge suggestions', () => {
    // Case and spacing variants are one label already; the rest is the editor's call.
    const groups = expected.labels.mergeGroups.filter((g) => !g.autoMergeable)
    expect(report.mergeSuggestions).toHaveLength(groups.length)
    for (const group of groups) {
      const suggestion = report.mergeSuggestions.find((s) => s.target.name === group.canonical)
      expect(suggestion, group.canonical).toBeDefined()
      const others = new Set(group.variants.filter((v) => labelKey(v.raw) !== labelKey(group.canonical)).map((v) => labelKey(v.raw)))
      expect(new Set(suggestion!.labels.map((l) => labelKey(l.name))), group.canonical).toEqual(others)
    }
  })

  it('changes nothing when the same export is imported again', async () => {
    const before = await snapshot()
    const again = await importBloggerExport(fixture(format), { now: NOW, siteUrl: SITE })
    expect(again.posts).toMatchObject({ created: 0, updated: 0, skipped: 0 })
    expect(again.pages).toMatchObject({ created: 0, updated: 0, skipped: 0 })
    expect(again.labels).toMatchObject({ created: 0, updated: 0 })
    expect(again.authors).toMatchObject({ created: 0 })
    expect(again.redirects).toMatchObject({ created: 0, updated: 0 })
    const after = await snapshot()
    expect({ ...after, imported: after.imported.map(({ importedAt, ...r }) => r) }).toEqual({
      ...before,
      imported: before.imported.map(({ importedAt, ...r }) => r),
    })
  })
})

describe('a dry run', () => {
  it('reports what an import would do and writes nothing', async () => {
    await reset()
    const before = await snapshot()
    const report = await importBloggerExport(fixture('classic'), { now: NOW, dryRun: true })
    expect(report.dryRun).toBe(true)
    expect(report.posts.created).toBe(35)
    expect(report.redirects.created).toBeGreaterThan(0)
    expect(await snapshot()).toEqual(before)
  })
})

describe('a file that cannot be imported', () => {
  async function refusal(file: string): Promise<ImportError> {
    const error = await importBloggerExport(file, { now: NOW }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ImportError)
    return error as ImportError
  }

  it('stops on a truncated file, names the line, and leaves the database as it was', async () => {
    await reset()
    await importBloggerExport(fixture('2018'), { now: NOW })
    const before = await snapshot()
    const truncated = variant('classic', 'truncated', (xml) => xml.slice(0, Math.floor(xml.length * 0.6)))
    const error = await refusal(truncated)
    expect(error.line).toBeGreaterThan(100)
    expect(error.message).toMatch(/^Line \d+: /)
    expect(await snapshot()).toEqual(before)
  })

  it('names the line of malformed XML', async () => {
    const broken = variant('2018', 'broken', (xml) => {
      const lines = xml.split('\n')
      const at = lines.findIndex((line, i) => i > 150 && line.includes('</title>'))
      lines[at] = lines[at]!.replace('</title>', '</titel>')
      return lines.join('\n')
    })
    const error = await refusal(broken)
    const at = fs.readFileSync(broken, 'utf8').split('\n').findIndex((line) => line.includes('</titel>'))
    expect(error.line).toBe(at + 1)
    expect(error.message).toMatch(/^Line \d+: unexpected close tag/)
  })

  it('refuses a file that is not a Blogger export', async () => {
    const rss = variant('2018', 'rss', () => '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>\n')
    expect((await refusal(rss)).message).toMatch(/not a Blogger export/)
    const atom = variant('2018', 'atom', () => '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>x</title></feed>\n')
    expect((await refusal(atom)).message).toMatch(/not a Blogger export/)
    const html = variant('2018', 'html', () => '<!doctype html><html><body>Hai</body></html>')
    expect((await refusal(html)).message).toMatch(/Line \d+/)
  })
})

describe('importing a newer export', () => {
  it('updates what changed in Blogger, keeps what was edited in Warta, and creates no duplicates', async () => {
    await reset()
    await importBloggerExport(fixture('2018'), { now: NOW })
    const [changed, editedHere] = published.filter((p) => !p.sponsored).slice(0, 2) as [(typeof published)[0], (typeof published)[0]]

    // A newsroom editor changes one imported story in Warta.
    const local = (await articleOf(editedHere.bloggerId))!
    const editor = (await getWriteConnection().insert(users).values({ name: 'Redaktur', slug: 'redaktur', email: 'r@test.example', role: 'editor' }).returning())[0]!
    const saved = await saveArticle(
      local.id,
      {
        title: `${local.title} (diperbaiki)`,
        slug: null,
        dateline: '',
        excerpt: '',
        bodyHtml: local.bodyHtml,
        featuredMediaId: null,
        keepFeaturedUrl: true,
        featuredAlt: local.featuredAlt,
        featuredCaption: local.featuredCaption,
        labels: await labelNamesOf(local.id),
        isSponsored: false,
        sponsorName: '',
        seoTitle: '',
        seoDescription: '',
      },
      local.version,
      editor.id,
      { canCreateLabels: false, canPublish: true },
    )
    expect(saved.ok).toBe(true)

    // Blogger's newer export has both stories changed.
    const newer = variant('2018', 'newer', (xml) =>
      xml.replace(`<title>${changed.title}</title>`, `<title>${changed.title} (Diperbarui)</title>`).replace(
        `<title>${editedHere.title}</title>`,
        `<title>${editedHere.title} (Blogger)</title>`,
      ),
    )
    const before = await snapshot()
    const report = await importBloggerExport(newer, { now: NOW })
    expect(report.posts).toMatchObject({ created: 0, updated: 1, skipped: 1 })
    expect(report.skipped.find((s) => s.reason === 'edited-in-warta')?.id).toBe(editedHere.bloggerId)
    expect((await articleOf(changed.bloggerId))!.title).toBe(`${changed.title} (Diperbarui)`)
    expect((await articleOf(editedHere.bloggerId))!.title).toBe(`${local.title} (diperbaiki)`)
    const after = await snapshot()
    expect(after.articles).toHaveLength(before.articles.length)
    expect(after.labels).toHaveLength(before.labels.length)
    expect(after.users).toHaveLength(before.users.length)
    // What Warta had before the update is kept as a revision.
    expect(after.revisions).toBe(before.revisions + 1)
  })
})

describe('--download-images', () => {
  /*
   * Blogger's CDN is out of reach here: a mirror on loopback plays it, with real bytes, and the
   * export is rewritten to point at it. The first image asked for exists; every other one
   * answers 404. Loopback is only fetched from when the administrator says it is a mirror
   * (--allow-private-images).
   */
  async function withMirror(run: (file: string, requests: () => string[], mirror: string) => Promise<void>) {
    const jpeg = fs.readFileSync(path.resolve('tests/fixtures/images/exif-gps.jpg'))
    const requests: string[] = []
    const server = http.createServer((req, res) => {
      requests.push(req.url!)
      const found = requests[0] === req.url
      res.writeHead(found ? 200 : 404, { 'content-type': found ? 'image/jpeg' : 'text/plain' })
      res.end(found ? jpeg : 'not found')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const file = variant('classic', `mirror-${port}`, (xml) =>
      xml.replace(/https:\/\/(blogger\.googleusercontent\.com|\d\.bp\.blogspot\.com)\//g, `http://127.0.0.1:${port}/$1/`),
    )
    try {
      await run(file, () => requests, `http://127.0.0.1:${port}`)
    } finally {
      server.close()
    }
  }

  it('copies featured images from a mirror named with --allow-private-images and reports the ones it could not fetch', async () => {
    await reset()
    await withMirror(async (file, requests, mirror) => {
      const report = await importBloggerExport(file, { now: NOW, downloadImages: true, imageFetch: { allowPrivateAddresses: true } })
      expect(report.images.downloaded).toBe(1)
      expect(report.images.failed.length).toBe(report.images.referenced - 1)
      expect(report.images.failed[0]!.reason).toBe(IMAGE_UNREACHABLE)
      const served = `${mirror}${requests()[0]}`
      const rows = await getWriteConnection().select().from(articles).where(eq(articles.featuredImageUrl, served))
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) expect(row.featuredMediaId).not.toBeNull()
      expect(report.warnings.join(' ')).toMatch(/could not be downloaded/)
    })
  })

  it('finding 10: without --allow-private-images, an export pointing at loopback gets nothing fetched', async () => {
    await reset()
    await withMirror(async (file, requests) => {
      const report = await importBloggerExport(file, { now: NOW, downloadImages: true })
      expect(report.images.referenced).toBeGreaterThan(1)
      expect(report.images.downloaded).toBe(0)
      expect(new Set(report.images.failed.map((f) => f.reason))).toEqual(new Set([IMAGE_UNREACHABLE]))
      expect(requests()).toEqual([])
    })
  })
})

describe('an entry that appears twice', () => {
  it('is imported once and the second is reported', async () => {
    await reset()
    const file = variant('2018', 'duplicate', (xml) => {
      const start = xml.indexOf('  <entry>')
      const end = xml.indexOf('</entry>', start) + '</entry>\n'.length
      return xml.slice(0, end) + xml.slice(start, end) + xml.slice(end)
    })
    const report = await importBloggerExport(file, { now: NOW })
    expect(report.posts.created).toBe(35)
    expect(report.skippedByReason).toEqual({ 'duplicate-entry': 1 })
    expect(report.skipped[0]).toMatchObject({ kind: 'post', id: scheduled.bloggerId, reason: 'duplicate-entry' })
  })
})

describe('a live post whose old file name is missing or odd', () => {
  it('without one, gets its URL month from its publication time in WIB', async () => {
    await reset()
    const edge = expected.edgeCases.timezoneBoundaryPost
    const file = variant('2018', 'no-filename', (xml) => xml.replace(`<blogger:filename>${edge.legacyPath}</blogger:filename>`, '<blogger:filename/>'))
    await importBloggerExport(file, { now: NOW })
    const row = (await articleOf(edge.bloggerId))!
    expect(row.status).toBe('published')
    // 2023-08-31T22:30Z is 1 September 05:30 WIB.
    expect(row.pathMonth).toBe('2023/09')
    expect(await getPathFateAsync(edge.legacyPath)).toBeNull()
  })

  it('with a broken escape in it, still gets its slug and redirect from it', async () => {
    await reset()
    const post = published[0]!
    const broken = post.legacyPath.replace('.html', '%E0%A4.html')
    const file = variant('2018', 'broken-escape', (xml) => xml.replace(`<blogger:filename>${post.legacyPath}</blogger:filename>`, `<blogger:filename>${broken}</blogger:filename>`))
    await importBloggerExport(file, { now: NOW })
    const row = (await articleOf(post.bloggerId))!
    expect(row.slug).toBe(`${post.suggestedSlug}-e0-a4`)
    expect(await getPathFateAsync(broken.toLowerCase())).toEqual({ kind: 'moved', to: articlePath(row) })
  })
})

describe('a post scheduled for later', () => {
  it('stays hidden, its old URL answering 404, until it goes live; then the old URL leads to it', async () => {
    await reset()
    const exportedAt = new Date(expected.blog.exportedAtUtc)
    const report = await importBloggerExport(fixture('classic'), { now: exportedAt })
    expect(report.posts.scheduled).toBe(1)
    expect(report.posts.scheduledNowLive).toBe(0)
    const row = (await articleOf(scheduled.bloggerId))!
    expect(row.status).toBe('scheduled')
    expect(row.publishedAt?.toISOString()).toBe(scheduled.publishAtUtc)
    expect(await getPathFateAsync(scheduled.legacyPath)).toBeNull()
    expect(await answer(scheduled.legacyPath)).toEqual({ action: 'not-found' })

    await publishDueArticles(new Date(Date.parse(scheduled.publishAtUtc) + 1000))
    const live = (await articleOf(scheduled.bloggerId))!
    expect(live.status).toBe('published')
    expect(await getPathFateAsync(scheduled.legacyPath)).toEqual({ kind: 'moved', to: articlePath(live) })
    await expectOneHop(`${scheduled.legacyPath}?m=1`, articlePath(live))
  })
})

describe('labels merged in Warta', () => {
  it('keep their old Blogger URLs one hop from the surviving label, and a re-import does not bring them back', async () => {
    await reset()
    await importBloggerExport(fixture('classic'), { now: NOW })
    const db = getWriteConnection()
    // An editor accepts every suggestion on the labels screen.
    for (const suggestion of (await listLabelMergeSuggestions())) {
      await acceptLabelMergeSuggestion(suggestion.target.id, suggestion.labels.map((l) => l.id), null)
    }
    expect(await listLabelMergeSuggestions()).toEqual([])
    const live = await db
      .selectDistinct({ id: labels.id })
      .from(labels)
      .innerJoin(articleLabels, eq(articleLabels.labelId, labels.id))
      .where(isNotNull(articleLabels.publishedAt))
    expect(live).toHaveLength(expected.counts.labels.canonicalAfterSuggestedMerges)
    for (const r of expected.redirects.filter((r) => r.to.kind === 'label' || r.to.kind === 'label-feed')) {
      await expectOneHop(r.from, r.suggested!)
    }
    const count = (await db.select({ n: sql<number>`count(*)` }).from(labels).limit(1))[0]!.n
    const again = await importBloggerExport(fixture('2018'), { now: NOW })
    expect(again.labels.created).toBe(0)
    expect((await db.select({ n: sql<number>`count(*)` }).from(labels).limit(1))[0]!.n).toBe(count)
    expect(await getPathFateAsync(bloggerLabelPath('Pesbarda'))).toEqual({ kind: 'moved', to: '/label/pesisir-barat-daya' })
    const ids = (await db.select({ id: labels.id }).from(labels)).map((l) => l.id)
    expect((await db.select().from(articleLabels).where(inArray(articleLabels.labelId, ids))).length).toBeGreaterThan(0)
  })
})

describe('finding 6: the old addresses an export names', () => {
  // Paths of Warta itself that an export must never take over, and what each is planted as.
  const hostile = ['/admin/masuk', '/api/auth/session', '/_next/static/chunks/main.js', '/media/2024/01/foto.html']

  async function expectUntouched() {
    for (const path of hostile) {
      expect(await getPathFateAsync(path), path).toBeNull()
      // `.html` paths are in Blogger's namespace: without a row they answer 404, never a redirect.
      expect(await answer(path), path).toEqual(path.endsWith('.html') ? { action: 'not-found' } : { action: 'next' })
    }
    expect(await getWriteConnection().select().from(redirects).where(sql`${redirects.fromPath} not like '/____/__/%.html' and ${redirects.fromPath} not like '/p/%.html' and ${redirects.fromPath} not like '/feeds/%/comments/default' and ${redirects.fromPath} not like '/search/label/%'`)).toEqual([])
  }

  it('finding 6: a 2018 export redirects only from Blogger’s own path shapes, never /admin, /api, /_next or /media', async () => {
    await reset()
    const [a, b, c] = published.filter((p) => p.legacyPath) as [(typeof published)[0], (typeof published)[0], (typeof published)[0]]
    const page = expected.pages[1]!
    const file = variant('2018', 'hostile-paths', (xml) =>
      xml
        .replace(`<blogger:filename>${a.legacyPath}</blogger:filename>`, `<blogger:filename>${hostile[0]}</blogger:filename>`)
        .replace(`<blogger:filename>${b.legacyPath}</blogger:filename>`, `<blogger:filename>${hostile[1]}</blogger:filename>`)
        .replace(`<blogger:filename>${c.legacyPath}</blogger:filename>`, `<blogger:filename>${hostile[3]}</blogger:filename>`)
        .replace(`<blogger:filename>${page.legacyPath}</blogger:filename>`, `<blogger:filename>${hostile[2]}</blogger:filename>`),
    )
    await importBloggerExport(file, { now: NOW })
    await expectUntouched()
    // The entries themselves are imported as usual, at addresses made from their titles.
    for (const post of [a, b, c]) expect((await articleOf(post.bloggerId))?.status).toBe('published')
    expect((await getWriteConnection().select().from(pages).where(eq(pages.title, page.title)).limit(1))[0]?.status).toBe('published')
    // The other posts keep their old URLs.
    const d = published.find((p) => p.legacyPath && ![a, b, c].includes(p))!
    expect(await getPathFateAsync(d.legacyPath.toLowerCase())).toEqual({ kind: 'moved', to: articlePath((await articleOf(d.bloggerId))!) })
  })

  it('finding 6: a classic export’s alternate links cannot name a path of Warta either', async () => {
    await reset()
    const [a, b] = published.filter((p) => p.legacyPath) as [(typeof published)[0], (typeof published)[0]]
    const file = variant('classic', 'hostile-paths', (xml) =>
      xml
        .replace(`href='${SITE}${a.legacyPath}'`, `href='${SITE}${hostile[0]}'`)
        .replace(`href='${SITE}${b.legacyPath}'`, `href='https://elsewhere.example${hostile[1]}'`),
    )
    expect(fs.readFileSync(file, 'utf8')).toContain(hostile[0])
    await importBloggerExport(file, { now: NOW })
    await expectUntouched()
    expect((await articleOf(a.bloggerId))?.status).toBe('published')
  })
})

describe('an import whose pages cannot be expired', () => {
  it('keeps the stories and says so, when the tag store does not answer (Redis down)', async () => {
    await reset()
    const { installTagStore, sqliteTagStore } = await import('@/lib/cache/tag-store')
    const down = new Error('Redis is not connected')
    installTagStore({ append: () => Promise.reject(down), readSince: () => Promise.reject(down), latestSeq: () => Promise.reject(down) })
    try {
      const report = await importBloggerExport(fixture('classic'), { now: NOW, siteUrl: SITE })
      expect(report.warnings).toContainEqual(expect.stringContaining('cached pages could not be told'))
      for (const post of published) expect((await articleOf(post.bloggerId))?.status).toBe('published')
    } finally {
      installTagStore(sqliteTagStore())
    }
  })
})
