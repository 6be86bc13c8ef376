import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { notFound } from 'next/navigation'
import { cache } from 'react'
import { AdvertorialBadge } from '@/components/site/advertorial-badge'
import { CompactCard } from '@/components/site/article-card'
import { ArticleImage } from '@/components/site/article-image'
import { JsonLd } from '@/components/site/json-ld'
import { SectionHeading } from '@/components/site/section-heading'
import { ShareLinks } from '@/components/site/share-links'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { getAdjacentArticles, getPublishedArticle, listRelatedArticles } from '@/db/queries/articles'
import { TAGS } from '@/lib/cache-tags'
import { formatDateTime } from '@/lib/dates'
import { getEnv } from '@/lib/env'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'
import { t } from '@/lib/i18n/id'
import { isSlug, parseMonth, parseYear, PLACEHOLDER } from '@/lib/route-params'
import { shareImage } from '@/lib/seo/images'
import { articleJsonLd, breadcrumbJsonLd } from '@/lib/seo/json-ld'
import { buildMetadata } from '@/lib/seo/metadata'
import { getPublisher } from '@/lib/seo/publisher'
import { absoluteUrl, articlePath, authorFeedPath, authorPath, labelFeedPath, labelPath } from '@/lib/urls'

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
  const { siteUrl } = getEnv()
  const headline = article.seoTitle || article.title
  const section = article.labels[0] ?? null
  return buildMetadata({
    siteUrl,
    siteName: chrome.siteName,
    title: `${headline} | ${chrome.siteName}`,
    shareTitle: headline,
    description: article.seoDescription || article.excerpt || article.title,
    path: articlePath(article),
    image: shareImage(article.image, siteUrl),
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
      authorUrl: absoluteUrl(siteUrl, authorPath(article.author.slug)),
    },
  })
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
  cacheTag(
    TAGS.site,
    TAGS.article(article.id),
    TAGS.author(article.author.id),
    ...labelIds.map(TAGS.label),
    ...[...related, previous, next].flatMap((c) => (c ? [TAGS.article(c.id)] : [])),
  )
  const { siteUrl } = getEnv()
  const url = absoluteUrl(siteUrl, articlePath(article))
  const body = sanitizeArticleHtml(article.bodyHtml, { sponsored: article.isSponsored, siteUrl })
  const publisher = await getPublisher()
  const section = article.labels[0] ?? null
  const image = shareImage(article.image, siteUrl)
  const structuredData = [
    articleJsonLd(
      {
        url,
        headline: article.seoTitle || article.title,
        description: article.seoDescription || article.excerpt || article.title,
        images: image ? [image] : [],
        publishedAt: article.publishedAt,
        modifiedAt: article.updatedAt,
        author: { name: article.author.name, url: absoluteUrl(siteUrl, authorPath(article.author.slug)) },
        section: section?.name ?? null,
        keywords: article.labels.map((l) => l.name),
        isSponsored: article.isSponsored,
        sponsorName: article.sponsorName,
      },
      publisher,
    ),
    breadcrumbJsonLd([
      { name: t.site.home, url: absoluteUrl(siteUrl, '/') },
      ...(section ? [{ name: section.name, url: absoluteUrl(siteUrl, labelPath(section.slug)) }] : []),
      { name: article.title, url },
    ]),
  ]

  return (
    <SiteShell>
      <JsonLd data={structuredData} />
      <div className="mx-auto max-w-3xl">
        <article>
          <header>
            {article.isSponsored ? (
              <div className="mb-3">
                <AdvertorialBadge />
              </div>
            ) : article.labels[0] ? (
              <a
                href={labelPath(article.labels[0].slug)}
                className="text-sm font-bold tracking-wide text-accent uppercase hover:underline"
              >
                {article.labels[0].name}
              </a>
            ) : null}
            <h1 className="mt-2 font-serif text-3xl leading-tight font-bold md:text-4xl">{article.title}</h1>
            {article.excerpt ? (
              <p className="mt-3 text-lg text-muted">{article.excerpt}</p>
            ) : null}
            <div className="mt-4 space-y-1 border-y border-line py-3 text-sm">
              <p>
                {t.article.by}{' '}
                <a href={authorPath(article.author.slug)} rel="author" className="font-semibold underline-offset-4 hover:underline">
                  {article.author.name}
                </a>
                {article.dateline ? <span className="text-muted"> · {article.dateline}</span> : null}
              </p>
              <p className="text-muted">
                {t.article.published}{' '}
                <time dateTime={article.publishedAt.toISOString()}>{formatDateTime(article.publishedAt)}</time>
                {article.updatedAt && article.updatedAt > article.publishedAt ? (
                  <>
                    {' · '}
                    {t.article.updated}{' '}
                    <time dateTime={article.updatedAt.toISOString()}>{formatDateTime(article.updatedAt)}</time>
                  </>
                ) : null}
              </p>
            </div>
          </header>

          {article.image ? (
            <figure className="my-6">
              <ArticleImage image={article.image} sizes="(min-width: 768px) 768px, 100vw" eager />
              {article.featuredCaption ? (
                <figcaption className="mt-2 text-sm text-muted">{article.featuredCaption}</figcaption>
              ) : null}
            </figure>
          ) : null}

          {article.isSponsored && article.sponsorName ? (
            <p className="my-4 rounded-md bg-note p-3 text-sm text-note-ink">
              {t.article.sponsoredBy(article.sponsorName)}
            </p>
          ) : null}

          <div
            className="prose prose-lg prose-neutral dark:prose-invert prose-a:text-accent max-w-none font-serif"
            dangerouslySetInnerHTML={{ __html: body }}
          />

          {article.notes.length > 0 ? (
            <aside aria-labelledby="catatan-redaksi" className="mt-8 rounded-md border border-edge p-4">
              <h2 id="catatan-redaksi" className="text-sm font-bold tracking-wide uppercase">
                {t.article.notes}
              </h2>
              <ul className="mt-2 space-y-3">
                {article.notes.map((note) => (
                  <li key={note.id}>
                    <p className="text-sm">
                      <strong>{t.article.noteKinds[note.kind]}</strong>{' '}
                      <time dateTime={note.createdAt.toISOString()} className="text-muted">
                        ({formatDateTime(note.createdAt)})
                      </time>
                    </p>
                    <p>{note.body}</p>
                  </li>
                ))}
              </ul>
            </aside>
          ) : null}

          <footer className="mt-8 space-y-4">
            <p className="text-sm text-muted">
              {t.article.writer}: {article.author.name}
              {article.editor ? (
                <>
                  {' · '}
                  {t.article.editor}: {article.editor.name}
                </>
              ) : null}
            </p>
            {article.labels.length > 0 ? (
              <nav aria-label={t.article.labels}>
                <ul className="flex flex-wrap gap-2">
                  {article.labels.map((label) => (
                    <li key={label.id}>
                      <a
                        href={labelPath(label.slug)}
                        className="inline-flex min-h-11 items-center rounded-full bg-subtle px-4 text-sm font-semibold hover:underline"
                      >
                        {label.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <ShareLinks url={url} title={article.title} />
          </footer>
        </article>

        {previous || next ? (
          <nav aria-label={`${t.article.previous} / ${t.article.next}`} className="my-8 grid gap-4 sm:grid-cols-2">
            {previous ? (
              <div>
                <p className="text-xs font-bold tracking-wide uppercase">{t.article.previous}</p>
                <a href={articlePath(previous)} rel="prev" className="font-serif font-bold hover:underline">
                  {previous.title}
                </a>
              </div>
            ) : (
              <span />
            )}
            {next ? (
              <div className="sm:text-right">
                <p className="text-xs font-bold tracking-wide uppercase">{t.article.next}</p>
                <a href={articlePath(next)} rel="next" className="font-serif font-bold hover:underline">
                  {next.title}
                </a>
              </div>
            ) : null}
          </nav>
        ) : null}

        {related.length > 0 ? (
          <section aria-labelledby="berita-terkait" className="mt-10">
            <SectionHeading id="berita-terkait">{t.article.related}</SectionHeading>
            <div className="grid gap-x-6 sm:grid-cols-2">
              {related.map((card) => (
                <CompactCard key={card.id} card={card} />
              ))}
            </div>
          </section>
        ) : null}
      </div>
    </SiteShell>
  )
}
