import { describe, expect, it } from 'vitest'
import { t } from '@/lib/i18n/id'
import { embedHtml, parseEmbedUrl } from './embeds'
import { sanitizeArticleHtml } from './sanitize'

const words = t.admin.articles.toolbar

describe('parseEmbedUrl', () => {
  it('recognises YouTube addresses in their usual forms, with a start time', () => {
    const src = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
    for (const url of [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://www.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube.com/embed/dQw4w9WgXcQ',
      ' https://www.youtube.com/live/dQw4w9WgXcQ?si=abc ',
    ]) {
      expect(parseEmbedUrl(url), url).toMatchObject({ kind: 'youtube', id: 'dQw4w9WgXcQ', src })
    }
    expect(parseEmbedUrl('https://youtu.be/dQw4w9WgXcQ?t=1m30s')).toMatchObject({ src: `${src}?start=90` })
    expect(parseEmbedUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42')).toMatchObject({ start: 42 })
  })

  it('recognises Instagram posts and X posts, normalising the address', () => {
    expect(parseEmbedUrl('https://instagram.com/p/C1a2b3c4d5/?igsh=xyz')).toEqual({ kind: 'instagram', url: 'https://www.instagram.com/p/C1a2b3c4d5/' })
    expect(parseEmbedUrl('https://www.instagram.com/reel/C1a2b3c4d5')).toEqual({ kind: 'instagram', url: 'https://www.instagram.com/reel/C1a2b3c4d5/' })
    expect(parseEmbedUrl('https://twitter.com/humaspadang/status/1234567890123?s=20')).toEqual({ kind: 'x', url: 'https://x.com/humaspadang/status/1234567890123' })
    expect(parseEmbedUrl('https://x.com/humaspadang/status/1234567890123')).toMatchObject({ kind: 'x' })
  })

  it('refuses anything else', () => {
    for (const bad of [
      '',
      'youtube.com/watch?v=dQw4w9WgXcQ',
      'javascript:alert(1)',
      'https://www.youtube.com/watch?v=short',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>',
      'https://evil.example/watch?v=dQw4w9WgXcQ',
      'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
      'https://www.instagram.com/someone/',
      'https://x.com/home',
      'ftp://x.com/a/status/1',
    ]) {
      expect(parseEmbedUrl(bad), bad).toBeNull()
    }
  })
})

describe('embedHtml', () => {
  it('writes markup that the sanitizer keeps, with no script', () => {
    for (const url of ['https://youtu.be/dQw4w9WgXcQ?t=5', 'https://www.instagram.com/p/C1a2b3c4d5/', 'https://x.com/a/status/1']) {
      const html = embedHtml(parseEmbedUrl(url)!, words)
      expect(html).not.toMatch(/<script/i)
      expect(sanitizeArticleHtml(html), url).toBe(html)
    }
  })
})
