import { t } from '@/lib/i18n/id'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "15 menit", "5 jam", "3 hari": how long since `from`, rounded down, never below one minute. */
export function formatElapsed(from: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - from.getTime())
  const e = t.admin.deskHome.elapsed
  if (ms < HOUR) return e.minutes(Math.max(1, Math.floor(ms / MINUTE)))
  // Up to two days, hours say more than "1 hari" does.
  if (ms < 2 * DAY) return e.hours(Math.floor(ms / HOUR))
  return e.days(Math.floor(ms / DAY))
}
