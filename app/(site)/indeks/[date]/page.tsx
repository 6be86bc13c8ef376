import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { CompactCard } from '@/components/site/article-card'
import { NotFoundPage } from '@/components/site/not-found-page'
import { SiteShell } from '@/components/site/site-shell'
import { listArticlesPublishedBetween } from '@/db/queries/articles'
import { TAGS } from '@/lib/cache-tags'
import { dayIndexPageTags, tagPage } from '@/lib/cache/page-tags'
import { formatIsoDay, jakartaRange, parseIsoDay, toIsoDay } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { PLACEHOLDER } from '@/lib/route-params'
import { listingMetadata, notFoundMetadata } from '@/lib/seo/page-metadata'
import { indexPath, TODAY_INDEX_DATE as TODAY } from '@/lib/urls'

// /indeks?tanggal=YYYY-MM-DD is rewritten to /indeks/YYYY-MM-DD, and /indeks to /indeks/hari-ini
// (next.config.ts). "Today" is cached briefly so it rolls over at midnight WIB on its own.
const MAX_PER_DAY = 500
const DAY_MS = 24 * 60 * 60 * 1000

// Whole page generated before the response starts: a miss answers a real 404, and
// the result is served as static output until a tag revalidates it (ADR 002).
export const ensureStatic = 'navigation'
// Reader pages link with plain <a>: no client navigation ever asks for their prefetch segments,
// which cost ~10 ms of each cold render and memory in each cached page (ADR 017).
export const prefetch = 'force-disabled'

export function generateStaticParams() {
  return [{ date: PLACEHOLDER }]
}

function resolveDay(date: string): string | null {
  if (date === TODAY) return toIsoDay(new Date())
  return parseIsoDay(date) ? date : null
}

export async function generateMetadata({ params }: PageProps<'/indeks/[date]'>): Promise<Metadata> {
  'use cache'
  const { date } = await params
  if (date === PLACEHOLDER) return {}
  if (date === TODAY) cacheLife('minutes')
  else cacheLife('max')
  cacheTag(TAGS.site)
  const day = resolveDay(date)
  if (!day) return notFoundMetadata()
  return listingMetadata({
    title: `${t.indeks.title} ${formatIsoDay(day)}`,
    description: t.seo.indexDescription(formatIsoDay(day)),
    path: date === TODAY ? indexPath() : indexPath(day),
  })
}

export default async function DailyIndexPage({ params }: PageProps<'/indeks/[date]'>) {
  'use cache'
  const { date } = await params
  if (date === PLACEHOLDER) return null
  const day = resolveDay(date)
  // Today (and later) rolls over at midnight WIB and gains its "next day" link then.
  if (day && day < toIsoDay(new Date())) cacheLife('max')
  else cacheLife('minutes')
  if (!day) return <NotFoundPage />

  const p = parseIsoDay(day)!
  const { start, end } = jakartaRange(p.year, p.month, p.day)
  const { items } = await listArticlesPublishedBetween(start, end, 1, MAX_PER_DAY)
  tagPage(dayIndexPageTags(day, items))
  // The neighbouring calendar days, not the nearest days with stories: then no story published
  // on another day changes this page (lib/cache/page-tags.ts). No "next" into the future.
  const before = new Date(start.getTime() - DAY_MS)
  const after = end.getTime() <= Date.now() ? end : null
  const dayName = formatIsoDay(day)

  return (
    <SiteShell>
      <div className="mx-auto max-w-3xl">
        <header className="mb-4 border-b-2 border-accent pb-3">
          <h1 className="font-serif text-3xl font-bold">{t.indeks.title}</h1>
          <p className="mt-1 text-lg">{dayName}</p>
        </header>
        <form method="get" action={indexPath()} className="mb-6 flex flex-wrap items-end gap-3">
          <div className="flex flex-col">
            <label htmlFor="tanggal" className="text-sm font-semibold">
              {t.indeks.pickDate}
            </label>
            <input
              id="tanggal"
              type="date"
              name="tanggal"
              defaultValue={day}
              min="1990-01-01"
              max="2100-12-31"
              required
              className="field"
            />
          </div>
          <button type="submit" className="button">
            {t.indeks.show}
          </button>
        </form>
        {items.length === 0 ? (
          <p className="py-6">{t.indeks.empty}</p>
        ) : (
          <ol className="cards">
            {items.map((card) => (
              <li key={card.id}>
                <CompactCard card={card} heading="h2" />
              </li>
            ))}
          </ol>
        )}
        <nav aria-label={t.archive.pagination} className="mt-8 flex justify-between gap-4">
          {before ? (
            <a href={indexPath(toIsoDay(before))} className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4">
              ← {t.indeks.previousDay}
            </a>
          ) : (
            <span />
          )}
          {after ? (
            <a href={indexPath(toIsoDay(after))} className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4">
              {t.indeks.nextDay} →
            </a>
          ) : null}
        </nav>
      </div>
    </SiteShell>
  )
}
