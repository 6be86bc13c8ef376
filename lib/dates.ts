/** Every date a person sees is in the newsroom's zone, whatever the server's TZ. */
export const SITE_TIME_ZONE = 'Asia/Jakarta'
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000 // WIB has no daylight saving.

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const
const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const

type JakartaParts = { year: number; month: number; day: number; weekday: number; hour: number; minute: number }

/** Calendar fields of an instant in Asia/Jakarta (month 1–12). */
export function jakartaParts(date: Date): JakartaParts {
  const shifted = new Date(date.getTime() + JAKARTA_OFFSET_MS)
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? ''
}

/** "Jumat, 6 Agustus 2021 14.05 WIB" */
export function formatDateTime(date: Date): string {
  const p = jakartaParts(date)
  return `${DAYS[p.weekday]}, ${p.day} ${MONTHS[p.month - 1]} ${p.year} ${pad(p.hour)}.${pad(p.minute)} WIB`
}

/** "6 Agustus 2021" */
export function formatDate(date: Date): string {
  const p = jakartaParts(date)
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`
}

/** "Jumat, 6 Agustus 2021" */
export function formatLongDate(date: Date): string {
  const p = jakartaParts(date)
  return `${DAYS[p.weekday]}, ${p.day} ${MONTHS[p.month - 1]} ${p.year}`
}

/** "14.05 WIB" */
export function formatTime(date: Date): string {
  const p = jakartaParts(date)
  return `${pad(p.hour)}.${pad(p.minute)} WIB`
}

/** "2021-08-06": the Jakarta calendar day of an instant, as used by /indeks?tanggal=. */
export function toIsoDay(date: Date): string {
  const p = jakartaParts(date)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** "2021/08": the URL month of an instant in Jakarta. */
export function toPathMonth(date: Date): string {
  const p = jakartaParts(date)
  return `${p.year}/${pad(p.month)}`
}

/** The UTC instants bounding a Jakarta calendar range: [start, end). Month 1–12; day optional. */
export function jakartaRange(year: number, month?: number, day?: number): { start: Date; end: Date } {
  const startUtc = Date.UTC(year, (month ?? 1) - 1, day ?? 1)
  const endUtc =
    day !== undefined
      ? Date.UTC(year, (month ?? 1) - 1, day + 1)
      : month !== undefined
        ? Date.UTC(year, month, 1)
        : Date.UTC(year + 1, 0, 1)
  return { start: new Date(startUtc - JAKARTA_OFFSET_MS), end: new Date(endUtc - JAKARTA_OFFSET_MS) }
}

/** Parses "2021-08-06" strictly (a real calendar day), else null. */
export function parseIsoDay(value: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null
  if (year < 1990 || year > 2100) return null
  return { year, month, day }
}

/** Shifts an ISO day by whole days ("2021-08-06", -1 → "2021-08-05"). */
export function addDays(isoDay: string, days: number): string {
  const p = parseIsoDay(isoDay)
  if (!p) throw new Error(`Not an ISO day: ${isoDay}`)
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days))
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** "2021-08-06" → "Jumat, 6 Agustus 2021". */
export function formatIsoDay(isoDay: string): string {
  const p = parseIsoDay(isoDay)
  if (!p) throw new Error(`Not an ISO day: ${isoDay}`)
  // Noon in Jakarta: safely inside the day whatever the offset arithmetic.
  return formatLongDate(new Date(Date.UTC(p.year, p.month - 1, p.day, 5)))
}

/**
 * A `datetime-local` value ("2026-12-01T14:30", seconds optional) read as Asia/Jakarta wall
 * time, whatever the server's or browser's zone; null when it is not a real date and time.
 */
export function parseJakartaLocal(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!m) return null
  const day = parseIsoDay(m[1]!)
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)]
  if (!day || hour > 23 || minute > 59 || second > 59) return null
  return new Date(Date.UTC(day.year, day.month - 1, day.day, hour, minute, second) - JAKARTA_OFFSET_MS)
}

/** An instant as a `datetime-local` value in Asia/Jakarta ("2026-12-01T14:30"). */
export function toJakartaLocalInput(date: Date): string {
  const p = jakartaParts(date)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

/**
 * W3C datetime in the newsroom's zone, "2021-08-06T14:05:00+07:00": sitemaps' lastmod and
 * Google News' publication_date.
 */
export function formatW3cDateTime(date: Date): string {
  const p = jakartaParts(date)
  const seconds = pad(new Date(date.getTime() + JAKARTA_OFFSET_MS).getUTCSeconds())
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${seconds}+07:00`
}

const RFC822_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const
const RFC822_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** RFC 822 date with a four-digit year, in WIB, "Fri, 06 Aug 2021 14:05:00 +0700": RSS pubDate. */
export function formatRfc822(date: Date): string {
  const p = jakartaParts(date)
  const seconds = pad(new Date(date.getTime() + JAKARTA_OFFSET_MS).getUTCSeconds())
  return `${RFC822_DAYS[p.weekday]}, ${pad(p.day)} ${RFC822_MONTHS[p.month - 1]} ${p.year} ${pad(p.hour)}:${pad(p.minute)}:${seconds} +0700`
}
