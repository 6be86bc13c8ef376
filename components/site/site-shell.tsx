import Image from 'next/image'
import type { ReactNode } from 'react'
import { t } from '@/lib/i18n/id'
import { mediaSrc } from '@/lib/image-loader'
import { indexPath, labelPath, pagePath, searchPath, STANDARD_PAGES } from '@/lib/urls'
import { getSiteChrome, type SiteLogo } from './site-data'

/**
 * Header, navigation and footer around every public page. Works without JavaScript.
 * `searchQuery` fills the header's search box (the search page's one search box).
 */
export async function SiteShell({ children, searchQuery }: { children: ReactNode; searchQuery?: string }) {
  const chrome = await getSiteChrome()
  return (
    <>
      <a href="#konten" className="skip">
        {t.site.skipToContent}
      </a>
      <SiteHeader siteName={chrome.siteName} tagline={chrome.tagline} nav={chrome.navLabels} logo={chrome.logo} searchQuery={searchQuery} />
      <main id="konten" tabIndex={-1} className="frame py-6 focus:outline-none">
        {children}
      </main>
      <SiteFooter siteName={chrome.siteName} tagline={chrome.tagline} year={chrome.year} publishedPages={chrome.publishedPages} />
    </>
  )
}

function SiteHeader({
  siteName,
  tagline,
  nav,
  logo,
  searchQuery,
}: {
  siteName: string
  tagline: string
  nav: Array<{ id: number; name: string; slug: string }>
  logo: SiteLogo | null
  searchQuery?: string
}) {
  return (
    <header className="border-b border-line">
      <div className="frame flex flex-wrap items-center justify-between gap-3 py-4">
        <a href="/" className="group flex flex-col leading-tight">
          {logo ? (
            <SiteLogoImage logo={logo} siteName={siteName} />
          ) : (
            <span className="font-serif text-3xl font-bold tracking-tight text-accent group-hover:underline">
              {siteName}
            </span>
          )}
          <span className="text-sm text-muted">{tagline}</span>
        </a>
        <form action={searchPath()} method="get" role="search" className="flex w-full gap-2 sm:w-auto">
          <label htmlFor="cari-header" className="sr-only">
            {t.search.label}
          </label>
          <input
            id="cari-header"
            type="search"
            name="q"
            defaultValue={searchQuery}
            maxLength={200}
            placeholder={t.site.searchPlaceholder}
            className="field w-full sm:w-64"
          />
          <button type="submit" className="button">
            {t.site.search}
          </button>
        </form>
      </div>
      <nav aria-label={t.site.mainNav} className="border-t border-line">
        <ul className="menu scroll-hint">
          <li>
            <a href="/">{t.site.home}</a>
          </li>
          {nav.map((label) => (
            <li key={label.id}>
              <a href={labelPath(label.slug)}>{label.name}</a>
            </li>
          ))}
          <li>
            <a href={indexPath()}>{t.site.index}</a>
          </li>
        </ul>
      </nav>
    </header>
  )
}

/** The uploaded logo, at most 48 px tall and 240 px wide; its alt text is the site name it replaces. */
function SiteLogoImage({ logo, siteName }: { logo: SiteLogo; siteName: string }) {
  const width = Math.max(1, Math.min(240, Math.round((48 * logo.width) / logo.height)))
  const height = Math.max(1, Math.round((width * logo.height) / logo.width))
  return (
    <Image src={mediaSrc(logo.storageKey)} alt={siteName} width={width} height={height} sizes={`${width}px`} loading="eager" className="h-auto max-w-full" />
  )
}

const FOOTER_PAGES = [
  { slug: STANDARD_PAGES.masthead, name: t.site.footerPages.redaksi },
  { slug: STANDARD_PAGES.guidelines, name: t.site.footerPages.pedoman },
  { slug: STANDARD_PAGES.contact, name: t.site.footerPages.kontak },
] as const

/** Links only the standard pages that are published: a draft answers 404 to readers. */
function SiteFooter({
  siteName,
  tagline,
  year,
  publishedPages,
}: {
  siteName: string
  tagline: string
  year: number
  publishedPages: string[]
}) {
  return (
    <footer className="foot">
      <div className="frame flex flex-col gap-4 py-8 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <p className="font-serif text-xl font-bold text-accent">{siteName}</p>
          <p className="text-sm text-muted">{tagline}</p>
        </div>
        <nav aria-label={t.site.footerNav}>
          <ul className="flex flex-wrap gap-x-2 text-sm">
            {FOOTER_PAGES.filter((p) => publishedPages.includes(p.slug)).map((p) => (
              <li key={p.slug}>
                <a href={pagePath(p.slug)}>{p.name}</a>
              </li>
            ))}
            <li>
              <a href={indexPath()}>{t.indeks.title}</a>
            </li>
          </ul>
        </nav>
      </div>
      <p className="frame pb-8 text-xs text-muted">
        {t.site.copyright(year, siteName)}
      </p>
    </footer>
  )
}
