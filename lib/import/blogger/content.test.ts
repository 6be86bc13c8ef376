import { describe, expect, it } from 'vitest'
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
