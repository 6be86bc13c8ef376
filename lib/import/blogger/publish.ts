import 'server-only'
import { eq } from 'drizzle-orm'
import { writeRevision } from '@/db/queries/articles-desk'
import { articleLabels, articles, pages } from '@/db/tables'
import { isUntouchedStarterPage, releaseStarterPage } from '@/db/starter-pages'
import type { Executor as WriteTx } from '@/db'
import type { ArticleState } from '@/db/queries/blogger-import'
import { articlePath, pagePath } from '@/lib/urls'
import { claimAddress, forgetOldPath, getMapping, type ImportContext, redirectOldPath, remember } from './context'
import { claimSlug, type PeopleAndLabels } from './labels'
import { cleanEntry, postHash } from './prepare'
import { commentFeedPathOf, hashOf, makeHrefRewriter, sponsorNameOf, timeMs } from './plan'
import type { StagedEntry } from './staging'

/*
 * Step 4 of an import: copy the prepared posts and pages into the site's database, a few dozen
 * per slice (./slices.ts). Each slice writes whole entries only (the article, its labels, its
 * old URLs, its import record), so between two slices the site is consistent: every imported
 * story a reader can reach is complete and its old URL leads to it. Decisions that depend on the
 * site (edited in Warta since the last import? slug taken meanwhile?) are made again inside the
 * slice, where nothing can change under them.
 */

const BATCH = 200


/** A staged post with what the publish step adds before taking the lock: its ids and hash. */
type PostInput = StagedEntry & { labelIds: number[]; authorId: number; hash: string }

/**
 * Runs `apply` on every staged entry of a kind, in file order: each batch's inputs are made
 * outside the lock, then written in as many slices as the budget needs.
 */
async function publishAll<T>(
  ctx: ImportContext,
  kind: 'post' | 'page',
  toInput: (entry: StagedEntry) => T,
  apply: (tx: WriteTx | null, input: T) => void | Promise<void>,
  onProgress: (n: number) => void,
  end: SliceEnd = { reserveMs: () => 0, run: () => {} },
): Promise<void> {
  for (let after = 0; ; ) {
    const batch = ctx.store.listBySeq(kind, after, BATCH)
    if (batch.length === 0) break
    after = batch.at(-1)!.seq
    const inputs = batch.map(toInput)
    await ctx.pacer.yield()
    for (let next = 0; next < inputs.length; ) {
      const from = next
      next = await ctx.slicer.runOrRead(ctx.dryRun, async (tx, pastBudget) => {
        let i = from
        while (i < inputs.length && !(i > from && pastBudget(end.reserveMs()))) await apply(tx, inputs[i++]!)
        await end.run()
        return i
      })
      onProgress(next - from)
    }
  }
}

/** Work a slice does after its entries, and how long it will take (kept out of the budget). */
type SliceEnd = { reserveMs: () => number; run: () => void | Promise<void> }

/**
 * Makes a slice's new live stories live in one statement (see publishPost), learning what that
 * costs per story to keep the slice within its budget.
 */
function goLiveAtEnd(ctx: ImportContext, goingLive: number[]): SliceEnd {
  // A guess for the first slice (strip_html and the FTS insert of a 2–6 KB body); then measured.
  let msPerStory = 0.5
  return {
    reserveMs: () => goingLive.length * msPerStory,
    run: async () => {
      if (goingLive.length === 0) return
      const started = performance.now()
      if (!ctx.dryRun) await ctx.statements.makeLive(goingLive)
      const measured = (performance.now() - started) / goingLive.length
      msPerStory = ctx.dryRun ? msPerStory : msPerStory * 0.7 + measured * 0.3
      goingLive.length = 0
    },
  }
}

/** Pages, then posts; `onProgress` counts entries written. */
export async function publishEntries(ctx: ImportContext, people: PeopleAndLabels, hosts: Set<string>, onProgress: (n: number) => void): Promise<void> {
  const rewriteHref = makeHrefRewriter(hosts, (legacy) => ctx.store.getPath(legacy))
  await publishAll(ctx, 'page', (e) => e, (tx, page) => publishPage(ctx, tx, page, rewriteHref), onProgress)
  const goingLive: number[] = []
  await publishAll(
    ctx,
    'post',
    (entry): PostInput => {
      const labelIds = people.labelIdsOf(entry.labelKeys)
      const authorId = people.authors.get(entry.authorKey)!.id!
      return { ...entry, labelIds, authorId, hash: postHash(entry, labelIds, authorId) }
    },
    (tx, post) => publishPost(ctx, people, tx, post, rewriteHref, goingLive),
    onProgress,
    goLiveAtEnd(ctx, goingLive),
  )
}

/** The article's columns from a staged post: the cleaned body, the lead picture, times and flags. */
function postFields(post: PostInput, people: PeopleAndLabels, rewriteHref: (href: string) => string | null) {
  // Prepared as unchanged, but it changed since (another import in between): clean it now.
  const cleaned =
    post.prepared === 1
      ? { bodyHtml: post.bodyHtml!, featuredImageUrl: post.featuredImageUrl, featuredAlt: post.featuredAlt!, featuredCaption: post.featuredCaption! }
      : cleanEntry(post, rewriteHref)
  const publishedAt = post.publishedMs !== null ? new Date(post.publishedMs) : null
  const updatedMs = timeMs(post.updated)
  return {
    title: post.title,
    ...cleaned,
    authorId: post.authorId,
    status: post.status,
    publishedAt: post.status === 'draft' ? null : publishedAt,
    updatedAt:
      post.status === 'published' && updatedMs !== null && publishedAt && updatedMs > publishedAt.getTime() ? new Date(updatedMs) : null,
    isSponsored: post.sponsored,
    sponsorName: post.sponsored ? sponsorNameOf(people.labelNamesOf(post.labelKeys)) : '',
    seoDescription: post.metaDescription.slice(0, 300),
  }
}


async function publishPost(
  ctx: ImportContext,
  people: PeopleAndLabels,
  tx: WriteTx | null,
  post: PostInput,
  rewriteHref: (href: string) => string | null,
  goingLive: number[],
): Promise<void> {
  const { report, statements } = ctx
  if (post.status === 'published') report.posts.published++
  else if (post.status === 'draft') report.posts.drafts++
  else report.posts.scheduled++
  if (post.status === 'published' && post.wasScheduled) report.posts.scheduledNowLive++

  const skip = (reason: 'deleted-in-warta' | 'edited-in-warta') => {
    report.posts.skipped++
    ctx.skip({ kind: 'post', id: post.externalId, title: post.title, reason, line: post.line })
  }
  const mapping = await getMapping(ctx, 'post', post.externalId)
  let row: ArticleState
  let hash = post.hash
  if (mapping) {
    const current = await statements.articleState(mapping.entityId)
    if (!current) return skip('deleted-in-warta')
    if (mapping.contentHash === hash) {
      report.posts.unchanged++
      row = current
    } else if (mapping.entityVersion !== current.version) {
      return skip('edited-in-warta')
    } else {
      const fields = postFields(post, people, rewriteHref)
      const pathMonth = current.pathMonth ?? post.pathMonth ?? null
      if (!tx) {
        row = { ...current, status: fields.status, pathMonth, version: current.version + 1, featuredImageUrl: fields.featuredImageUrl }
      } else {
        // Keep what Warta had as a revision before Blogger's newer version replaces it.
        const before = (await tx.select().from(articles).where(eq(articles.id, current.id)).limit(1))[0]!
        const currentLabels = await tx.select({ id: articleLabels.labelId }).from(articleLabels).where(eq(articleLabels.articleId, current.id))
        await writeRevision(tx, before, currentLabels.map((l) => l.id), null)
        row = (await tx
          .update(articles)
          .set({ ...fields, pathMonth, version: current.version + 1, savedAt: new Date(), savedBy: null })
          .where(eq(articles.id, current.id))
          .returning({ id: articles.id, status: articles.status, slug: articles.slug, pathMonth: articles.pathMonth, version: articles.version, featuredImageUrl: articles.featuredImageUrl }))[0]!
        await statements.replaceLabels(row.id, post.labelIds)
      }
      report.posts.updated++
    }
  } else {
    let slug = post.slug!
    if (await statements.articleSlugTaken(slug)) {
      // Taken by the newsroom since the addresses were planned: the next free one. Links to it
      // from other imported posts were rewritten to the planned address and now lead elsewhere.
      slug = await claimSlug(post.baseSlug, async (s) => ctx.store.hasSlug('post', s) || (await statements.articleSlugTaken(s)))
      ctx.store.setAddress(post.seq, slug, post.pathMonth)
      hash = postHash({ ...post, slug }, post.labelIds, post.authorId)
      report.warnings.push(`The address ${articlePath({ slug: post.slug!, pathMonth: post.pathMonth })} was taken during the import; "${post.title}" is at ${articlePath({ slug, pathMonth: post.pathMonth })}.`)
    }
    const fields = postFields(post, people, rewriteHref)
    const updatedMs = timeMs(post.updated)
    if (!tx) {
      row = { id: -1, status: fields.status, slug, pathMonth: post.pathMonth, version: 1, featuredImageUrl: fields.featuredImageUrl }
    } else {
      // A new live story is written as a draft and made live at the end of the slice, all at
      // once (goingLive): FTS5 writes its pending index data to disk at every statement savepoint
      // (each write that fires a trigger opens one), so a story made live on its own would cost
      // a segment of the search index each, and merging those cost more than the rest of the
      // import. The search triggers index the stories as they go live, as for the desk.
      row = await statements.insertArticle({
        ...fields,
        status: fields.status === 'published' ? 'draft' : fields.status,
        slug,
        pathMonth: post.pathMonth ?? null,
        createdAt: new Date(timeMs(post.created) ?? post.publishedMs ?? Date.now()),
        savedAt: new Date(updatedMs ?? post.publishedMs ?? Date.now()),
      })
      if (fields.status === 'published') {
        goingLive.push(row.id)
        row.status = 'published'
      }
      await statements.replaceLabels(row.id, post.labelIds, true)
    }
    report.posts.created++
  }
  if (row.featuredImageUrl) report.images.referenced++
  await remember(ctx, 'post', post.externalId, {
    entityId: row.id,
    legacyPath: post.legacyPath,
    externalUpdated: post.updated,
    contentHash: hash,
    entityVersion: row.version,
  })
  const commentFeed = commentFeedPathOf(post.externalId)
  if (row.status === 'published' && row.pathMonth) {
    const to = articlePath(row)
    // A live article wins its address (as when the desk publishes one).
    await claimAddress(ctx, to)
    if (post.legacyPath) await redirectOldPath(ctx, post.legacyPath, to)
    if (commentFeed) await redirectOldPath(ctx, commentFeed, to)
  } else if (mapping) {
    // Taken back to draft in Blogger since the last import: its old URLs must not lead to it.
    for (const from of [post.legacyPath, commentFeed]) if (from) await forgetOldPath(ctx, from)
  }
}

async function publishPage(ctx: ImportContext, tx: WriteTx | null, page: StagedEntry, rewriteHref: (href: string) => string | null): Promise<void> {
  const { report, statements } = ctx
  const body = page.prepared === 1 ? page.bodyHtml! : cleanEntry(page, rewriteHref).bodyHtml
  const publishedMs = timeMs(page.published)
  const updatedMs = timeMs(page.updated)
  const status = page.status === 'draft' ? 'draft' : 'published'
  const fields = {
    title: page.title || page.slug!,
    bodyHtml: body,
    status,
    seoDescription: page.metaDescription.slice(0, 300),
    publishedAt: status === 'published' && publishedMs !== null ? new Date(publishedMs) : null,
  } as const
  const skip = (reason: 'deleted-in-warta' | 'edited-in-warta') => {
    report.pages.skipped++
    ctx.skip({ kind: 'page', id: page.externalId, title: page.title, reason, line: page.line })
  }
  const mapping = await getMapping(ctx, 'page', page.externalId)
  let row: { id: number; slug: string; status: string; updatedAt: number | null }
  let slug = page.slug!
  if (mapping) {
    const current = await statements.pageById(mapping.entityId)
    if (!current) return skip('deleted-in-warta')
    const hash = hashOf({ ...fields, slug })
    if (mapping.contentHash === hash) {
      report.pages.unchanged++
      row = current
    } else if (mapping.entityVersion !== (current.updatedAt ?? 0)) {
      return skip('edited-in-warta')
    } else {
      const updatedAt = new Date()
      if (tx) await tx.update(pages).set({ ...fields, updatedAt }).where(eq(pages.id, current.id))
      row = { ...current, status, updatedAt: updatedAt.getTime() }
      report.pages.updated++
    }
    await rememberPage(ctx, page, row, hash)
  } else {
    // A new site's untouched starter draft (Redaksi, Kontak…) gives its address to the imported page.
    if (tx) await releaseStarterPage(tx, slug)
    const holder = await statements.pageBySlug(slug)
    if (holder && (tx || !isUntouchedStarterPage(holder))) {
      // Taken (or edited) by the newsroom since the addresses were planned: the next free one.
      slug = await claimSlug(page.baseSlug, async (s) => ctx.store.hasSlug('page', s) || (await statements.pageBySlug(s)) !== undefined)
      ctx.store.setAddress(page.seq, slug, null)
      report.warnings.push(`The address ${pagePath(page.slug!)} was taken during the import; the page "${page.title}" is at ${pagePath(slug)}.`)
    }
    const createdAt = new Date(publishedMs ?? Date.now())
    const savedAt = new Date(updatedMs ?? publishedMs ?? Date.now())
    if (tx) {
      row = (await tx
        .insert(pages)
        .values({ ...fields, title: page.title || slug, slug, createdAt, updatedAt: savedAt })
        .returning({ id: pages.id, slug: pages.slug, status: pages.status }))[0]! as unknown as typeof row
      row.updatedAt = savedAt.getTime()
    } else {
      row = { id: -1, slug, status, updatedAt: savedAt.getTime() }
    }
    report.pages.created++
    await rememberPage(ctx, page, row, hashOf({ ...fields, title: page.title || slug, slug }))
  }
  if (row.status === 'published' && page.legacyPath) await redirectOldPath(ctx, page.legacyPath, pagePath(row.slug))
}

function rememberPage(ctx: ImportContext, page: StagedEntry, row: { id: number; updatedAt: number | null }, hash: string): Promise<void> {
  return remember(ctx, 'page', page.externalId, {
    entityId: row.id,
    legacyPath: page.legacyPath,
    externalUpdated: page.updated,
    contentHash: hash,
    entityVersion: row.updatedAt ?? 0,
  })
}
