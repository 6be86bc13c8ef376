import type { ReactNode } from 'react'
import { t } from '@/lib/i18n/id'

/**
 * One list on the desk home: a heading, at most a few rows, an empty state, and a link to
 * the full list where each row is handled. Server component; it reads no data itself.
 */
export function DeskSection({
  id,
  title,
  empty,
  seeAll,
  children,
}: {
  id: string
  title: string
  empty: string
  /** The full list; named with the section so every "lihat semua" link says where it goes. */
  seeAll: string
  children: ReactNode[]
}) {
  return (
    <section aria-labelledby={id} className="rounded-md border border-line p-4">
      <h2 id={id} className="font-serif text-xl font-bold">
        {title}
      </h2>
      {children.length ? <ul className="mt-2 divide-y divide-line">{children}</ul> : <p className="mt-2 text-muted">{empty}</p>}
      <p className="mt-2">
        {/* The name starts with the visible words, so voice control finds it by what it shows. */}
        <a href={seeAll} aria-label={`${t.admin.deskHome.seeAll}: ${title}`} className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4">
          {t.admin.deskHome.seeAll}
        </a>
      </p>
    </section>
  )
}

/** A row: the story (or message) as a link to where it is handled, with a line about it. */
export function DeskItem({ href, title, meta }: { href: string | null; title: string; meta: ReactNode }) {
  return (
    <li className="py-2">
      {href ? (
        <a href={href} className="inline-flex min-h-11 items-center font-semibold hover:underline">
          {title}
        </a>
      ) : (
        <span className="font-semibold">{title}</span>
      )}
      <p className="text-sm text-muted">{meta}</p>
    </li>
  )
}
