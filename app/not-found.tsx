import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { MinimalShell } from '@/components/site/minimal-shell'
import { TAGS } from '@/lib/cache-tags'
import { t } from '@/lib/i18n/id'
import { notFoundMetadata } from '@/lib/seo/page-metadata'

export async function generateMetadata(): Promise<Metadata> {
  'use cache'
  cacheTag(TAGS.site)
  cacheLife('max')
  return notFoundMetadata()
}

/**
 * The root 404: prerendered at build (it may read no data) and shown only where no reader route
 * answers (a path under /admin or /label/… that matches no page). Reader pages answer their
 * 404s through app/(site)/not-found.tsx, with the real chrome. Next prints this boundary into
 * every page's RSC payload as well, so it carries no site chrome (it cost 3.7 KB a page).
 */
export default function NotFound() {
  return (
    <MinimalShell>
      <main className="mx-auto max-w-xl py-16 text-center">
        <h1 className="font-serif text-3xl font-bold">{t.errors.notFoundTitle}</h1>
        <p className="mt-3 text-lg">{t.errors.notFoundBody}</p>
        <a href="/" className="button mt-6 inline-flex items-center">
          {t.errors.goHome}
        </a>
      </main>
    </MinimalShell>
  )
}
