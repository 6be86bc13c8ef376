import 'server-only'
import { updateTag } from 'next/cache'
import { TAGS, tagsForArticleChange } from '@/lib/cache-tags'

/** What an article shows up on: itself, the date-ordered lists, its author, its labels. */
export type ArticleFootprint = { id: number; authorId: number; labelIds: number[] }

/** Every page, feed and sitemap an article appears on (lib/cache-tags.ts decides). */
export function articleTags(a: ArticleFootprint): string[] {
  return tagsForArticleChange(a, null)
}

/**
 * For server actions: expire every public page that showed the article before the change or
 * shows it after (old labels and author included), so the next request renders fresh.
 */
export function revalidateArticle(before: ArticleFootprint | null, after: ArticleFootprint | null): void {
  refreshTags(tagsForArticleChange(before, after))
}

/** updateTag each tag once. Only valid inside a server action. */
export function refreshTags(tags: Iterable<string>): void {
  for (const tag of new Set(tags)) updateTag(tag)
}

/**
 * After labels are renamed, merged or deleted: their archives, the navigation (it prints label
 * names), the date-ordered lists (cards print the section), and every story that carried them,
 * with its author's page.
 */
export function revalidateLabels(labelIds: number[], articles: ReadonlyArray<{ id: number; authorId: number }> = []): void {
  refreshTags([
    TAGS.site,
    TAGS.latest,
    TAGS.sitemaps,
    ...labelIds.map(TAGS.label),
    ...articles.flatMap((a) => [TAGS.article(a.id), TAGS.author(a.authorId)]),
  ])
}
