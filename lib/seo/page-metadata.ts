import 'server-only'
import type { Metadata } from 'next'
import { getSiteChrome } from '@/components/site/site-data'
import { getEnv } from '@/lib/env'
import { t } from '@/lib/i18n/id'
import { buildMetadata, type SeoInput } from './metadata'
import { getPublisher } from './publisher'

/**
 * Metadata for a listing or static page: the site's chrome and logo filled in, the title
 * suffixed with the site name, the site feed advertised. Call it inside generateMetadata's
 * cached scope.
 */
export async function listingMetadata(
  input: Omit<SeoInput, 'siteUrl' | 'siteName' | 'title' | 'shareTitle' | 'image' | 'smallImage' | 'siteFeedTitle'> & { title: string },
): Promise<Metadata> {
  const chrome = await getSiteChrome()
  const publisher = await getPublisher()
  return buildMetadata({
    ...input,
    siteUrl: getEnv().siteUrl,
    siteName: chrome.siteName,
    title: `${input.title} | ${chrome.siteName}`,
    shareTitle: input.title,
    image: { url: publisher.logo.url, width: publisher.logo.width, height: publisher.logo.height, alt: chrome.siteName },
    smallImage: true,
    siteFeedTitle: t.feeds.site(chrome.siteName),
  })
}

/**
 * The head of a 404 that a page answers (its record is missing: components/site/not-found-page.tsx):
 * Next keeps the page's own metadata then, not app/not-found.tsx's. Call it inside generateMetadata.
 * The robots rule is said here because Next adds its own only to the empty error shell of a 404
 * it knew of before the head was rendered, and this page's status is set after that.
 */
export async function notFoundMetadata(): Promise<Metadata> {
  const chrome = await getSiteChrome()
  return { title: `${t.errors.notFoundTitle} | ${chrome.siteName}`, robots: { index: false, follow: true } }
}
