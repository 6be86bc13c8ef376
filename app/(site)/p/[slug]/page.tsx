import type { Metadata } from 'next'
import { cacheLife } from 'next/cache'
import { ContactForm } from '@/components/site/contact-form'
import { JsonLd } from '@/components/site/json-ld'
import { NotFoundPage } from '@/components/site/not-found-page'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { getPublishedPage } from '@/db/queries/pages'
import { staticPageTags, tagPage } from '@/lib/cache/page-tags'
import { getEnv } from '@/lib/env'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'
import { t } from '@/lib/i18n/id'
import { isSlug, PLACEHOLDER } from '@/lib/route-params'
import { organizationJsonLd } from '@/lib/seo/json-ld'
import { listingMetadata, notFoundMetadata } from '@/lib/seo/page-metadata'
import { getPublisher } from '@/lib/seo/publisher'
import { pagePath, STANDARD_PAGES } from '@/lib/urls'

/** The static page that carries the reader contact form below its text. */
const CONTACT_PAGE = STANDARD_PAGES.contact
/** The masthead: it carries the newsroom's structured data (name, logo, contact). */
const MASTHEAD_PAGE = STANDARD_PAGES.masthead

// Whole page generated before the response starts: a miss answers a real 404, and
// the result is served as static output until a tag revalidates it (ADR 002).
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

export function generateStaticParams() {
  return [{ slug: PLACEHOLDER }]
}

export async function generateMetadata({ params }: PageProps<'/p/[slug]'>): Promise<Metadata> {
  'use cache'
  cacheLife('max')
  const { slug } = await params
  if (slug === PLACEHOLDER || !isSlug(slug)) return {}
  tagPage(staticPageTags(slug))
  const page = await getPublishedPage(slug)
  if (!page) return notFoundMetadata()
  const chrome = await getSiteChrome()
  return listingMetadata({
    title: page.title,
    description: page.seoDescription || `${page.title} | ${chrome.siteName}`,
    path: pagePath(page.slug),
  })
}

export default async function StaticPage({ params }: PageProps<'/p/[slug]'>) {
  'use cache'
  cacheLife('max')
  const { slug } = await params
  if (slug === PLACEHOLDER) return null
  if (!isSlug(slug)) return <NotFoundPage />
  // Tagged before the lookup: the 404 of a draft (a new site's Kontak) must expire when an
  // editor publishes it, or readers keep getting the cached 404.
  tagPage(staticPageTags(slug))
  const page = await getPublishedPage(slug)
  if (!page) return <NotFoundPage />
  const organization = page.slug === MASTHEAD_PAGE ? organizationJsonLd(await getPublisher(), t.seo.contactType) : null
  return (
    <SiteShell>
      {organization ? <JsonLd data={organization} /> : null}
      <article className="mx-auto max-w-3xl">
        <h1 className="mb-6 border-b-2 border-accent pb-3 font-serif text-3xl font-bold">{page.title}</h1>
        <div
          className="prose prose-lg prose-neutral dark:prose-invert prose-a:text-accent max-w-none"
          dangerouslySetInnerHTML={{ __html: sanitizeArticleHtml(page.bodyHtml, { siteUrl: getEnv().siteUrl ?? undefined }) }}
        />
        {page.slug === CONTACT_PAGE ? (
          <div className="mt-10">
            <ContactForm />
          </div>
        ) : null}
      </article>
    </SiteShell>
  )
}
