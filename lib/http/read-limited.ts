/**
 * Reads a body stream whole, or answers 'too-large' as soon as more than `limit` bytes have
 * arrived (the rest is never read: the stream is cancelled). For uploads and downloads whose
 * size a client or server may lie about.
 */
export async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer<ArrayBuffer> | 'too-large'> {
  if (!body) return Buffer.alloc(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return 'too-large'
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}
