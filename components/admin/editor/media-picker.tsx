'use client'

import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { t } from '@/lib/i18n/id'
import { mediaPath } from '@/lib/urls'
import { inputClass, primaryButtonClass, secondaryButtonClass } from '../field'

const w = t.admin.articles.media

/** One item of the media library API (GET/POST /api/media, built on the media branch). */
export type MediaItem = { id: number; storageKey: string; width: number; height: number; alt: string; caption: string }

type MediaPage = { items: MediaItem[]; nextCursor: string | null }

function isMediaItem(value: unknown): value is MediaItem {
  const v = value as Partial<MediaItem> | null
  return typeof v?.id === 'number' && typeof v.storageKey === 'string'
}

async function readError(res: Response, fallback: string): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown }
    return typeof body.error === 'string' ? body.error : fallback
  } catch {
    return fallback
  }
}

/**
 * A modal dialog over the media library: pick an existing image, or upload one (with its
 * alt text and caption) and use it at once. Esc or "Tutup" closes it; focus returns to the
 * button that opened it (the browser does this for a modal <dialog>). Rendered into <body>
 * so its upload form is not nested in the article form.
 */
export function MediaPicker({ onPick, onClose }: { onPick: (item: MediaItem) => void; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [items, setItems] = useState<MediaItem[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)

  const load = useCallback(async (after: string | null) => {
    setLoading(true)
    setError(null)
    try {
      const res = await fetch(after ? `/api/media?after=${encodeURIComponent(after)}` : '/api/media', { cache: 'no-store' })
      if (!res.ok) throw new Error(await readError(res, w.failed))
      const page = (await res.json()) as MediaPage
      setItems((prev) => [...(after ? prev : []), ...(Array.isArray(page.items) ? page.items.filter(isMediaItem) : [])])
      setCursor(typeof page.nextCursor === 'string' ? page.nextCursor : null)
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : w.failed)
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    dialogRef.current?.showModal()
    void load(null)
  }, [load])

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    // React events bubble through portals: keep this submit away from the article form.
    event.stopPropagation()
    setUploading(true)
    setError(null)
    try {
      const res = await fetch('/api/media', { method: 'POST', body: new FormData(event.currentTarget) })
      if (!res.ok) throw new Error(await readError(res, w.uploadFailed))
      const item: unknown = await res.json()
      if (!isMediaItem(item)) throw new Error(w.uploadFailed)
      onPick(item)
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : w.uploadFailed)
    } finally {
      setUploading(false)
    }
  }

  return createPortal(
    <dialog
      ref={dialogRef}
      aria-labelledby="media-picker-title"
      onClose={onClose}
      onChange={(e) => e.stopPropagation()}
      className="m-auto w-[min(56rem,calc(100vw-1rem))] max-h-[calc(100vh-2rem)] rounded-lg bg-paper p-4 text-ink backdrop:bg-black/60"
    >
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id="media-picker-title" className="font-serif text-2xl font-bold">
          {w.title}
        </h2>
        <button type="button" className={secondaryButtonClass} onClick={() => dialogRef.current?.close()}>
          {w.close}
        </button>
      </div>

      <div role="status" aria-live="polite" className="min-h-6">
        {error ? <p className="rounded-md bg-alert px-3 py-2 font-semibold text-accent">{error}</p> : null}
        {loading ? <p>{t.admin.common.loading}</p> : null}
      </div>

      <details className="my-3 rounded-md border border-line p-3">
        <summary className="min-h-11 cursor-pointer content-center font-semibold">{w.upload}</summary>
        <form onSubmit={upload} className="mt-3 grid gap-3 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <label htmlFor="media-upload-file" className="block font-semibold">
              {w.file}
            </label>
            <input id="media-upload-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" required className={inputClass} />
          </div>
          <div>
            <label htmlFor="media-upload-alt" className="block font-semibold">
              {w.alt}
            </label>
            <input id="media-upload-alt" name="alt" maxLength={300} className={inputClass} />
          </div>
          <div>
            <label htmlFor="media-upload-caption" className="block font-semibold">
              {w.caption}
            </label>
            <input id="media-upload-caption" name="caption" maxLength={300} className={inputClass} />
          </div>
          <div>
            <button type="submit" className={primaryButtonClass} aria-disabled={uploading} disabled={uploading}>
              {uploading ? w.uploading : w.uploadSubmit}
            </button>
          </div>
        </form>
      </details>

      {!loading && !error && items.length === 0 ? <p>{w.empty}</p> : null}
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4">
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => onPick(item)}
              aria-label={w.chooseItem(item.alt || item.caption || w.untitled)}
              className="block w-full overflow-hidden rounded-md border border-line text-left hover:border-accent focus-visible:border-accent"
            >
              <img src={mediaPath(item.storageKey, 320)} alt="" width={320} height={Math.round((320 * item.height) / item.width) || 180} className="aspect-video w-full object-cover" loading="lazy" />
              <span className="block truncate px-2 py-1 text-sm">{item.caption || item.alt || w.untitled}</span>
            </button>
          </li>
        ))}
      </ul>
      {cursor ? (
        <button type="button" className={`${secondaryButtonClass} mt-3`} onClick={() => void load(cursor)} disabled={loading}>
          {w.loadMore}
        </button>
      ) : null}
    </dialog>,
    document.body,
  )
}
