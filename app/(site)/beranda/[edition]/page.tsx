import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { CardList, CompactCard, LeadCard } from '@/components/site/article-card'
import { JsonLd } from '@/components/site/json-ld'
import { NotFoundPage } from '@/components/site/not-found-page'
import { getSiteChrome } from '@/components/site/site-data'
import { SectionHeading } from '@/components/site/section-heading'
import { SiteShell } from '@/components/site/site-shell'
import { listLatestArticles, listLatestArticlesByLabel } from '@/db/queries/articles'
import { TAGS } from '@/lib/cache-tags'
import { homePageTags, tagPage } from '@/lib/cache/page-tags'
import { jakartaParts } from '@/lib/dates'
import { getEnv } from '@/lib/env'
import { t } from '@/lib/i18n/id'
import { PLACEHOLDER } from '@/lib/route-params'
import { webSiteJsonLd } from '@/lib/seo/json-ld'
import { buildMetadata } from '@/lib/seo/metadata'
import { notFoundMetadata } from '@/lib/seo/page-metadata'
import { getPublisher } from '@/lib/seo/publisher'
import { HOME_EDITION as EDITION, pageUrl, indexPath, labelPath, monthArchivePath, searchPath } from '@/lib/urls'

// "/" is rewritten here (next.config.ts): a params route is cached per request path and
// never prerendered from the build machine's database. Asked for by name, /beranda/terbaru
// answers a 301 to / (lib/redirects/internal-paths.ts).

/*
 * How many stories the homepage lists: the lead, the latest, and a block per featured label
 * (seven on the demo site). Each card costs its markup twice (HTML and RSC payload), and the
 * page's size is what bounds how many readers a second it serves from cache (ADR 017): 39 cards
 * made 103 KB; 32 lighter ones make a page a third that size. The daily index and the archives
 * list the rest.
 */
const LATEST = 10
const PER_LABEL = 3

// Whole page generated before the response starts: a miss answers a real 404, and
// the result is served as static output until a tag revalidates it (ADR 002).
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

export function generateStaticParams() {
  return [{ edition: PLACEHOLDER }]
}

export async function generateMetadata({ params }: PageProps<'/beranda/[edition]'>): Promise<Metadata> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  const { edition } = await params
  if (edition !== EDITION) return notFoundMetadata()
  const chrome = await getSiteChrome()
  const publisher = await getPublisher()
  return buildMetadata({
    siteUrl: getEnv().siteUrl,
    siteName: chrome.siteName,
    title: `${chrome.siteName} — ${chrome.tagline}`,
    shareTitle: chrome.siteName,
    description: chrome.tagline,
    path: '/',
    image: { url: publisher.logo.url, width: publisher.logo.width, height: publisher.logo.height, alt: chrome.siteName },
    smallImage: true,
    siteFeedTitle: t.feeds.site(chrome.siteName),
  })
}

export default async function HomePage({ params }: PageProps<'/beranda/[edition]'>) {
  'use cache'
  cacheLife('max')
  const { edition } = await params
  if (edition === PLACEHOLDER) return null
  if (edition !== EDITION) return <NotFoundPage />

  const chrome = await getSiteChrome()
  const latest = await listLatestArticles(LATEST + 1)
  const lead = latest.find((a) => a.image && !a.isSponsored) ?? latest[0]
  const rest = latest.filter((a) => a !== lead).slice(0, LATEST)
  const shownIds = latest.map((a) => a.id)
  const blocks = await Promise.all(
    chrome.navLabels.map(async (label) => ({ label, cards: await listLatestArticlesByLabel(label.id, PER_LABEL, shownIds) })),
  )
  tagPage(homePageTags(chrome.navLabels.map((l) => l.id), latest, blocks.flatMap((b) => b.cards)))
  const olderFrom = jakartaParts((rest.at(-1) ?? lead)?.publishedAt ?? new Date())

  const publisher = await getPublisher()
  const searchTemplate = `${pageUrl(getEnv().siteUrl, searchPath())}?q={search_term_string}`

  return (
    <SiteShell>
      <JsonLd data={webSiteJsonLd(publisher, chrome.tagline, searchTemplate)} />
      <h1 className="sr-only">{chrome.siteName}</h1>
      {!lead ? (
        <p className="py-12 text-center text-lg">{t.home.empty}</p>
      ) : (
        <>
          <section aria-labelledby="berita-utama">
            <h2 id="berita-utama" className="sr-only">
              {t.home.lead}
            </h2>
            <LeadCard card={lead} />
          </section>
          <div className="mt-10 grid gap-10 lg:grid-cols-3">
            {/* A section is drawn only with stories in it: a new site has a lead story and nothing else. */}
            {rest.length > 0 ? (
              <section aria-labelledby="berita-terkini" className="lg:col-span-2">
                <SectionHeading id="berita-terkini">{t.home.latest}</SectionHeading>
                <CardList cards={rest} />
                <p className="mt-4 flex flex-wrap gap-x-6">
                  <a href={indexPath()} className="more">
                    {t.home.allIndex}
                  </a>
                  <a href={monthArchivePath(olderFrom.year, olderFrom.month)} className="more">
                    {t.home.olderStories}
                  </a>
                </p>
              </section>
            ) : null}
            <div className={rest.length > 0 ? 'space-y-10' : 'space-y-10 lg:col-span-3'}>
              {blocks
                .filter((b) => b.cards.length > 0)
                .map(({ label, cards }) => (
                  <section key={label.id} aria-labelledby={`blok-${label.slug}`}>
                    <SectionHeading id={`blok-${label.slug}`}>
                      <a href={labelPath(label.slug)} className="hover:underline">
                        {label.name}
                      </a>
                    </SectionHeading>
                    <div className="cards">
                      {cards.map((card) => (
                        <CompactCard key={card.id} card={card} />
                      ))}
                    </div>
                    <a href={labelPath(label.slug)} className="more">
                      {t.home.more}
                      <span className="sr-only">: {label.name}</span>
                    </a>
                  </section>
                ))}
            </div>
          </div>
        </>
      )}
    </SiteShell>
  )
}
