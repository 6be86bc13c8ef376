/**
 * Test-only CLI: changes the e2e site the way the newsroom does, through the same query
 * functions the server actions call, then expires the pages that showed what changed through
 * the same record-type modules (lib/cache/) and the shared tag store, as every writer outside a
 * server does (the scheduler, the import). Prints one JSON line: { result, revalidated }.
 *
 *   edit /2026/11/judul "Judul baru"        a live story's headline (an edit that keeps it listed)
 *   rename /2026/11/judul judul-baru         a live story's address (one 301 from the old)
 *   unpublish /2026/11/judul                 off the site
 *   republish ID                             back on the site at its address
 *   retract /2026/11/judul "Alasan"          410 with the public notice
 *   publish-new label-slug "Judul" [ISO]     a new story by the label's newest story's author
 *   label-rename slug "Nama baru"
 *   merge target-slug source-slug…
 *   author-rename slug "Nama baru"
 *   site-name "Nama situs"
 *
 * Needs DATA_DIR (the e2e data folder).
 */
import { getPublishedArticle, listArticlesByLabel } from '@/db/queries/articles'
import {
  type ArticleContent,
  type ArticleForEdit,
  createDraft,
  getArticleForEdit,
  retractArticle,
  saveArticle,
  unpublishArticle,
  type WriteResult,
} from '@/db/queries/articles-desk'
import { getLabelBySlug } from '@/db/queries/labels'
import { updateLabel } from '@/db/queries/labels-desk'
import { mergeLabels } from '@/db/queries/labels-desk-merge'
import { updateSiteSettings } from '@/db/queries/settings'
import { getAuthorBySlug, updateProfile } from '@/db/queries/users'
import { articleChangeTags } from '@/lib/cache/article'
import { authorChangedTags } from '@/lib/cache/author'
import { expireTags } from '@/lib/cache/expire'
import { closeDatabase } from '@/db'
import { closeRedis } from '@/lib/redis/client'
import { labelChangedTags, labelsMergedTags } from '@/lib/cache/label'
import { siteSettingsChangedTags } from '@/lib/cache/site'
import { parseArticlePath } from '@/lib/redirects/paths'
import { articlePath } from '@/lib/urls'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

async function findArticle(path: string): Promise<ArticleForEdit> {
  const parts = parseArticlePath(path) ?? fail(`Not an article URL: ${path}`)
  const live = (await getPublishedArticle(parts.pathMonth, parts.slug)) ?? fail(`No published article at ${path}`)
  return (await getArticleForEdit(live.id)) ?? fail(`No article ${live.id}`)
}

/** The editor's form for an article as it stands, for a save that changes one thing. */
function contentOf(a: ArticleForEdit, change: Partial<ArticleContent> = {}): ArticleContent {
  return {
    title: a.title,
    slug: a.slug,
    dateline: a.dateline,
    excerpt: a.excerpt,
    bodyHtml: a.bodyHtml,
    featuredMediaId: a.featuredMediaId,
    keepFeaturedUrl: a.featuredImageUrl !== null,
    featuredAlt: a.featuredAlt,
    featuredCaption: a.featuredCaption,
    labels: a.labels.map((l) => l.name),
    isSponsored: a.isSponsored,
    sponsorName: a.sponsorName,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    ...change,
  }
}

const SAVE = { canCreateLabels: true, canPublish: true } as const

async function settle(result: WriteResult): Promise<{ tags: string[]; result: unknown }> {
  if (!result.ok) fail(`Refused: ${JSON.stringify(result)}`)
  const a = (await getArticleForEdit(result.id))!
  return { tags: await articleChangeTags(result.before, result.after), result: { id: result.id, status: result.status, path: a.pathMonth ? articlePath(a as { pathMonth: string; slug: string }) : null } }
}

async function run(command: string | undefined, args: string[]): Promise<{ tags: string[]; result: unknown }> {
  switch (command) {
    case 'edit': {
      const a = await findArticle(args[0] ?? '')
      return settle(await saveArticle(a.id, contentOf(a, { title: args[1] ?? fail('title?') }), a.version, a.authorId, SAVE))
    }
    case 'rename': {
      const a = await findArticle(args[0] ?? '')
      const from = articlePath(a as { pathMonth: string; slug: string })
      const saved = await settle(await saveArticle(a.id, contentOf(a, { slug: args[1] ?? fail('slug?') }), a.version, a.authorId, SAVE))
      return { ...saved, result: { ...(saved.result as object), from, to: (saved.result as { path: string }).path } }
    }
    case 'unpublish': {
      const a = await findArticle(args[0] ?? '')
      return settle(await unpublishArticle(a.id, a.version, a.authorId))
    }
    case 'republish': {
      const a = (await getArticleForEdit(Number(args[0]))) ?? fail(`No article ${args[0]}`)
      return settle(await saveArticle(a.id, contentOf(a), a.version, a.authorId, { ...SAVE, transition: { to: 'published' } }))
    }
    case 'retract': {
      const a = await findArticle(args[0] ?? '')
      return settle(await retractArticle(a.id, a.version, a.authorId, args[1] ?? 'Ditarik.'))
    }
    case 'publish-new': {
      const label = (await getLabelBySlug(args[0] ?? '')) ?? fail(`No label ${args[0]}`)
      const newest = (await listArticlesByLabel(label.id, 1)).items[0] ?? fail(`Label ${args[0]} has no story`)
      const authorId = (await getArticleForEdit(newest.id))!.authorId
      const { id } = await createDraft(authorId, args[1] ?? fail('title?'))
      const draft = (await getArticleForEdit(id))!
      const content = contentOf(draft, { bodyHtml: '<p>Isi berita uji.</p>', excerpt: 'Ringkasan berita uji.', labels: [label.name] })
      const at = args[2] ? new Date(args[2]) : undefined
      return settle(await saveArticle(id, content, draft.version, authorId, { ...SAVE, transition: { to: 'published' }, now: at }))
    }
    case 'label-rename': {
      const label = (await getLabelBySlug(args[0] ?? '')) ?? fail(`No label ${args[0]}`)
      const changed = await updateLabel(label.id, { name: args[1] ?? fail('name?'), slug: label.slug, description: label.description })
      if (!changed) fail('Label vanished')
      return { tags: await labelChangedTags(label, { id: label.id, slug: changed.after.slug }), result: changed }
    }
    case 'merge': {
      const [targetSlug, ...sourceSlugs] = args
      const target = (await getLabelBySlug(targetSlug ?? '')) ?? fail(`No label ${targetSlug}`)
      const sources = []
      for (const slug of sourceSlugs) sources.push((await getLabelBySlug(slug)) ?? fail(`No label ${slug}`))
      const merge = await mergeLabels(
        sources.map((s) => s.id),
        target.id,
      )
      return { tags: await labelsMergedTags(merge.sources, merge.target), result: merge }
    }
    case 'author-rename': {
      const author = (await getAuthorBySlug(args[0] ?? '')) ?? fail(`No author ${args[0]}`)
      await updateProfile(author.id, { name: args[1] ?? fail('name?'), bio: author.bio })
      return { tags: authorChangedTags(author.id), result: { id: author.id } }
    }
    case 'site-name': {
      await updateSiteSettings({ siteName: args[0] ?? fail('name?') })
      return { tags: siteSettingsChangedTags(), result: { ok: true } }
    }
    default:
      fail('Usage: newsroom-cli.ts edit|rename|unpublish|republish|retract|publish-new|label-rename|merge|author-rename|site-name …')
  }
}

async function main() {
  const [command, ...args] = process.argv.slice(2)
  const { tags, result } = await run(command, args)
  const revalidated = await expireTags(tags)
  // Open connections keep the process alive: Redis's (with REDIS_URL, the expiries went there) and,
  // on PostgreSQL, the pool's until its idle timeout, 10 s after every command.
  await Promise.all([closeRedis(), closeDatabase()])
  console.log(JSON.stringify({ result, revalidated }))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
