import { describe, expect, it } from 'vitest'
import { sanitizeArticleHtml } from './sanitize'

describe('sanitizeArticleHtml', () => {
  it('keeps the markup a news story uses', () => {
    const html = '<h2>Sub</h2><p><strong>A</strong> <em>b</em> <a href="https://example.org/x">c</a></p><ul><li>d</li></ul><blockquote><p>e</p></blockquote>'
    expect(sanitizeArticleHtml(html)).toBe(html)
  })

  it('removes scripts, event handlers and javascript: links', () => {
    const out = sanitizeArticleHtml('<p onclick="x()">a<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">b</a></p>')
    expect(out).not.toMatch(/script|onerror|onclick|javascript:/i)
  })

  it('keeps iframes only from embed hosts', () => {
    expect(sanitizeArticleHtml('<iframe src="https://www.youtube.com/embed/abc"></iframe>')).toContain('youtube.com/embed/abc')
    expect(sanitizeArticleHtml('<iframe src="https://evil.example/x"></iframe>')).not.toContain('evil.example')
  })

  it('marks outbound links of sponsored stories rel="sponsored", not internal ones', () => {
    const out = sanitizeArticleHtml('<p><a href="https://sponsor.example/">s</a> <a href="http://localhost:3000/label/x">i</a></p>', {
      sponsored: true,
      siteUrl: 'http://localhost:3000',
    })
    expect(out).toContain('<a href="https://sponsor.example/" rel="sponsored">s</a>')
    expect(out).toContain('<a href="http://localhost:3000/label/x">i</a>')
  })
})
