import { formatW3cDateTime } from '@/lib/dates'
import { escapeXml, XML_DECLARATION, xmlElement } from '@/lib/xml'

/*
 * Sitemap XML per sitemaps.org 0.9 and Google's news extension 0.9. Dates are W3C datetimes
 * in WIB. The unit tests validate each kind against the published XSDs (tests/fixtures/xsd/).
 */

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'

export type SitemapUrl = { loc: string; lastmod?: Date | null }

export function renderSitemapIndex(entries: SitemapUrl[]): string {
  return [
    XML_DECLARATION,
    `<sitemapindex xmlns="${SITEMAP_NS}">\n`,
    ...entries.map((e) => `<sitemap>${xmlElement('loc', e.loc)}${e.lastmod ? xmlElement('lastmod', formatW3cDateTime(e.lastmod)) : ''}</sitemap>\n`),
    '</sitemapindex>\n',
  ].join('')
}

export const URLSET_OPEN = `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n`
export const URLSET_CLOSE = '</urlset>\n'

export function renderUrl(url: SitemapUrl): string {
  return `<url>${xmlElement('loc', url.loc)}${url.lastmod ? xmlElement('lastmod', formatW3cDateTime(url.lastmod)) : ''}</url>\n`
}

export function renderUrlset(urls: SitemapUrl[]): string {
  return URLSET_OPEN + urls.map(renderUrl).join('') + URLSET_CLOSE
}

export type NewsUrl = { loc: string; title: string; publishedAt: Date }

/** A Google News sitemap: publication name and language "id" on every entry, as the schema requires. */
export function renderNewsSitemap(publicationName: string, urls: NewsUrl[]): string {
  const publication = `<news:publication>${xmlElement('news:name', publicationName)}${xmlElement('news:language', 'id')}</news:publication>`
  return [
    XML_DECLARATION,
    `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n`,
    ...urls.map(
      (u) =>
        `<url>${xmlElement('loc', u.loc)}<news:news>${publication}${xmlElement('news:publication_date', formatW3cDateTime(u.publishedAt))}${xmlElement('news:title', u.title)}</news:news></url>\n`,
    ),
    '</urlset>\n',
  ].join('')
}
