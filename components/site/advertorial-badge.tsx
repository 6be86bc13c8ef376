import { t } from '@/lib/i18n/id'

/** The mark every sponsored story carries, on its page and on every card that lists it. */
export function AdvertorialBadge() {
  return (
    <span className="inline-block rounded-sm bg-amber-200 px-2 py-0.5 text-xs font-bold tracking-wide text-amber-950 uppercase">
      {t.article.advertorial}
    </span>
  )
}
