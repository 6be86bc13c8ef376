/*
 * Small helpers for the XML we write by hand (sitemaps, RSS). Text goes through escapeXml,
 * which also drops the characters XML 1.0 cannot carry at all (most control characters, lone
 * surrogates, U+FFFE/U+FFFF): an imported article with a stray \u0008 must not break a feed.
 */

// The complement of XML 1.0's Char production.
const INVALID_XML_CHARS = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** `<name>text</name>` with the text escaped. */
export function xmlElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

/**
 * A byte stream of XML text: `head`, then each chunk the iterator yields, then `tail`. Pulled
 * by the reader, so a slow client holds back the iterator instead of filling memory; the
 * iterator reads the database in keyset batches and never leaves the connection mid-query.
 */
export function xmlStream(head: string, chunks: Iterator<string> | AsyncIterator<string>, tail: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode(head))
        return
      }
      // Batch small chunks into one enqueue of a few tens of kilobytes.
      let text = ''
      while (text.length < 32_768) {
        const next = await chunks.next()
        if (next.done) {
          controller.enqueue(encoder.encode(text + tail))
          controller.close()
          return
        }
        text += next.value
      }
      controller.enqueue(encoder.encode(text))
    },
    async cancel() {
      await chunks.return?.()
    },
  })
}
