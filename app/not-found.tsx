import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { SiteShell } from '@/components/site/site-shell'
import { TAGS } from '@/lib/cache-tags'
import { t } from '@/lib/i18n/id'
import { notFoundMetadata } from '@/lib/seo/page-metadata'

/**
 * "Halaman tidak ditemukan | Site name" for the 404 Next renders itself; a 404 answered by a
 * page takes the same title from that page's generateMetadata.
 */
export async function generateMetadata(): Promise<Metadata> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  return notFoundMetadata()
}

/**
 * The 404 page. It must be static (public pages use ensureStatic = 'navigation'), so it is
 * prerendered once at build with the default chrome (getSiteChrome reads nothing at build)
 * and rendered with the real chrome whenever a page or the catch-all route calls notFound().
 */
export default function NotFound() {
  return (
    <SiteShell>
      <div className="mx-auto max-w-xl py-16 text-center">
        <p className="font-serif text-6xl font-bold text-accent" aria-hidden="true">
          404
        </p>
        <h1 className="mt-4 font-serif text-3xl font-bold">{t.errors.notFoundTitle}</h1>
        <p className="mt-3 text-lg">{t.errors.notFoundBody}</p>
        <a
          href="/"
          className="mt-6 inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800"
        >
          {t.errors.goHome}
        </a>
      </div>
    </SiteShell>
  )
}
