import { describe, expect, it } from 'vitest'
import { isSlug, parseMonth, parsePageParam, parseYear } from './route-params'

describe('route parameters', () => {
  it('accepts page numbers 1 to 10,000 written canonically', () => {
    expect(parsePageParam('1')).toBe(1)
    expect(parsePageParam('500')).toBe(500)
    expect(parsePageParam('10000')).toBe(10_000)
    for (const bad of ['0', '01', '-1', '+2', '1e3', '10001', '2.5', '', ' 2', 'abc', '99999999999']) {
      expect(parsePageParam(bad), bad).toBeNull()
    }
  })

  it('accepts only slugs we could have written', () => {
    expect(isSlug('banjir-rendam-80-rumah')).toBe(true)
    for (const bad of ['', 'Banjir', 'a--b', '-a', 'a-', 'a_b', 'a/b', '..', 'ä', 'a'.repeat(201)]) {
      expect(isSlug(bad), bad).toBe(false)
    }
  })

  it('accepts four-digit years and two-digit months', () => {
    expect(parseYear('2021')).toBe(2021)
    expect(parseYear('1899')).toBeNull()
    expect(parseYear('21')).toBeNull()
    expect(parseMonth('08')).toBe(8)
    expect(parseMonth('8')).toBeNull()
    expect(parseMonth('13')).toBeNull()
    expect(parseMonth('00')).toBeNull()
  })
})
