import 'server-only'
import { TAGS } from '@/lib/cache-tags'

/** Site settings (name, tagline, logo, featured labels): every public page carries the chrome. */
export function siteSettingsChangedTags(): string[] {
  return [TAGS.site]
}

/**
 * An import may touch any story, label, author and old address at once: every page (they all
 * carry the chrome tag) and the 410 notices. Search results need no tag: their cache follows the
 * search index's own version (ADR 008).
 */
export function importTags(): string[] {
  return [TAGS.site, TAGS.redirects]
}
