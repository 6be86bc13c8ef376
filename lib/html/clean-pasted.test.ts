import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanPastedHtml } from './clean-pasted'
import { sanitizeArticleHtml } from './sanitize'
import { bestTimeMs, HOSTILE_LENGTH, LINEAR_BUDGET_MS, runs, sprinkled } from '@/tests/adversarial-html'

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/paste', name), 'utf8')

describe('cleanPastedHtml', () => {
  it('turns a Word paste into plain story markup with real lists', () => {
    expect(cleanPastedHtml(fixture('word.html')).replace(/\n+/g, '')).toBe(
      '<p><strong>PADANG</strong> – Hujan deras sejak pagi <i>merendam</i> tiga kecamatan.</p>' +
        '<ul><li>Koto Tangah</li><li>Nanggalo</li></ul><ol><li>Evakuasi warga</li><li>Dapur umum</li></ol>' +
        '<p>Harga beras Rp&nbsp;12.000 per liter, kata Andi.</p>',
    )
  })

  it('drops Word’s <o:p>, mso- classes and styles, conditional comments and style sheets', () => {
    const out = cleanPastedHtml(fixture('word.html'))
    expect(out).not.toMatch(/o:p|mso|Mso|<style|<xml|<!--|<!\[|class=|style=|lang=/)
  })

  it('unwraps Google Docs’ whole-paste <b> and keeps bold and italic given by styles', () => {
    expect(cleanPastedHtml(fixture('google-docs.html'))).toBe(
      '<h2>Banjir di Padang</h2><p><strong>Warga</strong> mengungsi ke <em>masjid</em> terdekat, lihat ' +
        '<a href="https://bpbd.example.go.id/">BPBD</a>.</p><ul><li><p>Posko satu</p></li></ul>',
    )
  })

  it('collapses runs of &nbsp; but keeps a single one between words', () => {
    expect(cleanPastedHtml('<p>a&nbsp;&nbsp;&nbsp; b\u00a0\u00a0c Rp&nbsp;5</p>')).toBe('<p>a b c Rp&nbsp;5</p>')
  })

  it('removes empty spans, empty formatting and empty paragraphs', () => {
    expect(cleanPastedHtml('<p><span></span>x<strong> </strong></p><p>&nbsp;</p><p><span><br></span></p><p></p>')).toBe('<p>x</p>')
  })

  it('leaves markup the editor itself produces unchanged', () => {
    const html =
      '<h2>Sub</h2><p><strong>A</strong> <em>b</em> <a href="https://example.org/x">c</a></p>' +
      '<figure><img src="/media/2026/11/0123456789abcdef-960.webp" alt="Banjir"><figcaption>Foto: Redaksi</figcaption></figure>' +
      '<figure><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Video YouTube" allowfullscreen></iframe></figure>' +
      '<blockquote><p><a href="https://www.instagram.com/p/abc/">Lihat</a></p></blockquote><ol><li>1 &lt; 2</li></ol>'
    expect(cleanPastedHtml(html)).toBe(html)
  })

  it('keeps a stray “<” as text instead of losing it', () => {
    expect(cleanPastedHtml('<p>3 < 4</p>')).toBe('<p>3 &lt; 4</p>')
  })

  it('produces HTML the sanitizer keeps as it is', () => {
    for (const name of ['word.html', 'google-docs.html']) {
      const cleaned = cleanPastedHtml(fixture(name))
      // (The sanitizer writes &nbsp; as the character itself.)
      expect(sanitizeArticleHtml(cleaned).replace(/\n+/g, '')).toBe(cleaned.replace(/\n+/g, '').replace(/&nbsp;/g, '\u00a0'))
    }
  })
})

describe('finding 3: cleanPastedHtml runs in linear time on every 500 KB body', () => {
  // Each shape made one of the old patterns quadratic (or exponential): seconds for one save.
  const bodies: Array<[string, string]> = [
    ['runs of spaces between words', runs(' ', 1_000)],
    ['&nbsp; and <br> alternating inside a paragraph that is not empty', sprinkled(`<p>${'\u00a0<br>'.repeat(18)}x</p>`, 64)],
    ['Word list paragraphs that never close', sprinkled('<p data-word-list="ul">', 8_000)],
    ['unterminated <![ sections', sprinkled('<![', 2_000)],
    ['unterminated <! declarations', sprinkled('<!', 2_000)],
    ['start tags whose attribute lists never reach a “>”', sprinkled('<p a b c ', 2_000)],
    ['unquoted attribute values full of slashes', runs('/', 600, '"<p a=b')],
    ['long runs of <br> before more text', sprinkled('<br>'.repeat(5_000), 6)],
  ]
  it.each(bodies)('finding 3: %s', (_shape, body) => {
    expect(body.length).toBe(HOSTILE_LENGTH)
    expect(bestTimeMs(cleanPastedHtml, body)).toBeLessThan(LINEAR_BUDGET_MS)
  })
  // Shapes that were linear already; kept so that they stay so.
  it.each([
    ['runs of &nbsp;', runs('&nbsp;', 1_000)],
    ['spaces and &nbsp; alternating', runs(' &nbsp;', 1_000)],
    ['unterminated comments', sprinkled('<!--', 2_000)],
  ])('finding 3 (guard): %s', (_shape, body) => {
    expect(bestTimeMs(cleanPastedHtml, body)).toBeLessThan(LINEAR_BUDGET_MS)
  })
})
