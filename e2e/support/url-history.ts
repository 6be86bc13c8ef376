/**
 * Test-only CLI: changes the URL history of the e2e site the way the newsroom does, through the
 * same query functions, then expires the pages that showed what changed through the shared tag
 * store (lib/cache/), as every writer outside a server does. Prints one JSON line.
 *
 *   tsx --conditions=react-server e2e/support/url-history.ts rename /2026/11/judul judul-baru
 *   tsx --conditions=react-server e2e/support/url-history.ts merge target-slug source-slug [source-slug…]
 *   tsx --conditions=react-server e2e/support/url-history.ts retract /2026/11/judul "Alasan"
 *
 * Needs DATA_DIR (the e2e data folder).
 */
import { getPublishedArticle } from '@/db/queries/articles'
import { getArticleForEdit, retractArticle } from '@/db/queries/articles-desk'
import { getLabelBySlug } from '@/db/queries/labels'
import { mergeLabels } from '@/db/queries/labels-desk'
import { changeArticleSlug } from '@/db/queries/redirects'
import { articleChangeTags, type ArticleFootprint } from '@/lib/cache/article'
import { labelsMergedTags } from '@/lib/cache/label'
import { parseArticlePath } from '@/lib/redirects/paths'
import { requestRevalidation } from '@/lib/revalidate-client'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function footprintOf(article: NonNullable<ReturnType<typeof getPublishedArticle>>): ArticleFootprint {
  return {
    id: article.id,
    authorId: article.author.id,
    labelIds: article.labels.map((l) => l.id),
    pathMonth: article.pathMonth,
    slug: article.slug,
    publishedAt: article.publishedAt,
    isSponsored: article.isSponsored,
  }
}

function findArticle(path: string) {
  const parts = parseArticlePath(path) ?? fail(`Not an article URL: ${path}`)
  return getPublishedArticle(parts.pathMonth, parts.slug) ?? fail(`No published article at ${path}`)
}

async function main() {
  const [command, ...args] = process.argv.slice(2)
  let tags: string[]
  let result: unknown
  switch (command) {
    case 'rename': {
      const [path, newSlug] = args
      const article = findArticle(path ?? '')
      const change = changeArticleSlug(article.id, newSlug ?? '')
      if (!change.ok) fail(`Rename refused: ${change.reason}`)
      tags = articleChangeTags(footprintOf(article), { ...footprintOf(article), slug: newSlug ?? '' })
      result = change
      break
    }
    case 'merge': {
      const [targetSlug, ...sourceSlugs] = args
      const target = getLabelBySlug(targetSlug ?? '') ?? fail(`No label ${targetSlug}`)
      const sources = sourceSlugs.map((slug) => getLabelBySlug(slug) ?? fail(`No label ${slug}`))
      const merge = mergeLabels(
        sources.map((s) => s.id),
        target.id,
      )
      tags = labelsMergedTags(merge.sources, merge.target)
      result = merge
      break
    }
    case 'retract': {
      const [path, reason] = args
      const article = findArticle(path ?? '')
      const current = getArticleForEdit(article.id) ?? fail(`No article ${article.id}`)
      const retracted = retractArticle(article.id, current.version, article.author.id, reason ?? '')
      if (!retracted.ok) fail(`Retraction refused: ${retracted.code}`)
      tags = articleChangeTags(footprintOf(article), null)
      result = { ok: true, articleId: article.id }
      break
    }
    default:
      fail('Usage: url-history.ts rename|merge|retract …')
  }
  const revalidated = await requestRevalidation(tags)
  console.log(JSON.stringify({ result, revalidated }))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
