import type { Metadata } from 'next'
import { cacheLife } from 'next/cache'
import { cache } from 'react'
import { ArticleView } from '@/components/site/article-view'
import { JsonLd } from '@/components/site/json-ld'
import { NotFoundPage } from '@/components/site/not-found-page'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { getPublishedArticle, getStoryCompanions } from '@/db/queries/articles'
import { articlePageTags, tagPage } from '@/lib/cache/page-tags'
import { getEnv } from '@/lib/env'
import { t } from '@/lib/i18n/id'
import { isSlug, parseMonth, parseYear, PLACEHOLDER } from '@/lib/route-params'
import { articleDescription, articleJsonLd, breadcrumbJsonLd } from '@/lib/seo/json-ld'
import { buildMetadata } from '@/lib/seo/metadata'
import { notFoundMetadata } from '@/lib/seo/page-metadata'
import { getPublisher } from '@/lib/seo/publisher'
import { storyShareImages } from '@/lib/seo/share-images'
import { getSiteShareImages } from '@/lib/seo/site-share'
import { articlePath, authorFeedPath, authorPath, labelFeedPath, labelPath, pageUrl } from '@/lib/urls'

type Params = { year: string; month: string; slug: string }

// Whole page generated before the response starts: a miss answers a real 404, and
// the result is served as static output until a tag revalidates it (ADR 002).
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

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
  const article = await loadArticle(p)
  tagPage(articlePageTags({ pathMonth: `${p.year}/${p.month}`, slug: p.slug }, article))
  if (!article) return notFoundMetadata()
  const chrome = await getSiteChrome()
  const { siteUrl } = getEnv()
  const headline = article.seoTitle || article.title
  const section = article.labels[0] ?? null
  return buildMetadata({
    siteUrl,
    siteName: chrome.siteName,
    title: `${headline} | ${chrome.siteName}`,
    shareTitle: headline,
    description: articleDescription(article.seoDescription || article.excerpt || article.title, article.needsVerification),
    path: articlePath(article),
    image: storyShareImages(article.image, await getSiteShareImages(), siteUrl).card,
    siteFeedTitle: t.feeds.site(chrome.siteName),
    feeds: [
      ...(section ? [{ title: t.feeds.label(section.name, chrome.siteName), path: labelFeedPath(section.slug) }] : []),
      { title: t.feeds.author(article.author.name, chrome.siteName), path: authorFeedPath(article.author.slug) },
    ],
    article: {
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: article.isSponsored ? t.article.advertorial : (section?.name ?? null),
      tags: article.labels.map((l) => l.name),
      authorUrl: pageUrl(siteUrl, authorPath(article.author.slug)),
    },
  })
}

export default async function ArticlePage({ params }: PageProps<'/[year]/[month]/[slug]'>) {
  'use cache'
  cacheLife('max')
  const p = await params
  if (p.slug === PLACEHOLDER) return null
  const article = await loadArticle(p)
  const address = { pathMonth: `${p.year}/${p.month}`, slug: p.slug }
  // Tagged with its address before a miss, so the story's arrival there replaces a cached 404.
  if (!article) {
    tagPage(articlePageTags(address, null))
    return <NotFoundPage />
  }

  const { related, previous, next } = await getStoryCompanions(
    article.id,
    article.labels.map((l) => l.id),
    article.publishedAt,
  )
  // Every story shown here by id (related, neighbours): a publish reaches this page only when it
  // becomes one of them (lib/cache/article.ts), not on every publish.
  tagPage(articlePageTags(address, article, [...related, previous, next]))
  const { siteUrl } = getEnv()
  const url = pageUrl(siteUrl, articlePath(article))
  const publisher = await getPublisher()
  const section = article.labels[0] ?? null
  const shareImages = storyShareImages(article.image, await getSiteShareImages(), siteUrl)
  const structuredData = [
    articleJsonLd(
      {
        url,
        headline: article.seoTitle || article.title,
        description: article.seoDescription || article.excerpt || article.title,
        images: shareImages.structured,
        publishedAt: article.publishedAt,
        modifiedAt: article.updatedAt,
        author: { name: article.author.name, url: pageUrl(siteUrl, authorPath(article.author.slug)) },
        section: section?.name ?? null,
        keywords: article.labels.map((l) => l.name),
        isSponsored: article.isSponsored,
        sponsorName: article.sponsorName,
        needsVerification: article.needsVerification,
      },
      publisher,
    ),
    breadcrumbJsonLd([
      { name: t.site.home, url: pageUrl(siteUrl, '/') },
      ...(section ? [{ name: section.name, url: pageUrl(siteUrl, labelPath(section.slug)) }] : []),
      { name: article.title, url },
    ]),
  ]

  return (
    <SiteShell>
      <JsonLd data={structuredData} />
      <ArticleView article={article} related={related} previous={previous} next={next} />
    </SiteShell>
  )
}
