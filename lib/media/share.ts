import 'server-only'
import sharp from 'sharp'
import { mediaFileName, shareFileName } from './paths'
import { MAX_MEDIA_WIDTH, SHARE_SHAPES, type ShareShape } from './sizes'
import { getMediaStorage } from './storage'

/*
 * Share images (lib/media/sizes.ts SHARE_SHAPES): written with the variants when an image is
 * uploaded, and for images stored before they existed, made on the first request for one
 * (app/media/[...path]/route.ts). sharp works on libuv's thread pool, so no encode runs on the
 * event loop; at most MAX_RUNNING run at once, so a crawler walking the archive cannot take
 * every thread from uploads. docs/decisions/016-share-images.md.
 */

const JPEG_QUALITY = 82

/** Where the eye goes in an image, as fractions of its width and height (0.5, 0.5 is the centre). */
export type Focus = { x: number; y: number }

// sharp's attention strategy (skin tones, saturation, edges) runs on a copy this small: finding
// the focus once and cropping every shape around it costs a third of letting each resize look.
const FOCUS_SAMPLE = 256

/** The focus of `image` (a sharp pipeline of the full picture), by sharp's attention strategy. */
export async function findFocus(image: sharp.Sharp): Promise<Focus> {
  const sample = await image
    .clone()
    .resize({ width: FOCUS_SAMPLE, height: FOCUS_SAMPLE, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const { width, height, channels } = sample.info
  if (width < 4 || height < 4) return { x: 0.5, y: 0.5 }
  // A window of the sample's full height and half its width: nothing is scaled, so sharp reports
  // the attention centre in the sample's own pixels (a scaled or shrunk-on-load input would not).
  const { info } = await sharp(sample.data, { raw: { width, height, channels } })
    .resize({ width: Math.floor(width / 2), height, fit: 'cover', position: sharp.strategy.attention })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const { attentionX, attentionY } = info as sharp.OutputInfo & { attentionX?: number; attentionY?: number }
  if (attentionX === undefined || attentionY === undefined) return { x: 0.5, y: 0.5 }
  const fraction = (v: number, size: number) => Math.min(1, Math.max(0, v / size))
  return { x: fraction(attentionX, width), y: fraction(attentionY, height) }
}

/** The largest rectangle of `shape`'s proportions inside a width × height picture, centred on the focus as far as the edges allow. */
export function cropAround(width: number, height: number, shape: ShareShape, focus: Focus) {
  const target = SHARE_SHAPES[shape]
  const ratio = target.width / target.height
  const w = Math.min(width, Math.round(height * ratio))
  const h = Math.min(height, Math.round(w / ratio))
  const clamp = (v: number, max: number) => Math.min(Math.max(0, v), max)
  return {
    left: clamp(Math.round(focus.x * width - w / 2), width - w),
    top: clamp(Math.round(focus.y * height - h / 2), height - h),
    width: w,
    height: h,
  }
}

/**
 * Encodes one share shape of a width × height picture: the crop around `focus`, resized (and
 * enlarged if it must be: a preview needs the shape's exact size) to the shape, as JPEG. `crisp`
 * keeps full colour resolution for text (the site card).
 */
export function encodeShareImage(
  image: sharp.Sharp,
  size: { width: number; height: number },
  shape: ShareShape,
  opts: { focus?: Focus; crisp?: boolean } = {},
): Promise<Buffer> {
  const target = SHARE_SHAPES[shape]
  return image
    .extract(cropAround(size.width, size.height, shape, opts.focus ?? { x: 0.5, y: 0.5 }))
    .resize({ width: target.width, height: target.height, fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: JPEG_QUALITY, ...(opts.crisp ? { chromaSubsampling: '4:4:4' } : {}) })
    .toBuffer()
}

/** Too many share images are being made already: the request should come back later (503). */
export class ShareImageBusyError extends Error {
  constructor() {
    super('Too many share images are being made at once')
    this.name = 'ShareImageBusyError'
  }
}

const MAX_RUNNING = 2
const MAX_WAITING = 64
let running = 0
const waiting: Array<() => void> = []

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_WAITING) throw new ShareImageBusyError()
    await new Promise<void>((resolve) => waiting.push(resolve))
  }
  running += 1
  try {
    return await fn()
  } finally {
    running -= 1
    waiting.shift()?.()
  }
}

const inFlight = new Map<string, Promise<string | null>>()

/**
 * The media key `key` (lib/media/storage.ts), rendered by `render` when the store does not hold
 * it yet: once per process, however many requests ask at the same time (two servers sharing
 * the store may both render it; the second write replaces the first whole). Null when `render`
 * finds nothing to make it from. Throws ShareImageBusyError when the queue is full.
 */
export async function ensureUploadFile(key: string, render: () => Promise<Buffer | null>): Promise<string | null> {
  const storage = getMediaStorage()
  if (await storage.stat(key)) return key
  let pending = inFlight.get(key)
  if (!pending) {
    pending = withSlot(async () => {
      if (await storage.stat(key)) return key
      const data = await render()
      if (!data) return null
      await storage.put(key, data)
      return key
    }).finally(() => inFlight.delete(key))
    inFlight.set(key, pending)
  }
  return pending
}

/**
 * A share image of an image stored before share images existed, cut from its largest variant
 * (the original upload is not kept). Its key, or null when the image has no files.
 */
export function ensureShareImage(storageKey: string, shape: ShareShape): Promise<string | null> {
  return ensureUploadFile(shareFileName(storageKey, shape), async () => {
    const source = await getMediaStorage().read(mediaFileName(storageKey, MAX_MEDIA_WIDTH))
    if (!source) return null
    const image = sharp(source, { failOn: 'error' })
    const { width = 0, height = 0 } = await image.metadata()
    return encodeShareImage(image, { width, height }, shape, { focus: await findFocus(image) })
  })
}
