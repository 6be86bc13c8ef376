import { t } from '@/lib/i18n/id'
import type { Publisher } from './publisher'

/*
 * schema.org objects for <script type="application/ld+json">. Plain data builders, unit-tested
 * against the fields Google's article, breadcrumb and sitelinks-search-box documentation names.
 */

type Thing = Record<string, unknown>

export type JsonLdImage = { url: string; width?: number; height?: number }

export type ArticleJsonLdInput = {
  url: string
  headline: string
  description: string
  images: JsonLdImage[]
  publishedAt: Date
  modifiedAt: Date | null
  author: { name: string; url: string }
  section: string | null
  keywords: string[]
  isSponsored: boolean
  sponsorName: string
  /** Still needs verification (Pedoman Pemberitaan Media Siber 2.c): the description says so first. */
  needsVerification: boolean
}

/**
 * A story's description for search engines and share previews. One that still needs
 * verification says so before its summary, so no snippet presents it as established fact.
 */
export function articleDescription(description: string, needsVerification: boolean): string {
  return needsVerification ? t.seo.unverifiedDescription(description) : description
}

function organization(p: Publisher): Thing {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${p.url}#organization`,
    name: p.name,
    url: p.url,
    logo: { '@type': 'ImageObject', url: p.logo.url, width: p.logo.width, height: p.logo.height },
  }
}

/**
 * NewsArticle for a story. An advertorial is an AdvertiserContentArticle instead: paid content
 * that must not be presented to search engines as news, with its sponsor named.
 */
export function articleJsonLd(a: ArticleJsonLdInput, publisher: Publisher): Thing {
  return {
    '@context': 'https://schema.org',
    '@type': a.isSponsored ? 'AdvertiserContentArticle' : 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': a.url },
    url: a.url,
    headline: a.headline.slice(0, 110),
    description: articleDescription(a.description, a.needsVerification),
    ...(a.images.length
      ? { image: a.images.map((i) => ({ '@type': 'ImageObject', url: i.url, ...(i.width && i.height ? { width: i.width, height: i.height } : {}) })) }
      : {}),
    datePublished: a.publishedAt.toISOString(),
    dateModified: (a.modifiedAt && a.modifiedAt > a.publishedAt ? a.modifiedAt : a.publishedAt).toISOString(),
    author: [{ '@type': 'Person', name: a.author.name, url: a.author.url }],
    publisher: organization(publisher),
    ...(a.section ? { articleSection: a.section } : {}),
    ...(a.keywords.length ? { keywords: a.keywords } : {}),
    inLanguage: 'id',
    isAccessibleForFree: true,
    ...(a.isSponsored && a.sponsorName ? { sponsor: { '@type': 'Organization', name: a.sponsorName } } : {}),
  }
}

/** BreadcrumbList from the homepage down to the page itself (absolute URLs). */
export function breadcrumbJsonLd(items: Array<{ name: string; url: string }>): Thing {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  }
}

/** WebSite with a SearchAction for the homepage: `searchUrlTemplate` holds `{search_term_string}`. */
export function webSiteJsonLd(publisher: Publisher, description: string, searchUrlTemplate: string): Thing {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': `${publisher.url}#website`,
    url: publisher.url,
    name: publisher.name,
    description,
    inLanguage: 'id',
    publisher: { '@id': `${publisher.url}#organization` },
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: searchUrlTemplate },
      'query-input': 'required name=search_term_string',
    },
  }
}

/** The newsroom itself, for the masthead page: name, logo, profiles and how to reach it. */
export function organizationJsonLd(publisher: Publisher, contactType: string): Thing {
  return {
    '@context': 'https://schema.org',
    ...organization(publisher),
    ...(publisher.sameAs.length ? { sameAs: publisher.sameAs } : {}),
    ...(publisher.contactUrl ? { contactPoint: { '@type': 'ContactPoint', contactType, url: publisher.contactUrl, availableLanguage: 'id' } } : {}),
  }
}

/**
 * JSON for an inline script: `<` escaped so no string in the data (a headline with
 * "</script>") can end the element early.
 */
export function serializeJsonLd(data: Thing | Thing[]): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}
