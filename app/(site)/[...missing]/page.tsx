import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { NotFoundPage } from '@/components/site/not-found-page'
import { TAGS } from '@/lib/cache-tags'
import { PLACEHOLDER } from '@/lib/route-params'
import { notFoundMetadata } from '@/lib/seo/page-metadata'

// Every URL no other route matches lands here, so its 404 is rendered at run time with the
// site's real name and navigation (app/(site)/not-found.tsx) instead of the build-time root 404.
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

export function generateStaticParams() {
  return [{ missing: [PLACEHOLDER] }]
}

export async function generateMetadata({ params }: PageProps<'/[...missing]'>): Promise<Metadata> {
  'use cache'
  cacheLife('max')
  const { missing } = await params
  if (missing.length === 1 && missing[0] === PLACEHOLDER) return {}
  cacheTag(TAGS.site)
  return notFoundMetadata()
}

export default async function MissingPage({ params }: PageProps<'/[...missing]'>) {
  'use cache'
  const { missing } = await params
  if (missing.length === 1 && missing[0] === PLACEHOLDER) return null
  return <NotFoundPage />
}
