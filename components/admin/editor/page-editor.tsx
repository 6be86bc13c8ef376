'use client'

import { useRouter } from 'next/navigation'
import { type FormEvent, useRef, useState } from 'react'
import { type PageSnapshot, publishStaticPage, saveStaticPage, unpublishStaticPage } from '@/app/(admin)/admin/halaman/actions'
import type { ActionResult, FieldErrors } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { pagePath } from '@/lib/urls'
import { FormStatus, primaryButtonClass, secondaryButtonClass, TextArea, TextInput } from '../field'
import { useHydrated } from '../hydration'
import { RichTextEditor } from './rich-text-editor'

const w = t.admin.pages
type Kind = 'save' | 'publish' | 'unpublish'

/** The static page editor: the same body editor as articles, and the same stale-save guard. */
export function PageEditor({
  page,
}: {
  page: { id: number; version: number; status: 'draft' | 'published'; title: string; slug: string; bodyHtml: string; seoDescription: string }
}) {
  const router = useRouter()
  const hydrated = useHydrated()
  const formRef = useRef<HTMLFormElement>(null)
  const [snap, setSnap] = useState({ version: page.version, status: page.status, slug: page.slug })
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [pending, setPending] = useState<Kind | null>(null)
  const [stale, setStale] = useState(false)

  async function run(kind: Kind) {
    if (!formRef.current || pending) return
    const fd = new FormData(formRef.current)
    fd.set('version', String(snap.version))
    setPending(kind)
    try {
      const action = { save: saveStaticPage, publish: publishStaticPage, unpublish: unpublishStaticPage }[kind] as (
        prev: unknown,
        fd: FormData,
      ) => Promise<ActionResult<PageSnapshot>>
      const res = await action(null, fd)
      if (!res.ok) {
        setStale(Boolean(res.fieldErrors?.version))
        setFieldErrors(res.fieldErrors ?? {})
        setResult({ ok: false, message: res.message })
        return
      }
      if (res.data) setSnap({ version: res.data.version, status: res.data.status, slug: res.data.slug })
      setFieldErrors({})
      setResult({ ok: true, message: res.data?.message })
      router.refresh()
    } catch {
      setResult({ ok: false, message: t.errors.errorBody })
    } finally {
      setPending(null)
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run('save')
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="max-w-3xl space-y-4">
      <input type="hidden" name="id" value={page.id} />
      <input type="hidden" name="version" value={snap.version} />
      <FormStatus result={result} />
      {stale ? (
        <p role="alert" className="rounded-md border-2 border-accent bg-alert p-3 font-semibold text-accent">
          {t.admin.articles.messages.staleKeep}{' '}
          <a href={`/admin/halaman/${page.id}`} target="_blank" rel="noopener" className="underline">
            {t.admin.articles.actions.openLatest}
          </a>
        </p>
      ) : null}
      <p>
        <span className="font-semibold">{w.fields.status}:</span> {w.statuses[snap.status]}
        {snap.status === 'published' ? (
          <>
            {' · '}
            <a href={pagePath(snap.slug)} target="_blank" rel="noopener" className="underline">
              {w.actions.view}
            </a>
          </>
        ) : null}
      </p>
      <TextInput name="title" label={w.fields.title} defaultValue={page.title} required maxLength={200} errors={fieldErrors.title} />
      <TextInput name="slug" label={w.fields.slug} hint={w.fields.slugHint} defaultValue={page.slug} maxLength={120} errors={fieldErrors.slug} />
      <div className="space-y-1">
        <p id="page-body-label" className="font-semibold">
          {w.fields.body}
        </p>
        <RichTextEditor name="bodyHtml" labelId="page-body-label" initialHtml={page.bodyHtml} errorId={fieldErrors.bodyHtml ? 'page-body-error' : undefined} />
        {fieldErrors.bodyHtml ? (
          <p id="page-body-error" className="text-sm font-semibold text-accent">
            {fieldErrors.bodyHtml.join(' ')}
          </p>
        ) : null}
      </div>
      <TextArea name="seoDescription" label={w.fields.seoDescription} defaultValue={page.seoDescription} rows={2} maxLength={300} errors={fieldErrors.seoDescription} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={secondaryButtonClass} disabled={!hydrated} aria-disabled={pending !== null}>
          {pending === 'save' ? t.admin.common.saving : w.actions.save}
        </button>
        <button type="button" className={primaryButtonClass} disabled={!hydrated} aria-disabled={pending !== null} onClick={() => void run('publish')}>
          {pending === 'publish' ? t.admin.common.saving : w.actions.publish}
        </button>
        {snap.status === 'published' ? (
          <button type="button" className={secondaryButtonClass} disabled={!hydrated} aria-disabled={pending !== null} onClick={() => void run('unpublish')}>
            {w.actions.unpublish}
          </button>
        ) : null}
      </div>
    </form>
  )
}
