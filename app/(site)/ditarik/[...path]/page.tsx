import type { Metadata } from 'next'
import { cacheLife } from 'next/cache'
import { NotFoundPage } from '@/components/site/not-found-page'
import { getSiteChrome } from '@/components/site/site-data'
import { SiteShell } from '@/components/site/site-shell'
import { getGoneNotice } from '@/db/queries/redirects'
import { goneNoticeTags, tagPage } from '@/lib/cache/page-tags'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { normalizeRedirectPath } from '@/lib/redirects/paths'
import { PLACEHOLDER } from '@/lib/route-params'
import { notFoundMetadata } from '@/lib/seo/page-metadata'

// The public notice of a retracted or deleted article. server.mjs rewrites the article's old URL
// here with status 410 (docs/decisions/004-redirects.md); readers never see this address.
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

export function generateStaticParams() {
  return [{ path: [PLACEHOLDER] }]
}

async function load(segments: string[]) {
  if (segments.length > 20) return null
  const path = normalizeRedirectPath(`/${segments.join('/')}`)
  return path ? (await getGoneNotice(path)) : null
}

export async function generateMetadata({ params }: PageProps<'/ditarik/[...path]'>): Promise<Metadata> {
  'use cache'
  cacheLife('max')
  const { path } = await params
  if (path[0] === PLACEHOLDER) return {}
  const notice = await load(path)
  tagPage(goneNoticeTags(notice?.kind === 'retracted' ? notice.articleId : null))
  if (!notice) return notFoundMetadata()
  const chrome = await getSiteChrome()
  const title = notice.kind === 'retracted' ? t.article.retracted : t.seo.deletedTitle
  // No robots tag here: Next adds noindex to every page rendered with a status above 400.
  return { title: `${title} | ${chrome.siteName}`, description: t.seo.goneDescription }
}

export default async function GonePage({ params }: PageProps<'/ditarik/[...path]'>) {
  'use cache'
  cacheLife('max')
  const { path } = await params
  if (path[0] === PLACEHOLDER) return null
  const notice = await load(path)
  tagPage(goneNoticeTags(notice?.kind === 'retracted' ? notice.articleId : null))
  if (!notice) return <NotFoundPage />

  return (
    <SiteShell>
      <div className="mx-auto max-w-2xl py-10">
        {notice.kind === 'retracted' ? (
          <>
            <h1 className="font-serif text-3xl font-bold">{t.article.retracted}</h1>
            <p className="mt-4 text-lg">
              <span className="text-muted">{t.seo.retractedHeadline}:</span> {notice.title}
            </p>
            {notice.retractedAt ? (
              <p className="mt-2 text-sm text-muted">
                {t.article.retractedAt}{' '}
                <time dateTime={notice.retractedAt.toISOString()}>{formatDateTime(notice.retractedAt)}</time>
              </p>
            ) : null}
            {notice.reason ? (
              <div className="mt-6 rounded-md border border-edge bg-note p-4 text-note-ink">
                <h2 className="text-sm font-bold tracking-wide uppercase">{t.article.retractedReason}</h2>
                <p className="mt-2">{notice.reason}</p>
              </div>
            ) : null}
          </>
        ) : (
          <>
            <h1 className="font-serif text-3xl font-bold">{t.seo.deletedTitle}</h1>
            <p className="mt-4 text-lg">{t.seo.deletedBody}</p>
          </>
        )}
        <a
          href="/"
          className="mt-8 inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800"
        >
          {t.errors.goHome}
        </a>
      </div>
    </SiteShell>
  )
}
