import 'server-only'
import { articleChangeTags, type ArticleFootprint } from '@/lib/cache/article'
import { expireTagsInAction } from '@/lib/cache/expire'

/*
 * For server actions: expire what a write changed, in every server process (ADR 007). Which tags
 * a change reaches is decided by one module per record type in lib/cache/; the scheduler, the
 * import and /api/revalidate use the same modules.
 */

export type { ArticleFootprint }

/**
 * Expire every public page that showed the article before the change or shows it after
 * (lib/cache/article.ts decides which), so the next request renders fresh.
 */
export async function revalidateArticle(before: ArticleFootprint | null, after: ArticleFootprint | null): Promise<void> {
  expireTagsInAction(await articleChangeTags(before, after))
}

/** Expire these tags (from a record module of lib/cache/). Only valid inside a server action. */
export function refreshTags(tags: Iterable<string>): void {
  expireTagsInAction(tags)
}
