'use client'

import { useRouter } from 'next/navigation'
import { type FormEvent, useRef, useState, useTransition } from 'react'
import { t } from '@/lib/i18n/id'
import { FormStatus, primaryButtonClass, TextArea, TextInput } from './field'

const m = t.admin.media
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif'

type Status = { ok: boolean; message: string } | null

/**
 * Uploads to POST /api/media. Without JavaScript it is a plain multipart form (the route
 * answers with a redirect back here); with it, the upload runs over XHR to show progress.
 */
export function MediaUploadForm({ initialStatus }: { initialStatus: Status }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [status, setStatus] = useState<Status>(initialStatus)
  const [percent, setPercent] = useState<number | null>(null)
  const [refreshing, startRefresh] = useTransition()

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const data = new FormData(form)
    const file = data.get('file')
    if (!(file instanceof File) || file.size === 0) {
      setStatus({ ok: false, message: m.missingFile })
      return
    }
    if (file.size > 10 * 1024 * 1024) {
      setStatus({ ok: false, message: m.tooLarge })
      return
    }
    const xhr = new XMLHttpRequest()
    xhr.open('POST', form.action)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPercent(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      if (xhr.status === 201) {
        formRef.current?.reset()
        // The notice comes with the refreshed library that lists the new photo, not a round trip
        // before it; meanwhile the form still shows the upload as under way.
        startRefresh(() => {
          setPercent(null)
          setStatus({ ok: true, message: m.uploaded })
          router.refresh()
        })
        return
      }
      setPercent(null)
      let message: string = m.uploadFailed
      try {
        message = (JSON.parse(xhr.responseText) as { error?: string }).error ?? message
      } catch {}
      setStatus({ ok: false, message })
    }
    xhr.onerror = () => {
      setPercent(null)
      setStatus({ ok: false, message: m.uploadFailed })
    }
    setStatus(null)
    setPercent(0)
    xhr.send(data)
  }

  const uploading = percent !== null || refreshing
  // Until the refreshed library arrives, the upload is shown as done but not over.
  const shownPercent = percent ?? 100
  return (
    <form ref={formRef} action="/api/media" method="post" encType="multipart/form-data" onSubmit={onSubmit} className="space-y-4">
      <TextInput name="file" label={m.file} hint={m.fileHint} type="file" accept={ACCEPT} required className="block w-full text-base" />
      <TextInput name="alt" label={m.alt} hint={m.altHint} maxLength={300} />
      <TextArea name="caption" label={m.caption} rows={2} maxLength={1000} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primaryButtonClass} aria-disabled={uploading} disabled={uploading}>
          {uploading ? m.uploading : m.upload}
        </button>
        {uploading ? (
          <progress max={100} value={shownPercent} aria-label={m.progress(shownPercent)} className="h-3 w-48">
            {m.progress(shownPercent)}
          </progress>
        ) : null}
      </div>
      <FormStatus result={status ?? (uploading ? { ok: true, message: m.progress(shownPercent) } : null)} />
    </form>
  )
}
