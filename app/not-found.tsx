import { connection } from 'next/server'
import { Suspense } from 'react'
import { MinimalShell } from '@/components/site/minimal-shell'
import { SiteShell } from '@/components/site/site-shell'
import { t } from '@/lib/i18n/id'

function NotFoundBody() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="font-serif text-6xl font-bold text-brand-700 dark:text-brand-300" aria-hidden="true">
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
  )
}

// The site's chrome reads the database, which the build may not do: it is rendered per
// request (connection()), with a data-free shell as the prerendered fallback.
async function WithSiteChrome() {
  await connection()
  return (
    <SiteShell>
      <NotFoundBody />
    </SiteShell>
  )
}

export default function NotFound() {
  return (
    <Suspense
      fallback={
        <MinimalShell>
          <NotFoundBody />
        </MinimalShell>
      }
    >
      <WithSiteChrome />
    </Suspense>
  )
}
