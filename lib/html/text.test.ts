import { describe, expect, it } from 'vitest'
import { bestTimeMs, HOSTILE_LENGTH, LINEAR_BUDGET_MS, runs, sprinkled } from '@/tests/adversarial-html'
import { htmlToText, truncateText } from './text'

describe('htmlToText', () => {
  it('keeps the words of adjacent blocks apart and drops scripts, styles and tags', () => {
    expect(htmlToText('<p>Satu</p><p>dua&nbsp;&amp; tiga</p><script>x()</script><STYLE a>p{}</style>')).toBe('Satu dua & tiga')
    expect(htmlToText('a <b>tebal</b> <> c < d')).toBe('a tebal c < d')
    expect(htmlToText('a <script>tanpa akhir')).toBe('a tanpa akhir')
  })

  it.each([
    ['“<” without a “>”', sprinkled('<', 3_000)],
    ['script tags that never close', sprinkled('<script>', 10_000)],
    ['unterminated comments', sprinkled('<!--', 3_000)],
  ])('finding 3: takes a 500 KB body of %s in under 100 ms', (_shape, body) => {
    expect(body.length).toBe(HOSTILE_LENGTH)
    expect(bestTimeMs(htmlToText, body)).toBeLessThan(LINEAR_BUDGET_MS)
  })
})

describe('truncateText', () => {
  it('cuts at a word and drops the punctuation left at the cut', () => {
    expect(truncateText('Hujan deras, banjir. Warga mengungsi', 22)).toBe('Hujan deras, banjir…')
    expect(truncateText('pendek', 20)).toBe('pendek')
  })

  it('finding 3: trims the end of a 500 KB text full of punctuation runs in under 100 ms', () => {
    const text = runs(',', 1_000)
    expect(bestTimeMs((t) => truncateText(t, HOSTILE_LENGTH - 1), text)).toBeLessThan(LINEAR_BUDGET_MS)
  })
})
