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
 * The reader pages' 404, with the site's real chrome: what a reader page or the catch-all route
 * shows when it calls notFound(). Next prints this boundary into every reader page's RSC payload
 * (3.7 KB each); the root not-found (app/not-found.tsx), printed there too, stays small.
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
        <a href="/" className="button mt-6 inline-flex items-center">
          {t.errors.goHome}
        </a>
      </div>
    </SiteShell>
  )
}
