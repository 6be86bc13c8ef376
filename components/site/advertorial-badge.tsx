import { t } from '@/lib/i18n/id'

/** The mark every sponsored story carries, on its page and on every card that lists it. */
export function AdvertorialBadge() {
  return <span className="badge">{t.article.advertorial}</span>
}
