import type { ReactNode } from 'react'
import { t } from '@/lib/i18n/id'

/**
 * Chrome without data, for the instant before a dynamic page streams in and for pages
 * prerendered at build (which may not read the database).
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
      <main id="konten" className="mx-auto w-full max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  )
}
