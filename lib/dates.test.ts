import { describe, expect, it } from 'vitest'
import {
  addDays,
  formatDateTime,
  formatIsoDay,
  jakartaRange,
  parseIsoDay,
  parseJakartaLocal,
  toIsoDay,
  toJakartaLocalInput,
  formatRfc822,
  formatW3cDateTime,
  toPathMonth,
} from './dates'

describe('dates in Asia/Jakarta', () => {
  it('formats a UTC instant as the Indonesian long form in WIB', () => {
    expect(formatDateTime(new Date('2021-08-06T07:05:00Z'))).toBe('Jumat, 6 Agustus 2021 14.05 WIB')
  })

  it('puts an instant late on the UTC day into the next Jakarta day and month', () => {
    const d = new Date('2023-08-31T22:30:00Z')
    expect(toIsoDay(d)).toBe('2023-09-01')
    expect(toPathMonth(d)).toBe('2023/09')
  })

  it('bounds a Jakarta day by UTC instants seven hours earlier', () => {
    const { start, end } = jakartaRange(2021, 8, 6)
    expect(start.toISOString()).toBe('2021-08-05T17:00:00.000Z')
    expect(end.toISOString()).toBe('2021-08-06T17:00:00.000Z')
    expect(jakartaRange(2021, 12).end.toISOString()).toBe('2021-12-31T17:00:00.000Z')
    expect(jakartaRange(2021).start.toISOString()).toBe('2020-12-31T17:00:00.000Z')
  })

  it('accepts only real calendar days', () => {
    expect(parseIsoDay('2021-08-06')).toEqual({ year: 2021, month: 8, day: 6 })
    expect(parseIsoDay('2021-02-30')).toBeNull()
    expect(parseIsoDay('2021-8-6')).toBeNull()
    expect(parseIsoDay("2021-08-06' OR 1=1")).toBeNull()
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28')
  })
})

describe('formatIsoDay', () => {
  it('names the Jakarta calendar day itself', () => {
    expect(formatIsoDay('2021-08-06')).toBe('Jumat, 6 Agustus 2021')
    expect(formatIsoDay('2024-01-01')).toBe('Senin, 1 Januari 2024')
  })

  it('reads a datetime-local value as Jakarta wall time and writes it back', () => {
    const d = parseJakartaLocal('2026-12-01T06:30')
    expect(d?.toISOString()).toBe('2026-11-30T23:30:00.000Z')
    expect(toJakartaLocalInput(d!)).toBe('2026-12-01T06:30')
    expect(parseJakartaLocal('2026-12-01T06:30:15')?.toISOString()).toBe('2026-11-30T23:30:15.000Z')
    for (const bad of ['', '2026-12-01', '2026-02-30T10:00', '2026-12-01T24:00', '2026-12-01 10:00', '2026-12-01T10:00Z']) {
      expect(parseJakartaLocal(bad), bad).toBeNull()
    }
  })
})

describe('machine-readable dates', () => {
  it('W3C datetime and RFC 822 in WIB', () => {
    // 31 December 20:30:05 UTC is already 1 January in Jakarta.
    const d = new Date(Date.UTC(2023, 11, 31, 20, 30, 5))
    expect(formatW3cDateTime(d)).toBe('2024-01-01T03:30:05+07:00')
    expect(formatRfc822(d)).toBe('Mon, 01 Jan 2024 03:30:05 +0700')
    expect(new Date(formatRfc822(d)).getTime()).toBe(d.getTime())
    expect(new Date(formatW3cDateTime(d)).getTime()).toBe(d.getTime())
  })
})
