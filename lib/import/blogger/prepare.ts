import 'server-only'
import { isUntouchedStarterPage } from '@/db/starter-pages'
import { labelKey } from '@/lib/labels/key'
import { bloggerImageAtSize } from '@/lib/media/blogger-cdn'
import { articlePath, pagePath } from '@/lib/urls'
import { cleanBloggerBody, takeLeadImage } from './content'
import { getMapping, type ImportContext } from './context'
import { claimSlug, type PeopleAndLabels } from './labels'
import { BODY_RULES_VERSION, hashOf, makeHrefRewriter, urlMonthOf } from './plan'
import { StagingStore, type PreparedFields, type StagedEntry } from './staging'

/*
 * Steps 2 and 3 of an import, still without writing to the site: give every post and page its
 * address, then clean every body (the costly part: sanitising, rewriting links between old posts,
 * taking out the lead picture) into the scratch store. Only reads of the site's database, each a
 * keyed lookup, with the event loop handed back every few milliseconds.
 */

const BATCH = 200

type ArticleAddress = { slug: string; pathMonth: string | null }

/**
 * Addresses: an entry imported before keeps its own; a page new to Warta takes Blogger's name
 * (a new site's untouched starter drafts give theirs up); a post new to Warta takes Blogger's file
 * name, else the next free `-2`, `-3`… in order of publication, so the older post keeps the plain
 * slug and a re-import gives the same answer. Then records each live entry's old path → new path
 * for the link rewriter.
 */
export async function planAddresses(ctx: ImportContext): Promise<void> {
  const { store, statements, pacer } = ctx
  const pageTaken = async (slug: string) => {
    if (store.hasSlug('page', slug)) return true
    const row = await statements.pageBySlug(slug)
    return row !== undefined && !isUntouchedStarterPage(row)
  }
  for (let after = 0; ; ) {
    const batch = store.listAddressesBySeq('page', after, BATCH)
    if (batch.length === 0) break
    after = batch.at(-1)!.seq
    for (const page of batch) {
      const mapping = await getMapping(ctx, 'page', page.externalId)
      const row = mapping ? await statements.pageById(mapping.entityId) : undefined
      if (mapping) store.setMapped(page.seq)
      store.setAddress(page.seq, row ? row.slug : await claimSlug(page.baseSlug, pageTaken), null)
    }
    await pacer.tick()
  }

  for (let after = 0; ; ) {
    const batch = store.listAddressesBySeq('post', after, BATCH)
    if (batch.length === 0) break
    after = batch.at(-1)!.seq
    for (const post of batch) {
      const mapping = await getMapping(ctx, 'post', post.externalId)
      if (!mapping) continue
      store.setMapped(post.seq)
      const row: ArticleAddress | undefined = await statements.articleState(mapping.entityId)
      if (row) store.setAddress(post.seq, row.slug, row.pathMonth ?? urlMonthOf(post))
    }
    await pacer.tick()
  }

  const postTaken = async (slug: string) => store.hasSlug('post', slug) || (await statements.articleSlugTaken(slug))
  for (let after = { claimOrder: -Infinity, externalId: '' }; ; ) {
    const batch = store.listFreshPosts(after, BATCH)
    if (batch.length === 0) break
    after = StagingStore.claimPosition(batch.at(-1)!)
    for (const post of batch) store.setAddress(post.seq, await claimSlug(post.baseSlug, postTaken), urlMonthOf(post))
    await pacer.tick()
  }

  for (const kind of ['post', 'page'] as const) {
    for (let after = 0; ; ) {
      const batch = store.listAddressesBySeq(kind, after, BATCH)
      if (batch.length === 0) break
      after = batch.at(-1)!.seq
      for (const entry of batch) {
        if (entry.status !== 'published' || !entry.legacyPath || !entry.slug) continue
        if (kind === 'post' && !entry.pathMonth) continue
        store.addPath(entry.legacyPath.toLowerCase(), kind === 'post' ? articlePath({ slug: entry.slug, pathMonth: entry.pathMonth }) : pagePath(entry.slug))
      }
      await pacer.tick()
    }
  }
  store.flush()
}

/** The fields cleaning makes of a body: the sanitised HTML and, for posts, the lead picture. */
export function cleanEntry(entry: StagedEntry, rewriteHref: (href: string) => string | null): PreparedFields {
  const cleaned = cleanBloggerBody(entry.contentHtml, { rewriteHref })
  if (entry.kind === 'page') return { bodyHtml: cleaned, featuredImageUrl: null, featuredAlt: '', featuredCaption: '' }
  const { body, lead } = takeLeadImage(cleaned)
  return {
    bodyHtml: body,
    featuredImageUrl: lead ? bloggerImageAtSize(lead.src, 's0') : null,
    featuredAlt: lead ? lead.alt || lead.caption || entry.title : '',
    featuredCaption: lead?.caption ?? '',
  }
}

/**
 * What the import writes for a post, hashed: equal to the last import's hash means unchanged.
 * Its label and author ids are part of it (a label merged in Warta changes it).
 */
export function postHash(entry: StagedEntry, labelIds: number[], authorId: number | undefined): string {
  return hashOf([
    BODY_RULES_VERSION,
    entry.title,
    entry.contentHtml,
    entry.metaDescription,
    entry.published,
    entry.updated,
    entry.status,
    entry.slug,
    entry.pathMonth,
    labelIds,
    authorId,
  ])
}

/**
 * The label and author ids a post would get, as far as they are known before anything is
 * written: null when one of them would be created by this import (so the post cannot be
 * unchanged).
 */
async function knownIds(ctx: ImportContext, people: PeopleAndLabels) {
  const labelIds = new Map<string, number | null>()
  const existing = new Map<string, number>()
  // Where two labels share a key, the later one answers, as in publishLabels.
  for (const l of await ctx.statements.allLabels()) existing.set(labelKey(l.name), l.id)
  const live = new Set(existing.values())
  for (const key of people.labels.keys()) {
    const mapping = await getMapping(ctx, 'label', key)
    // null: deleted in Warta, so left off the post; absent: still to be created.
    if (mapping) labelIds.set(key, live.has(mapping.entityId) ? mapping.entityId : null)
    else if (existing.has(key)) labelIds.set(key, existing.get(key)!)
  }
  const authorIds = new Map<string, number>()
  for (const key of people.authors.keys()) {
    const mapping = await getMapping(ctx, 'author', key)
    if (mapping && (await ctx.statements.userExists(mapping.entityId))) authorIds.set(key, mapping.entityId)
  }
  return (entry: StagedEntry): { labelIds: number[]; authorId: number } | null => {
    const authorId = authorIds.get(entry.authorKey)
    if (authorId === undefined || entry.labelKeys.some((k) => !labelIds.has(k))) return null
    const ids = entry.labelKeys.map((k) => labelIds.get(k)).filter((id): id is number => typeof id === 'number')
    return { labelIds: [...new Set(ids)], authorId }
  }
}

/**
 * Cleans every body into the scratch store, except posts that are unchanged since the last
 * import (their hash says so already, as far as it can be known before writing).
 */
export async function prepareBodies(ctx: ImportContext, people: PeopleAndLabels, hosts: Set<string>, total: number): Promise<void> {
  const { store, pacer, emit } = ctx
  const rewriteHref = makeHrefRewriter(hosts, (legacy) => store.getPath(legacy))
  const known = await knownIds(ctx, people)
  let done = 0
  for (const kind of ['page', 'post'] as const) {
    for (let after = 0; ; ) {
      const batch = store.listBySeq(kind, after, BATCH)
      if (batch.length === 0) break
      after = batch.at(-1)!.seq
      for (const entry of batch) {
        done++
        if (kind === 'post') {
          const ids = known(entry)
          const mapping = ids && (await getMapping(ctx, 'post', entry.externalId))
          if (ids && mapping && mapping.contentHash === postHash(entry, ids.labelIds, ids.authorId)) {
            store.setPrepared(entry.seq, null)
            continue
          }
        }
        store.setPrepared(entry.seq, cleanEntry(entry, rewriteHref))
        await pacer.tick()
      }
      emit({ type: 'progress', phase: 'preparing', done, total })
      await pacer.tick()
    }
  }
  store.flush()
}
