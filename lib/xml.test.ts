import { describe, expect, it } from 'vitest'
import { escapeXml, xmlStream } from './xml'

describe('escapeXml', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;')
    expect(escapeXml('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\tg\nh😀')).toBe('abcdef\tg\nh😀')
  })
})

describe('xmlStream', () => {
  it('streams head, every chunk and tail, pulling the iterator lazily', async () => {
    let pulled = 0
    const chunks = (function* () {
      for (let i = 0; i < 5000; i++) {
        pulled++
        yield `<url>${i}</url>`
      }
    })()
    const stream = xmlStream('<urlset>', chunks, '</urlset>')
    expect(pulled).toBe(0)
    const text = await new Response(stream).text()
    expect(text.startsWith('<urlset><url>0</url>')).toBe(true)
    expect(text.endsWith('<url>4999</url></urlset>')).toBe(true)
    expect(pulled).toBe(5000)
  })

  it('stops the iterator when the reader goes away', async () => {
    let finished = false
    const chunks = (function* () {
      try {
        for (;;) yield 'x'.repeat(1000)
      } finally {
        finished = true
      }
    })()
    const reader = xmlStream('', chunks, '').getReader()
    await reader.read()
    await reader.read()
    await reader.cancel()
    expect(finished).toBe(true)
  })
})
