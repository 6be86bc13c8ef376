import 'server-only'
import { updateTag } from 'next/cache'
import { getTagStore } from './tag-store'

/*
 * The two ways to expire cached pages (ADR 007). Which tags: the record-type modules beside
 * this one (article.ts, label.ts, author.ts, static-page.ts, site.ts) decide, for every caller.
 */

/**
 * In a server action: every process stops serving pages with these tags, and the action's own
 * response already renders fresh (updateTag; the page cache handler shares it with the others).
 */
export function expireTagsInAction(tags: Iterable<string>): void {
  for (const tag of new Set(tags)) updateTag(tag)
}

/**
 * Anywhere else (the scheduler, the import CLI, scripts): record the expiry in the shared tag
 * store, which every server process on this database applies within a poll interval (250 ms).
 * Needs no running server and no HTTP round trip.
 */
export async function expireTags(tags: Iterable<string>): Promise<string[]> {
  const unique = [...new Set(tags)]
  if (unique.length === 0) return []
  const now = Date.now()
  await getTagStore().append(unique.map((tag) => ({ tag, staleAt: null, expiredAt: now })))
  return unique
}
