import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { notFound } from 'next/navigation'
import { cache } from 'react'
import { ArticleView } from '@/components/site/article-view'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { getAdjacentArticles, getPublishedArticle, listRelatedArticles } from '@/db/queries/articles'
import { TAGS } from '@/lib/cache-tags'
import { isSlug, parseMonth, parseYear, PLACEHOLDER } from '@/lib/route-params'
import { articlePath } from '@/lib/urls'

type Params = { year: string; month: string; slug: string }

// Whole page generated before the response starts: a miss answers a real 404, and
// the result is served as static output until a tag revalidates it (ADR 002).
export const ensureStatic = 'navigation'

export function generateStaticParams(): Params[] {
  return [{ year: PLACEHOLDER, month: PLACEHOLDER, slug: PLACEHOLDER }]
}

const loadArticle = cache((p: Params) => {
  if (!parseYear(p.year) || !parseMonth(p.month) || !isSlug(p.slug)) return null
  return getPublishedArticle(`${p.year}/${p.month}`, p.slug)
})

export async function generateMetadata({ params }: PageProps<'/[year]/[month]/[slug]'>): Promise<Metadata> {
  'use cache'
  cacheLife('max')
  const p = await params
  if (p.slug === PLACEHOLDER) return {}
  const article = loadArticle(p)
  if (!article) return {}
  cacheTag(TAGS.site, TAGS.article(article.id))
  const chrome = await getSiteChrome()
  return {
    title: `${article.seoTitle || article.title} | ${chrome.siteName}`,
    description: article.seoDescription || article.excerpt,
    alternates: { canonical: articlePath(article) },
  }
}

export default async function ArticlePage({ params }: PageProps<'/[year]/[month]/[slug]'>) {
  'use cache'
  cacheLife('max')
  const p = await params
  if (p.slug === PLACEHOLDER) return null
  const article = loadArticle(p)
  if (!article) notFound()

  const labelIds = article.labels.map((l) => l.id)
  const related = listRelatedArticles(article.id, labelIds, 4)
  const { previous, next } = getAdjacentArticles(article.id, article.publishedAt)
  // Tag with every list this page shows, so a change to any story on it refreshes it.
  // `latest` too: previous/next follow the global order, which any publish changes.
  cacheTag(
    TAGS.site,
    TAGS.latest,
    TAGS.article(article.id),
    TAGS.author(article.author.id),
    ...labelIds.map(TAGS.label),
    ...[...related, previous, next].flatMap((c) => (c ? [TAGS.article(c.id)] : [])),
  )
  return (
    <SiteShell>
      <ArticleView article={article} related={related} previous={previous} next={next} />
    </SiteShell>
  )
}
