import 'server-only'
import { once } from 'node:events'
import fs from 'node:fs'
import { PRIVATE_FILE_MODE } from '@/lib/file-modes'
import { SNIFF_BYTES, startsLikeXml } from './sniff'

/** Blogger exports of big newsrooms run to hundreds of MB; this leaves room without inviting abuse. */
export const MAX_IMPORT_BYTES = 1024 ** 3

export type ReceiveOutcome =
  | { ok: true; bytes: number }
  | { ok: false; reason: 'empty' | 'not-xml' | 'too-large' | 'aborted' | 'no-space' }

/**
 * Streams a request body to `dest` without holding it in memory: the first bytes are checked
 * before anything is written, and reading stops as soon as `limit` is passed. On any refusal
 * the partial file is removed. Write errors other than a full disk are thrown.
 */
export async function receiveXmlUpload(
  body: ReadableStream<Uint8Array> | null,
  dest: string,
  limit: number = MAX_IMPORT_BYTES,
): Promise<ReceiveOutcome> {
  if (!body) return { ok: false, reason: 'empty' }
  const reader = body.getReader()
  const refuse = async (reason: Exclude<ReceiveOutcome, { ok: true }>['reason']) => {
    await reader.cancel().catch(() => {})
    return { ok: false, reason } as const
  }

  const head: Uint8Array[] = []
  let size = 0
  let done = false
  try {
    while (size < SNIFF_BYTES) {
      const chunk = await reader.read()
      if (chunk.done) {
        done = true
        break
      }
      head.push(chunk.value)
      size += chunk.value.byteLength
    }
  } catch {
    return { ok: false, reason: 'aborted' }
  }
  if (size === 0) return refuse('empty')
  if (!startsLikeXml(Buffer.concat(head).toString('utf8'))) return refuse('not-xml')
  if (size > limit) return refuse('too-large')

  // The export holds the blog's drafts and authors' emails: private like the rest of DATA_DIR.
  const out = fs.createWriteStream(dest, { flags: 'wx', mode: PRIVATE_FILE_MODE })
  // Set from the stream's 'error' event; checked between chunks.
  const state: { failure: NodeJS.ErrnoException | null } = { failure: null }
  out.on('error', (error) => (state.failure ??= error))
  const settle = async (event: 'drain' | 'finish') => {
    // After an error the stream emits neither event again.
    if (state.failure || out.destroyed) return
    await Promise.race([once(out, event), once(out, 'error')]).catch(() => {})
  }
  // Removing the file must wait for the stream to close: its open runs on the thread pool, and an
  // open still in flight would create the file again after the rm.
  const removeFile = async () => {
    if (!out.closed) {
      const closed = once(out, 'close').catch(() => {})
      out.destroy()
      await closed
    }
    await fs.promises.rm(dest, { force: true })
  }
  const discard = async (reason: 'too-large' | 'aborted' | 'no-space') => {
    await removeFile()
    return refuse(reason)
  }

  for (const chunk of head) if (!out.write(chunk)) await settle('drain')
  while (!done && !state.failure) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      return discard('aborted')
    }
    if (chunk.done) break
    size += chunk.value.byteLength
    if (size > limit) return discard('too-large')
    if (!out.write(chunk.value)) await settle('drain')
  }
  if (!state.failure) {
    out.end()
    await settle('finish')
  }
  if (state.failure) {
    if (state.failure.code === 'ENOSPC') return discard('no-space')
    await removeFile()
    await reader.cancel().catch(() => {})
    throw state.failure
  }
  return { ok: true, bytes: size }
}
