import { describe, expect, it } from 'vitest'
import { bestTimeMs, HOSTILE_LENGTH, LINEAR_BUDGET_MS, runs, sprinkled } from '@/tests/adversarial-html'
import { cleanBloggerBody, takeLeadImage } from './content'

const IMG = 'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE/w640-h400/foto.jpg'
const BIG = 'https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE/s1600/foto.jpg'

describe('cleanBloggerBody', () => {
  it("turns Blogger's separator block into a figure and drops the link to the full size", () => {
    const html = `<p>Awal.</p><div class="separator" style="clear: both; text-align: center;"><a href="${BIG}" style="margin-left: 1em;"><img border="0" data-original-height="1067" height="400" src="${IMG}" width="640" /></a></div><p>Akhir.</p>`
    expect(cleanBloggerBody(html)).toBe(`<p>Awal.</p><figure><img height="400" src="${IMG}" width="640" loading="lazy" /></figure><p>Akhir.</p>`)
  })

  it("turns Blogger's caption table into a figure with its caption", () => {
    const html = `<table align="center" class="tr-caption-container" style="margin-left: auto;"><tbody><tr><td style="text-align: center;"><a href="${BIG}"><img src="${IMG}" width="640" height="400" /></a></td></tr><tr><td class="tr-caption" style="text-align: center;">Suasana rapat. (Foto: Dok.)</td></tr></tbody></table>`
    expect(cleanBloggerBody(html)).toBe(
      `<figure><img src="${IMG}" width="640" height="400" loading="lazy" /><figcaption>Suasana rapat. (Foto: Dok.)</figcaption></figure>`,
    )
  })

  it('drops the jump break, styles, runs of &nbsp; and empty paragraphs, and keeps the words', () => {
    const html = `<p><b>KOTA, Warta</b> &#8211; Kalimat&nbsp;&nbsp;&nbsp;pertama.</p>\n<a name='more'></a>\n<p style="font-size: 14px"><span style="color:red">Kedua</span>.</p><p>&nbsp;</p><p><br /></p>\n<p>(yr)</p>`
    const out = cleanBloggerBody(html)
    expect(out).toContain('<strong>KOTA, Warta</strong> – Kalimat pertama.')
    expect(out).not.toMatch(/name=|style=|&nbsp;|<p>\s*<\/p>|<p><br/)
    expect(out).toContain('Kedua')
    expect(out.endsWith('<p>(yr)</p>')).toBe(true)
  })

  it('rewrites links to old posts and leaves the rest alone', () => {
    const html = '<p><a href="https://blog.example/2022/01/lama.html?m=1">lama</a> <a href="https://other.example/x">x</a></p>'
    const out = cleanBloggerBody(html, { rewriteHref: (href) => (href.includes('/2022/01/lama.html') ? '/2022/01/lama' : null) })
    expect(out).toContain('href="/2022/01/lama"')
    expect(out).toContain('href="https://other.example/x"')
  })

  it('sanitizes like the editor', () => {
    const out = cleanBloggerBody('<p onclick="x()">a</p><script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">b</a>')
    expect(out).not.toMatch(/onclick|<script|onerror|javascript:/)
  })
})

describe('takeLeadImage', () => {
  it('takes a figure near the top as the featured image, with its caption', () => {
    const body = `<p>Satu.</p>\n<figure><img src="${IMG}" alt="" /><figcaption>Keterangan &amp; foto</figcaption></figure>\n<p>Dua.</p>`
    expect(takeLeadImage(body)).toEqual({ body: '<p>Satu.</p>\n<p>Dua.</p>', lead: { src: IMG, alt: '', caption: 'Keterangan & foto' }, first: IMG })
  })

  it('leaves a picture further down the story where it is', () => {
    const body = `<p>1</p><p>2</p><p>3</p><figure><img src="${IMG}" /></figure>`
    expect(takeLeadImage(body)).toEqual({ body, lead: null, first: IMG })
  })
})

describe('finding 3: the Blogger body clean-up runs in linear time on every 500 KB body', () => {
  const rewriteHref = (href: string) => (href.startsWith('/') ? `/baru${href}` : null)
  const bodies: Array<[string, string]> = [
    ['runs of spaces', runs(' ', 1_000)],
    ['&nbsp; and <br> alternating inside a paragraph', sprinkled(`<p>${'\u00a0<br>'.repeat(18)}x</p>`, 64)],
    ['<table> start tags without a “>”', sprinkled('<table ', 2_000)],
    ['caption tables that never close', sprinkled('<table class="tr-caption-container">', 4_000)],
    ['caption cells without a “>” in a caption table', `<table class="tr-caption-container">${sprinkled('<td class="tr-caption" ', 2_000)}`.slice(0, HOSTILE_LENGTH)],
    ['image tags without a “>” in a caption table', `<table class="tr-caption-container">${sprinkled('<img ', 2_000)}`.slice(0, HOSTILE_LENGTH)],
    ['separator blocks without a “>”', sprinkled('<div class="separator" ', 60)],
    ['links whose attributes never end', sprinkled('<a ', 2_000)],
  ]
  it.each(bodies)('finding 3: cleanBloggerBody takes %s in under 100 ms', (_shape, body) => {
    expect(body.length).toBe(HOSTILE_LENGTH)
    expect(bestTimeMs((b) => cleanBloggerBody(b, { rewriteHref }), body)).toBeLessThan(LINEAR_BUDGET_MS)
  })

  it('finding 3: takeLeadImage takes figures whose caption never closes in under 100 ms', () => {
    const body = sprinkled('<figure><img src="https://a.example/b.jpg"><figcaption>', 4_000)
    expect(bestTimeMs(takeLeadImage, body)).toBeLessThan(LINEAR_BUDGET_MS)
  })
})
