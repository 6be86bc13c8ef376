import { describe, expect, it } from 'vitest'
import { isEtagMatch, parseMediaPath } from './paths'

describe('parseMediaPath', () => {
  it('accepts a variant file of a storage key', () => {
    expect(parseMediaPath('2026/01/0123456789abcdef-640.webp')).toEqual({
      kind: 'variant',
      storageKey: '2026/01/0123456789abcdef',
      width: 640,
      relativePath: '2026/01/0123456789abcdef-640.webp',
    })
    expect(parseMediaPath(['2026', '01', '0123456789abcdef-1200.webp'])).toMatchObject({ width: 1200 })
  })

  it('accepts the share images of a storage key and the site card, in their shapes only', () => {
    expect(parseMediaPath('2026/01/0123456789abcdef-1200x675.jpg')).toEqual({
      kind: 'share',
      storageKey: '2026/01/0123456789abcdef',
      shape: 'wide',
      relativePath: '2026/01/0123456789abcdef-1200x675.jpg',
    })
    expect(parseMediaPath('2026/01/0123456789abcdef-1200x630.jpg')).toMatchObject({ kind: 'share', shape: 'card' })
    expect(parseMediaPath(['site', 'share-00112233445566ff-1200x1200.jpg'])).toEqual({
      kind: 'site-card',
      cardKey: '00112233445566ff',
      shape: 'square',
      relativePath: 'site/share-00112233445566ff-1200x1200.jpg',
    })
    for (const attempt of [
      '2026/01/0123456789abcdef-1200x630.webp',
      '2026/01/0123456789abcdef-1200x675.jpeg',
      '2026/01/0123456789abcdef-1200x700.webp',
      'site/share-00112233445566ff-1200x630.png',
      'site/share-00112233445566FF-1200x630.jpg',
      'site/../warta.db',
      'site/share-00112233445566ff-1200x630.jpg/..',
      'other/share-00112233445566ff-1200x630.jpg',
    ]) {
      expect(parseMediaPath(attempt), attempt).toBeNull()
    }
  })

  it.each([
    '../warta.db',
    '../../etc/passwd',
    '2026/01/../../warta.db',
    '2026/01/0123456789abcdef-640.webp/../../../warta.db',
    '/etc/passwd',
    '2026/01/0123456789abcdef-640.webp\0.png',
    '2026/01/0123456789abcdef-640.webp?x=1',
    '2026/01/0123456789abcdef-640.png',
    '2026/01/0123456789ABCDEF-640.webp',
    '2026/01/0123456789abcde-640.webp',
    '2026/1/0123456789abcdef-640.webp',
    '2026\\01\\0123456789abcdef-640.webp',
    '2026/01/0123456789abcdef-641.webp',
    '2026/01/0123456789abcdef-99999.webp',
    '2026/01/0123456789abcdef.webp',
    ' 2026/01/0123456789abcdef-640.webp',
    '2026/01/0123456789abcdef-640.webp\n',
    '',
  ])('refuses %j', (attempt) => {
    expect(parseMediaPath(attempt)).toBeNull()
  })

  it('refuses traversal given as route segments', () => {
    expect(parseMediaPath(['..', '..', 'warta.db'])).toBeNull()
    expect(parseMediaPath(['2026', '01', '..', '0123456789abcdef-640.webp'])).toBeNull()
    expect(parseMediaPath(['2026', '01', '0123456789abcdef-640.webp', '..'])).toBeNull()
    expect(parseMediaPath([])).toBeNull()
  })
})

describe('isEtagMatch', () => {
  it('matches exact, weak, listed and wildcard validators', () => {
    expect(isEtagMatch('"abc"', '"abc"')).toBe(true)
    expect(isEtagMatch('W/"abc"', '"abc"')).toBe(true)
    expect(isEtagMatch('"x", "abc"', '"abc"')).toBe(true)
    expect(isEtagMatch('*', '"abc"')).toBe(true)
    expect(isEtagMatch('"abd"', '"abc"')).toBe(false)
    expect(isEtagMatch(null, '"abc"')).toBe(false)
    expect(isEtagMatch('', '"abc"')).toBe(false)
  })
})
