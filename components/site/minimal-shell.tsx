import type { ReactNode } from 'react'
import { t } from '@/lib/i18n/id'

/**
 * Chrome without data, for the instant before a dynamic page streams in and for pages
 * prerendered at build (which may not read the database). As a Suspense fallback it stays in
 * the HTML beside the streamed page, so it has no <main> and no ids of its own: the document
 * keeps one main element and unique ids (the Nu Html Checker runs over the search page).
 */
export function MinimalShell({ children }: { children?: ReactNode }) {
  return (
    <>
      <header className="border-b border-line">
        <div className="mx-auto max-w-6xl px-4 py-4">
          <a href="/" className="font-serif text-3xl font-bold tracking-tight text-accent">
            {t.site.defaultName}
          </a>
        </div>
      </header>
      <div className="mx-auto w-full max-w-6xl px-4 py-6">{children}</div>
    </>
  )
}
