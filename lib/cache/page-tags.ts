import { cacheTag } from 'next/cache'
import { TAGS } from '@/lib/cache-tags'

/*
 * The tags each public page type carries (ADR 007): one function per page type, so the contract
 * between pages and the record modules that expire them (lib/cache/article.ts and its siblings)
 * can be read, and tested (page-tags.test.ts), in one place. A page tags itself before it can
 * answer 404, with the address it was asked for, so the record's arrival turns the 404 into the
 * page.
 */

type CardLike = { id: number; section?: { id: number } | null; isSponsored?: boolean }

/**
 * A card prints its story and its section's name (an advertorial prints its badge instead), so
 * a label rename reaches it.
 */
export function cardTags(cards: ReadonlyArray<CardLike | null | undefined>): string[] {
  const tags: string[] = []
  for (const c of cards) {
    if (!c) continue
    tags.push(TAGS.article(c.id))
    if (c.section && !c.isSponsored) tags.push(TAGS.label(c.section.id))
  }
  return tags
}

/**
 * A headline-only entry (CompactCard, the previous/next links) prints no section: a label
 * rename does not reach it.
 */
export function headlineTags(cards: ReadonlyArray<{ id: number } | null | undefined>): string[] {
  return cards.flatMap((c) => (c ? [TAGS.article(c.id)] : []))
}

/**
 * Homepage: the newest stories as cards, a block per featured label (its name and its newest
 * stories as headlines).
 */
export function homePageTags(featuredLabelIds: readonly number[], cards: readonly CardLike[], headlines: readonly CardLike[] = []): string[] {
  return [
    TAGS.site,
    TAGS.latest,
    ...featuredLabelIds.flatMap((id) => [TAGS.label(id), TAGS.labelList(id)]),
    ...cardTags(cards),
    ...headlineTags(headlines),
  ]
}

/** An article: itself, its address, byline, labels, and the headlines of its related stories and neighbours. */
export function articlePageTags(
  address: { pathMonth: string; slug: string },
  article: { id: number; author: { id: number }; editor?: { id: number } | null; labels: ReadonlyArray<{ id: number }> } | null,
  shown: readonly (CardLike | null)[] = [],
): string[] {
  const tags = [TAGS.site, TAGS.articlePath(address.pathMonth, address.slug)]
  if (!article) return tags
  tags.push(TAGS.article(article.id), TAGS.articlePage(article.id), TAGS.author(article.author.id))
  for (const l of article.labels) tags.push(TAGS.label(l.id), TAGS.labelRelated(l.id))
  if (article.editor) tags.push(TAGS.author(article.editor.id))
  return [...tags, ...headlineTags(shown)]
}

/** Any page of a label archive, and its feed. */
export function labelPageTags(slug: string, label: { id: number } | null, cards: readonly CardLike[] = []): string[] {
  const tags = [TAGS.site, TAGS.labelSlug(slug)]
  return label ? [...tags, TAGS.label(label.id), TAGS.labelList(label.id), ...cardTags(cards)] : tags
}

/** Any page of an author page, and the author's feed. */
export function authorPageTags(slug: string, author: { id: number } | null, cards: readonly CardLike[] = []): string[] {
  const tags = [TAGS.site, TAGS.authorSlug(slug)]
  return author ? [...tags, TAGS.author(author.id), TAGS.authorList(author.id), ...cardTags(cards)] : tags
}

/** Any page of a month archive, or of a year archive when `month` is undefined (WIB calendar). */
export function dateArchivePageTags(year: number, month: number | undefined, cards: readonly CardLike[] = []): string[] {
  return [TAGS.site, month ? TAGS.month(year, month) : TAGS.year(year), ...cardTags(cards)]
}

/**
 * The daily index of one WIB day. Its previous/next links go to the neighbouring calendar days,
 * so no other day's stories change it.
 */
export function dayIndexPageTags(isoDay: string, cards: readonly CardLike[] = []): string[] {
  return [TAGS.site, TAGS.day(isoDay), ...headlineTags(cards)]
}

/** A static page (/p/slug), also when it answers 404. */
export function staticPageTags(slug: string): string[] {
  return [TAGS.site, TAGS.page(slug)]
}

/** A feed item prints its story, its author's name and its labels' names. */
export function feedItemTags(items: ReadonlyArray<{ id: number; authorId: number; labelIds: readonly number[] }>): string[] {
  return items.flatMap((i) => [TAGS.article(i.id), TAGS.author(i.authorId), ...i.labelIds.map(TAGS.label)])
}

/** The site feed and the news sitemap: the newest stories. */
export function latestListTags(): string[] {
  return [TAGS.site, TAGS.latest]
}

/** The sitemap index and the label, author and pages sitemaps. */
export function sitemapTags(): string[] {
  return [TAGS.site, TAGS.sitemaps]
}

/** A retracted or deleted story's 410 notice at its old address. */
export function goneNoticeTags(articleId: number | null): string[] {
  return [TAGS.site, TAGS.redirects, ...(articleId ? [TAGS.article(articleId)] : [])]
}

// Next takes at most 128 tags per cacheTag() call and drops the rest; a daily index can carry
// hundreds (a card per story), so they go in slices.
const TAGS_PER_CALL = 100

/** Tags the current 'use cache' scope with these tags (deduplicated, any number). */
export function tagPage(...groups: ReadonlyArray<readonly string[]>): void {
  const tags = [...new Set(groups.flat())]
  for (let i = 0; i < tags.length; i += TAGS_PER_CALL) cacheTag(...tags.slice(i, i + TAGS_PER_CALL))
}
