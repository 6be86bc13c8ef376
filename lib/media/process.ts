import 'server-only'
import crypto from 'node:crypto'
import sharp from 'sharp'
import { toPathMonth } from '@/lib/dates'
import { mediaFileName, shareFileName } from './paths'
import { encodeShareImage, findFocus } from './share'
import { getMediaStorage } from './storage'
import { MAX_MEDIA_WIDTH, MEDIA_WIDTHS, SHARE_SHAPE_NAMES, SHARE_SHAPES } from './sizes'

/** Largest upload accepted, in bytes. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
/**
 * Largest decoded image accepted, in pixels (covers 100-megapixel cameras). A few kilobytes
 * of PNG can claim 50,000 × 50,000 pixels; sharp refuses those before allocating anything.
 */
export const MAX_IMAGE_PIXELS = 100_000_000
const WEBP_QUALITY = 75

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif'

export type StoredImage = {
  /** "2026/11/0123456789abcdef": the media row's storage_key; files are `<key>-<width>.webp`. */
  storageKey: string
  mime: 'image/webp'
  /** Size of the largest variant, after EXIF rotation. */
  width: number
  height: number
  /** Sum of the bytes of every variant written (share images not counted). */
  bytes: number
  variants: number[]
  /** The uploader's file name without any folders, capped; for the newsroom's media list only. */
  originalName: string
}

/** Base class of every refusal of an upload: expected outcomes the caller reports to the user. */
export class ImageRejectedError extends Error {
  constructor(
    readonly reason: 'not-an-image' | 'too-large',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The bytes are not a JPEG, PNG, WebP or GIF that sharp can decode (SVG and HTML included). */
export class NotAnImageError extends ImageRejectedError {
  constructor(message = 'Not a JPEG, PNG, WebP or GIF image', options?: { cause?: unknown }) {
    super('not-an-image', message, options)
  }
}

/** The file is over MAX_IMAGE_BYTES, or decodes to more than MAX_IMAGE_PIXELS. */
export class ImageTooLargeError extends ImageRejectedError {
  constructor(
    readonly limit: 'bytes' | 'pixels',
    options?: { cause?: unknown },
  ) {
    super(
      'too-large',
      limit === 'bytes'
        ? `Image is larger than ${MAX_IMAGE_BYTES} bytes`
        : `Image has more than ${MAX_IMAGE_PIXELS} pixels`,
      options,
    )
  }
}

const startsWith = (buf: Buffer, bytes: readonly number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b)

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

/** The image type from the file's magic bytes; the name and any claimed type are never consulted. */
export function detectImageType(buf: Buffer): ImageMime | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return 'image/webp'
  if (startsWith(buf, ascii('GIF87a')) || startsWith(buf, ascii('GIF89a'))) return 'image/gif'
  return null
}

const SHARP_FORMAT: Record<ImageMime, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
}

// sharp reports the limit only through its message ("Input image exceeds pixel limit").
const isPixelLimitError = (error: unknown) => error instanceof Error && /pixel limit/i.test(error.message)

/** Only the file's base name: browsers may send "C:\\fakepath\\x.jpg" or folders. */
function cleanOriginalName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? ''
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200)
}

/**
 * Validates an uploaded image and writes one WebP per MEDIA_WIDTHS entry to the media store
 * (lib/media/storage.ts) as `<yyyy>/<mm>/<16 hex>-<width>.webp`, EXIF orientation applied and
 * every metadata block (EXIF, GPS, XMP, ICC) dropped. A narrow original is never enlarged, but
 * every width still gets a file so that any loader URL resolves. Also writes the share
 * images (SHARE_SHAPES: `<key>-1200x675.jpg` … `<key>-1200x630.jpg`).
 *
 * Slow (tens to hundreds of milliseconds): call it before opening a transaction, then insert
 * the media row with the result. Throws NotAnImageError or ImageTooLargeError for refusals.
 */
export async function storeImage(
  buf: Buffer,
  opts: { originalName?: string; now?: Date } = {},
): Promise<StoredImage> {
  if (buf.length > MAX_IMAGE_BYTES) throw new ImageTooLargeError('bytes')
  const type = detectImageType(buf)
  if (!type) throw new NotAnImageError()

  const input = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' } as const
  let meta: sharp.Metadata
  try {
    meta = await sharp(buf, input).metadata()
  } catch (cause) {
    if (isPixelLimitError(cause)) throw new ImageTooLargeError('pixels', { cause })
    throw new NotAnImageError('The image could not be read', { cause })
  }
  // A polyglot (say, a GIF header glued to something else) must decode as what it claims.
  if (meta.format !== SHARP_FORMAT[type]) throw new NotAnImageError()
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_IMAGE_PIXELS) throw new ImageTooLargeError('pixels')

  // Decode and orient once, down to the largest width; every variant is cut from these pixels.
  // Raw pixels carry no metadata, so nothing from the upload can reach the files we write.
  let base: { data: Buffer; info: sharp.OutputInfo }
  try {
    base = await sharp(buf, input)
      .rotate()
      .resize({ width: MAX_MEDIA_WIDTH, withoutEnlargement: true })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true })
  } catch (cause) {
    if (isPixelLimitError(cause)) throw new ImageTooLargeError('pixels', { cause })
    throw new NotAnImageError('The image could not be decoded', { cause })
  }
  const raw = {
    width: base.info.width,
    height: base.info.height,
    channels: base.info.channels as 1 | 2 | 3 | 4,
  }

  const encoded = await Promise.all(
    MEDIA_WIDTHS.map((width) =>
      sharp(base.data, { raw })
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer()
        .then((data) => ({ width, data })),
    ),
  )

  // The share shapes get a decode of their own, large enough to fill the tallest shape (a
  // square crop of a landscape photo needs 1200 pixels of its height, more than the 1200-wide
  // variant has). JPEG decoding shrinks on load, so this costs far less than the first decode.
  const cover = Math.max(...Object.values(SHARE_SHAPES).map((s) => Math.max(s.width, s.height)))
  const shareBase = await sharp(buf, input)
    .rotate()
    .resize({ width: cover, height: cover, fit: 'outside', withoutEnlargement: true })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
  const shareRaw = { width: shareBase.info.width, height: shareBase.info.height, channels: shareBase.info.channels as 1 | 2 | 3 | 4 }
  const focus = await findFocus(sharp(shareBase.data, { raw: shareRaw }))
  const shares = await Promise.all(
    SHARE_SHAPE_NAMES.map((shape) =>
      encodeShareImage(sharp(shareBase.data, { raw: shareRaw }), shareRaw, shape, { focus }).then((data) => ({ shape, data })),
    ),
  )

  const storageKey = `${toPathMonth(opts.now ?? new Date())}/${crypto.randomBytes(8).toString('hex')}`
  const files = [
    ...encoded.map(({ width, data }) => ({ key: mediaFileName(storageKey, width), data })),
    ...shares.map(({ shape, data }) => ({ key: shareFileName(storageKey, shape), data })),
  ]
  // Private like the rest of the data folder; the /media route serves the files (lib/media/storage.ts).
  const storage = getMediaStorage()
  const written: string[] = []
  try {
    for (const { key, data } of files) {
      // ifAbsent: a random name that already exists is a bug, never something to overwrite.
      await storage.put(key, data, { ifAbsent: true })
      written.push(key)
    }
  } catch (error) {
    await Promise.all(written.map((key) => storage.delete(key)))
    throw error
  }

  return {
    storageKey,
    mime: 'image/webp',
    width: raw.width,
    height: raw.height,
    bytes: encoded.reduce((sum, v) => sum + v.data.length, 0),
    variants: [...MEDIA_WIDTHS],
    originalName: cleanOriginalName(opts.originalName),
  }
}
