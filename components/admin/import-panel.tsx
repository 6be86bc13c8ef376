'use client'

import { type FormEvent, type Ref, useEffect, useRef, useState } from 'react'
import { t } from '@/lib/i18n/id'
import type { ImportJobView } from '@/lib/import/jobs'
import { SNIFF_BYTES, startsLikeXml } from '@/lib/import/sniff'
import { FormStatus, primaryButtonClass } from './field'
import { useHydrated, useTypedBeforeHydration } from './hydration'
import { ImportReportView } from './import-report'

const m = t.admin.import
const POLL_MS = 500
const POLL_RETRY_MS = 2000

const isActive = (job: ImportJobView | null) => job?.status === 'receiving' || job?.status === 'running'
const percentOf = (done: number, total: number) => (total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0)

/**
 * The import form, its progress and its outcome. The file goes to POST /api/admin/import over
 * XHR (fetch cannot report upload progress); the job is then polled until it ends.
 */
export function ImportPanel({ initialJob, maxBytes }: { initialJob: ImportJobView | null; maxBytes: number }) {
  const [job, setJob] = useState<ImportJobView | null>(initialJob)
  const [uploadPercent, setUploadPercent] = useState<number | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const [pollFailing, setPollFailing] = useState(false)
  const [dryRun, setDryRun] = useState(false)
  const hydrated = useHydrated()
  const dryRunRef = useRef<HTMLInputElement>(null)
  useTypedBeforeHydration(dryRunRef, dryRun, setDryRun)
  const outcomeRef = useRef<HTMLHeadingElement>(null)
  // Focus moves to the outcome only for a job this page watched end, not on a later visit.
  const watchedRef = useRef(isActive(initialJob))

  const jobId = job?.id
  const jobActive = isActive(job)
  useEffect(() => {
    if (!jobId || !jobActive) return
    let timer: ReturnType<typeof setTimeout>
    let cancelled = false
    const poll = async () => {
      try {
        const response = await fetch(`/api/admin/import/${jobId}`, { cache: 'no-store', headers: { Accept: 'application/json' } })
        if (cancelled) return
        if (response.ok) {
          setPollFailing(false)
          setJob((await response.json()) as ImportJobView)
          return
        }
        if (response.status === 404 || response.status === 401 || response.status === 403) {
          // The server restarted (jobs live in memory) or the session ended: stop polling.
          setPollFailing(false)
          setJob(null)
          setFormError(response.status === 404 ? m.errorUnknown : t.admin.errors.signedOut)
          return
        }
        setPollFailing(true)
        timer = setTimeout(poll, POLL_RETRY_MS)
      } catch {
        if (cancelled) return
        setPollFailing(true)
        timer = setTimeout(poll, POLL_RETRY_MS)
      }
    }
    timer = setTimeout(poll, POLL_MS)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
    // A new job object arrives after every poll; polling again on each is the loop.
  }, [jobId, jobActive, job])

  useEffect(() => {
    if (job && !isActive(job) && watchedRef.current) {
      watchedRef.current = false
      outcomeRef.current?.focus()
    }
  }, [job])

  const uploading = uploadPercent !== null
  const busy = uploading || jobActive

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    const file = new FormData(event.currentTarget).get('file')
    if (!(file instanceof File) || file.size === 0) return setFormError(m.missingFile)
    if (file.size > maxBytes) return setFormError(m.tooLarge)
    if (!startsLikeXml(await file.slice(0, SNIFF_BYTES).text())) return setFormError(m.notXml)

    const query = new URLSearchParams({ dryRun: dryRun ? '1' : '0', name: file.name })
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/admin/import?${query}`)
    xhr.setRequestHeader('Content-Type', 'application/xml')
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setUploadPercent(percentOf(e.loaded, e.total))
    }
    xhr.onload = () => {
      setUploadPercent(null)
      let body: { error?: string; job?: ImportJobView } & Partial<ImportJobView> = {}
      try {
        body = JSON.parse(xhr.responseText)
      } catch {}
      if (xhr.status === 202 && body.id) {
        watchedRef.current = true
        setJob(body as ImportJobView)
        return
      }
      setFormError(body.error ?? m.uploadFailed)
      if (xhr.status === 409 && body.job) {
        watchedRef.current = true
        setJob(body.job)
      }
    }
    xhr.onerror = () => {
      setUploadPercent(null)
      setFormError(m.uploadFailed)
    }
    setFormError(null)
    setJob(null)
    setUploadPercent(0)
    xhr.send(file)
  }

  const phase = uploading ? m.phase.uploading : job ? phaseText(job) : null
  const reading = job?.progress.reading
  const preparing = job?.progress.preparing
  const writing = job?.progress.writing
  const images = job?.progress.images

  return (
    <>
      <section aria-labelledby="impor-mulai" className="mb-8 max-w-xl rounded-md border border-line p-4">
        <h2 id="impor-mulai" className="mb-3 text-xl font-bold">
          {m.formTitle}
        </h2>
        <noscript>
          <p className="mb-3 rounded-md bg-note px-3 py-2 text-note-ink">{m.noScript}</p>
        </noscript>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <div className="space-y-1">
            <label htmlFor="impor-file" className="block font-semibold">
              {m.file}
            </label>
            <p id="impor-file-hint" className="text-sm text-muted">
              {m.fileHint}
            </p>
            <input
              id="impor-file"
              name="file"
              type="file"
              accept=".xml,.atom,application/xml,text/xml,application/atom+xml"
              required
              aria-describedby="impor-file-hint"
              className="block w-full text-base"
              onChange={() => setFormError(null)}
            />
          </div>
          <div className="flex gap-3">
            <input
              ref={dryRunRef}
              id="impor-dry-run"
              name="dryRun"
              type="checkbox"
              checked={dryRun}
              onChange={(e) => setDryRun(e.target.checked)}
              aria-describedby="impor-dry-run-hint"
              className="mt-1 size-5"
            />
            <div>
              <label htmlFor="impor-dry-run" className="font-semibold">
                {m.dryRun}
              </label>
              <p id="impor-dry-run-hint" className="text-sm text-muted">
                {m.dryRunHint}
              </p>
            </div>
          </div>
          <button type="submit" className={primaryButtonClass} disabled={!hydrated} aria-disabled={busy}>
            {dryRun ? m.startDryRun : m.start}
          </button>
          <FormStatus result={formError ? { ok: false, message: formError } : null} />
        </form>
      </section>

      {/* Always in the page, so screen readers announce the first phase too; it says only the phase, not every percent. */}
      <div className="max-w-5xl space-y-4">
        <p role="status" aria-live="polite" className="font-semibold">
          {phase}
          {pollFailing ? ` ${m.pollFailed}` : ''}
        </p>
        {job?.fileName ? <p className="text-sm text-muted">{m.runningFile(job.fileName)}</p> : null}
        {uploading ? <Bar id="impor-unggah" label={m.uploadProgress(uploadPercent)} value={uploadPercent} max={100} /> : null}
        {reading ? (
          <Bar
            id="impor-baca"
            label={m.readProgress(percentOf(reading.bytes, reading.totalBytes), reading.entries)}
            value={reading.bytes}
            max={Math.max(reading.totalBytes, 1)}
          />
        ) : null}
        {preparing ? (
          <Bar id="impor-rapikan" label={m.prepareProgress(preparing.done, preparing.total)} value={preparing.done} max={Math.max(preparing.total, 1)} />
        ) : null}
        {writing ? <Bar id="impor-simpan" label={m.writeProgress(writing.done, writing.total)} value={writing.done} max={Math.max(writing.total, 1)} /> : null}
        {images ? <Bar id="impor-gambar" label={m.imageProgress(images.done, images.total)} value={images.done} max={Math.max(images.total, 1)} /> : null}
      </div>

      {job?.status === 'done' && job.report ? (
        <ImportReportView report={job.report} fileName={job.fileName} headingRef={outcomeRef} />
      ) : null}
      {job?.status === 'failed' ? <ImportError error={job.error} headingRef={outcomeRef} /> : null}
    </>
  )
}

function phaseText(job: ImportJobView): string {
  if (job.status === 'done') return job.dryRun ? m.phase.doneDryRun : m.phase.done
  if (job.status === 'failed') return m.phase.failed
  if (job.status === 'receiving') return m.phase.receiving
  if (job.progress.images) return m.phase.images
  if (job.progress.writing) return m.phase.writing
  if (job.progress.preparing) return m.phase.preparing
  return m.phase.reading
}

function Bar({ id, label, value, max }: { id: string; label: string; value: number; max: number }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm">
        {label}
      </label>
      <progress id={id} value={value} max={max} className="h-3 w-full max-w-xl">
        {label}
      </progress>
    </div>
  )
}

function ImportError({
  error,
  headingRef,
}: {
  error: ImportJobView['error']
  headingRef: Ref<HTMLHeadingElement>
}) {
  return (
    <section aria-labelledby="impor-gagal" className="mt-6 max-w-3xl space-y-2 rounded-md bg-alert p-4">
      <h2 id="impor-gagal" ref={headingRef} tabIndex={-1} className="text-xl font-bold text-accent">
        {m.errorTitle}
      </h2>
      {error?.message ? (
        <>
          {error.line ? <p className="font-semibold">{m.errorAtLine(error.line)}</p> : null}
          <p>
            {m.errorDetail} <q className="break-words">{error.message}</q>
          </p>
          <p>{m.errorHint}</p>
        </>
      ) : (
        <p>{m.errorUnknown}</p>
      )}
    </section>
  )
}
