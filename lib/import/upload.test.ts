import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { startsLikeXml } from './sniff'
import { receiveXmlUpload } from './upload'

const dir = path.join(process.env.DATA_DIR!, 'upload-test')
const dest = path.join(dir, 'upload.xml')

beforeEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
})

/** A body in chunks that records how many of them were pulled. */
function chunked(chunks: Array<string | Uint8Array>, opts: { failAfter?: number } = {}) {
  const encoder = new TextEncoder()
  const state = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (opts.failAfter !== undefined && state.pulled >= opts.failAfter) {
        controller.error(new Error('connection reset'))
        return
      }
      const next = chunks[state.pulled++]
      if (next === undefined) controller.close()
      else controller.enqueue(typeof next === 'string' ? encoder.encode(next) : next)
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { stream, state }
}

describe('startsLikeXml', () => {
  it('accepts an XML declaration or a bare feed after a BOM and whitespace, nothing else', () => {
    expect(startsLikeXml("<?xml version='1.0' encoding='UTF-8'?>")).toBe(true)
    expect(startsLikeXml('\ufeff\n  <?xml version="1.0"?>')).toBe(true)
    expect(startsLikeXml("<feed xmlns='http://www.w3.org/2005/Atom'>")).toBe(true)
    expect(startsLikeXml('<!doctype html><html>')).toBe(false)
    expect(startsLikeXml('PK\u0003\u0004')).toBe(false)
    expect(startsLikeXml('{"posts": []}')).toBe(false)
    expect(startsLikeXml('')).toBe(false)
  })
})

describe('receiveXmlUpload', () => {
  it('writes the whole body to disk chunk by chunk', async () => {
    const parts = ["<?xml version='1.0'?>\n<feed>", ...Array.from({ length: 50 }, (_, i) => `<entry>${i}</entry>`), '</feed>']
    const { stream } = chunked(parts)
    const outcome = await receiveXmlUpload(stream, dest, 1024 * 1024)
    expect(outcome).toEqual({ ok: true, bytes: Buffer.byteLength(parts.join('')) })
    expect(fs.readFileSync(dest, 'utf8')).toBe(parts.join(''))
  })

  it('refuses a file that is not XML from its first bytes, before writing anything', async () => {
    const { stream, state } = chunked(['<!doctype html><html><body>', 'x'.repeat(300), 'more', 'and more'])
    expect(await receiveXmlUpload(stream, dest)).toEqual({ ok: false, reason: 'not-xml' })
    expect(fs.existsSync(dest)).toBe(false)
    expect(state.cancelled).toBe(true)
    expect(state.pulled).toBeLessThan(4)
  })

  it('stops reading as soon as the limit is passed and removes the partial file', async () => {
    const { stream, state } = chunked(['<?xml version="1.0"?>', ...Array.from({ length: 100 }, () => 'x'.repeat(1000))])
    expect(await receiveXmlUpload(stream, dest, 10_000)).toEqual({ ok: false, reason: 'too-large' })
    expect(fs.existsSync(dest)).toBe(false)
    expect(state.cancelled).toBe(true)
    expect(state.pulled).toBeLessThan(20)
  })

  it('removes the partial file when the connection drops mid-upload', async () => {
    const { stream } = chunked(['<?xml version="1.0"?>', 'a'.repeat(500), 'b'.repeat(500), 'c'], { failAfter: 3 })
    expect(await receiveXmlUpload(stream, dest)).toEqual({ ok: false, reason: 'aborted' })
    expect(fs.existsSync(dest)).toBe(false)
  })

  it('leaves no file behind when the connection drops while the file is still being opened', async () => {
    // Seen in CI: the partial file was removed before the write stream's own open had created it.
    for (let i = 0; i < 50; i++) {
      const { stream } = chunked(['<?xml version="1.0"?>', 'a'.repeat(500)], { failAfter: 2 })
      expect(await receiveXmlUpload(stream, dest)).toEqual({ ok: false, reason: 'aborted' })
      await new Promise((resolve) => setTimeout(resolve, 5))
      expect(fs.existsSync(dest)).toBe(false)
    }
  })

  it('answers empty for a missing or empty body', async () => {
    expect(await receiveXmlUpload(null, dest)).toEqual({ ok: false, reason: 'empty' })
    expect(await receiveXmlUpload(chunked([]).stream, dest)).toEqual({ ok: false, reason: 'empty' })
    expect(fs.existsSync(dest)).toBe(false)
  })
})
