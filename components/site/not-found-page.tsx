import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import { t } from '@/lib/i18n/id'
import { NotFoundStatusBoundary } from './not-found-status-boundary'
import { SiteShell } from './site-shell'

/*
 * A reader page's 404, rendered on the server with the site's chrome.
 *
 * A page that calls notFound() itself gets a 404 status but not its markup: React's server
 * renderer runs no error boundary, so Next answers with an empty `<html id="__next_error__">`
 * shell and the browser draws the not-found page from the RSC payload once the scripts have run
 * (vercel/next.js#62228). A reader on a slow phone saw a white page meanwhile, and one without
 * JavaScript saw nothing at all. Here the page renders the not-found content itself and throws
 * notFound() only inside a Suspense boundary: Next's prerender keeps everything outside the
 * boundary and still answers 404 (`htmlRendererErrorHandler` in app-render). In the browser the
 * boundary catches that error again and draws nothing in its place, so the page stays as sent.
 * ADR 017 (amended) has the reasons.
 */

/** The content of every reader 404: also what app/(site)/not-found.tsx shows. */
export function NotFoundContent() {
  return (
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
  )
}

/** Sets the answer's status to 404; renders nothing. */
function NotFoundStatus(): never {
  notFound()
}

/** The whole 404 page, returned by a reader page whose record is missing instead of calling notFound(). */
export function NotFoundPage() {
  return (
    <SiteShell>
      <NotFoundContent />
      <NotFoundStatusBoundary>
        <Suspense fallback={null}>
          <NotFoundStatus />
        </Suspense>
      </NotFoundStatusBoundary>
    </SiteShell>
  )
}
