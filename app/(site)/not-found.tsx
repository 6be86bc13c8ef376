import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { NotFoundContent } from '@/components/site/not-found-page'
import { SiteShell } from '@/components/site/site-shell'
import { TAGS } from '@/lib/cache-tags'
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
 * The reader pages' 404 where Next draws it: in the browser, for a notFound() that a page did not
 * answer with components/site/not-found-page.tsx (whose markup the server sends itself). Next
 * prints this boundary into every reader page's RSC payload (3.7 KB each); the root not-found
 * (app/not-found.tsx), printed there too, stays small.
 */
export default function NotFound() {
  return (
    <SiteShell>
      <NotFoundContent />
    </SiteShell>
  )
}
