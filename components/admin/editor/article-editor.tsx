'use client'

import { useRouter } from 'next/navigation'
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react'
import {
  deleteArticle,
  type EditorSnapshot,
  publishArticle,
  retractArticle,
  returnArticleToWriter,
  saveArticleContent,
  scheduleArticle,
  submitArticle,
  unpublishArticle,
  unscheduleArticle,
} from '@/app/(admin)/admin/artikel/actions'
import type { ArticleStatus } from '@/db/schema'
import type { ActionResult, FieldErrors } from '@/lib/auth/guards'
import { formatDateTime, toJakartaLocalInput } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { articlePath, mediaPath, slugify } from '@/lib/urls'
import { Field, FormStatus, inputClass, primaryButtonClass, secondaryButtonClass, TextArea, TextInput } from '../field'
import { useHydrated, useTypedBeforeHydration } from '../hydration'
import { LabelPicker } from './label-picker'
import { type MediaItem, MediaPicker } from './media-picker'
import { RichTextEditor } from './rich-text-editor'

const w = t.admin.articles
const AUTOSAVE_MS = 20_000

export type EditableArticle = {
  id: number
  version: number
  status: ArticleStatus
  title: string
  slug: string
  pathMonth: string | null
  dateline: string
  excerpt: string
  bodyHtml: string
  featuredMedia: { id: number; storageKey: string } | null
  featuredImageUrl: string | null
  featuredAlt: string
  featuredCaption: string
  labels: string[]
  isSponsored: boolean
  sponsorName: string
  seoTitle: string
  seoDescription: string
  editorId: number | null
  editorName: string | null
  authorName: string
  publishedAt: string | null
  savedAt: string
  savedByName: string | null
  retractedAt: string | null
  retractionReason: string
}

export type EditorPermissions = {
  edit: boolean
  editLive: boolean
  submit: boolean
  publish: boolean
  unpublish: boolean
  retract: boolean
  delete: boolean
  review: boolean
}

type Kind = 'save' | 'autosave' | 'submit' | 'publish' | 'schedule' | 'unschedule' | 'unpublish' | 'retract' | 'return' | 'delete'

type Snapshot = EditorSnapshot
type Result = ActionResult<(Snapshot & { message?: string }) | undefined>

const LIVE: ArticleStatus[] = ['published', 'scheduled']
const AUTOSAVED: ArticleStatus[] = ['draft', 'submitted']

/**
 * The article editor. Posts the whole form to the action of the button pressed (status
 * comes from that choice, never from a field), keeps the version it was opened at in a
 * hidden field, autosaves drafts every 20 s while there are unsaved changes, and on a stale
 * version stops and keeps the writer's text on screen.
 */
export function ArticleEditor({
  article,
  can,
  editors,
}: {
  article: EditableArticle
  can: EditorPermissions
  editors: Array<{ id: number; name: string }>
}) {
  const router = useRouter()
  const hydrated = useHydrated()
  const formRef = useRef<HTMLFormElement>(null)
  const [snap, setSnap] = useState<Snapshot>({
    version: article.version,
    status: article.status,
    slug: article.slug,
    pathMonth: article.pathMonth,
    publishedAt: article.publishedAt,
    savedAt: article.savedAt,
  })
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [pending, setPending] = useState<Kind | null>(null)
  const [stale, setStale] = useState(false)
  const [autosaveNote, setAutosaveNote] = useState('')
  const [dirty, setDirty] = useState(false)

  const [title, setTitle] = useState(article.title)
  const [slug, setSlug] = useState(article.slug)
  const [slugTouched, setSlugTouched] = useState(article.pathMonth !== null || article.slug !== slugify(article.title, 120))
  const [featured, setFeatured] = useState(article.featuredMedia)
  const [keepUrl, setKeepUrl] = useState(article.featuredMedia === null && article.featuredImageUrl !== null)
  const [alt, setAlt] = useState(article.featuredAlt)
  const [caption, setCaption] = useState(article.featuredCaption)
  const [sponsored, setSponsored] = useState(article.isSponsored)
  const [pickerOpen, setPickerOpen] = useState(false)
  const [reason, setReason] = useState('')

  // The autosave timer reads these without re-arming on every keystroke.
  const changes = useRef(0)
  const live = useRef({ snap, pending, stale, dirty })
  live.current = { snap, pending, stale, dirty }

  const markDirty = () => {
    changes.current += 1
    setDirty(true)
  }

  // What was typed or ticked while the editor loaded is kept, and counts as a change.
  const titleRef = useRef<HTMLInputElement>(null)
  const slugRef = useRef<HTMLInputElement>(null)
  const altRef = useRef<HTMLInputElement>(null)
  const captionRef = useRef<HTMLInputElement>(null)
  const sponsoredRef = useRef<HTMLInputElement>(null)
  useTypedBeforeHydration(titleRef, title, (typed) => {
    setTitle(typed)
    if (!slugTouched) setSlug(slugify(typed, 120))
    markDirty()
  })
  useTypedBeforeHydration(slugRef, slug, (typed) => {
    setSlug(typed)
    setSlugTouched(true)
    markDirty()
  })
  useTypedBeforeHydration(altRef, alt, (typed) => {
    setAlt(typed)
    markDirty()
  })
  useTypedBeforeHydration(captionRef, caption, (typed) => {
    setCaption(typed)
    markDirty()
  })
  useTypedBeforeHydration(sponsoredRef, sponsored, (typed) => {
    setSponsored(typed)
    markDirty()
  })
  // The retraction's reason is not part of the story: no change to save.
  const reasonRef = useRef<HTMLTextAreaElement>(null)
  useTypedBeforeHydration(reasonRef, reason, setReason)

  const isLive = LIVE.includes(snap.status)
  const canSaveContent = snap.status !== 'retracted' && (isLive ? can.editLive : can.edit)

  async function run(kind: Kind) {
    const form = formRef.current
    if (!form || live.current.pending) return
    const fd = new FormData(form)
    fd.set('version', String(live.current.snap.version))
    if (kind === 'autosave') fd.set('autosave', '1')
    if (kind === 'retract') fd.set('reason', reason)
    const startedAt = changes.current
    setPending(kind)
    let res: Result
    try {
      const action = {
        save: saveArticleContent,
        autosave: saveArticleContent,
        submit: submitArticle,
        publish: publishArticle,
        schedule: scheduleArticle,
        unschedule: unscheduleArticle,
        unpublish: unpublishArticle,
        retract: retractArticle,
        return: returnArticleToWriter,
        delete: deleteArticle,
      }[kind] as (prev: unknown, fd: FormData) => Promise<Result>
      res = await action(null, fd)
    } catch (error) {
      // A redirect (after delete) is navigation, not a failure.
      if ((error as { digest?: string } | null)?.digest?.startsWith('NEXT_REDIRECT')) throw error
      if (kind === 'autosave') setAutosaveNote(w.errors.autosaveFailed)
      else setResult({ ok: false, message: t.errors.errorBody })
      return
    } finally {
      setPending(null)
    }

    if (!res.ok) {
      if (res.fieldErrors?.version) setStale(true)
      if (kind === 'autosave' && !res.fieldErrors?.version) {
        setAutosaveNote(res.message)
        return
      }
      setResult({ ok: false, message: res.message })
      setFieldErrors(res.fieldErrors ?? {})
      return
    }
    const data = res.data
    if (data) {
      setSnap({ version: data.version, status: data.status, slug: data.slug, pathMonth: data.pathMonth, publishedAt: data.publishedAt, savedAt: data.savedAt })
      setSlug(data.slug)
    }
    setFieldErrors({})
    if (changes.current === startedAt) setDirty(false)
    if (kind === 'autosave') setAutosaveNote(data?.message ?? '')
    else {
      setAutosaveNote('')
      setResult({ ok: true, message: data?.message })
      // Status, notes and "saved by" are rendered from the server: fetch them fresh.
      router.refresh()
    }
  }

  useEffect(() => {
    if (!can.edit) return
    const timer = setInterval(() => {
      const { snap: s, pending: p, stale: st, dirty: d } = live.current
      if (d && !p && !st && AUTOSAVED.includes(s.status)) void run('autosave')
    }, AUTOSAVE_MS)
    return () => clearInterval(timer)
    // run() reads everything through refs and the form, so the timer is armed once.
  }, [can.edit])

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (live.current.dirty) e.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [])

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    if (canSaveContent) void run('save')
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault()
      if (canSaveContent) void run('save')
    }
  }

  function pickFeatured(item: MediaItem) {
    setPickerOpen(false)
    setFeatured({ id: item.id, storageKey: item.storageKey })
    setKeepUrl(false)
    if (!alt) setAlt(item.alt)
    if (!caption) setCaption(item.caption)
    markDirty()
  }

  const errors = (name: string) => fieldErrors[name]
  const busy = pending !== null && pending !== 'autosave'
  const publicPath = snap.pathMonth ? articlePath({ slug: snap.slug, pathMonth: snap.pathMonth }) : null
  const defaultSchedule = snap.status === 'scheduled' && snap.publishedAt ? toJakartaLocalInput(new Date(snap.publishedAt)) : ''

  const button = (kind: Kind, label: string, opts: { primary?: boolean; confirm?: string; submit?: boolean } = {}) => (
    <button
      type={opts.submit ? 'submit' : 'button'}
      className={opts.primary ? primaryButtonClass : secondaryButtonClass}
      disabled={!hydrated}
      aria-disabled={busy}
      onClick={
        opts.submit
          ? undefined
          : () => {
              if (busy) return
              if (opts.confirm && !window.confirm(opts.confirm)) return
              void run(kind)
            }
      }
    >
      {pending === kind ? t.admin.common.saving : label}
    </button>
  )

  return (
    <form ref={formRef} onSubmit={onSubmit} onChange={markDirty} onKeyDown={onKeyDown} noValidate className="space-y-4">
      <input type="hidden" name="id" value={article.id} />
      <input type="hidden" name="version" value={snap.version} />
      {/* A stale save is explained once, in the alert below, not also in the status line. */}
      <FormStatus result={stale ? null : result} />
      {stale ? (
        <div role="alert" className="rounded-md border-2 border-accent bg-alert p-3">
          <p className="font-semibold text-accent">{result?.message ?? t.admin.errors.stale}</p>
          <p className="mt-1">{w.messages.staleKeep}</p>
          <a href={`/admin/artikel/${article.id}`} target="_blank" rel="noopener" className="mt-2 inline-flex min-h-11 items-center font-semibold underline">
            {w.actions.openLatest}
          </a>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <fieldset disabled={!canSaveContent} className="min-w-0 space-y-4">
          <TextInput
            ref={titleRef}
            name="title"
            label={w.fields.title}
            value={title}
            required
            maxLength={200}
            errors={errors('title')}
            onChange={(e) => {
              setTitle(e.target.value)
              if (!slugTouched) setSlug(slugify(e.target.value, 120))
            }}
            className={`${inputClass} font-serif text-xl font-bold`}
          />
          <TextInput
            name="slug"
            label={w.fields.slug}
            ref={slugRef}
            hint={w.fields.slugHint}
            value={slug}
            maxLength={240}
            errors={errors('slug')}
            onChange={(e) => {
              setSlug(e.target.value)
              setSlugTouched(true)
            }}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextInput name="dateline" label={w.fields.dateline} hint={w.fields.datelineHint} defaultValue={article.dateline} maxLength={100} errors={errors('dateline')} />
          </div>
          <TextArea name="excerpt" label={w.fields.excerpt} hint={w.fields.excerptHint} defaultValue={article.excerpt} rows={3} maxLength={500} errors={errors('excerpt')} />
          <div className="space-y-1">
            <p id="f-body-label" className="font-semibold">
              {w.fields.body}
            </p>
            <RichTextEditor
              name="bodyHtml"
              labelId="f-body-label"
              initialHtml={article.bodyHtml}
              onChange={markDirty}
              errorId={errors('bodyHtml') ? 'f-body-error' : undefined}
            />
            {errors('bodyHtml') ? (
              <p id="f-body-error" className="text-sm font-semibold text-accent">
                {errors('bodyHtml')!.join(' ')}
              </p>
            ) : null}
          </div>
        </fieldset>

        <div className="space-y-6">
          <section aria-labelledby="status-heading" className="space-y-3 rounded-md border border-line p-4">
            <h2 id="status-heading" className="font-serif text-xl font-bold">
              {w.fields.status}: {w.statuses[snap.status]}
            </h2>
            <dl className="space-y-1 text-sm">
              <div>
                <dt className="inline font-semibold">{w.fields.author}: </dt>
                <dd className="inline">{article.authorName}</dd>
              </div>
              <div>
                <dt className="inline font-semibold">{w.list.lastSaved}: </dt>
                <dd className="inline">
                  {article.savedByName ? `${article.savedByName}, ` : ''}
                  {formatDateTime(new Date(snap.savedAt))}
                </dd>
              </div>
              {snap.publishedAt ? (
                <div>
                  <dt className="inline font-semibold">{snap.status === 'scheduled' ? w.statuses.scheduled : w.fields.publishedAt}: </dt>
                  <dd className="inline">{formatDateTime(new Date(snap.publishedAt))}</dd>
                </div>
              ) : null}
              {publicPath && snap.status === 'published' ? (
                <div>
                  <dt className="inline font-semibold">{w.fields.publicUrl}: </dt>
                  <dd className="inline">
                    <a href={publicPath} target="_blank" rel="noopener" className="break-all underline">
                      {publicPath}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
            {snap.status === 'retracted' ? (
              <p className="rounded-md bg-note p-2 text-sm text-note-ink">
                {t.article.retractedReason}: {article.retractionReason}
              </p>
            ) : null}
            <p aria-live="polite" className="min-h-5 text-sm text-muted">
              {pending === 'autosave' ? w.messages.autosaving : autosaveNote || (dirty ? w.messages.unsaved : '')}
            </p>

            <div className="flex flex-wrap gap-2">
              {canSaveContent ? button('save', isLive ? w.actions.saveChanges : w.actions.saveDraft, { primary: !can.publish, submit: true }) : null}
              {can.submit && (snap.status === 'draft' || snap.status === 'unpublished') ? button('submit', w.actions.submit, { primary: !can.publish }) : null}
              {can.publish && ['draft', 'submitted', 'scheduled', 'unpublished'].includes(snap.status)
                ? button('publish', snap.status === 'unpublished' ? w.actions.republish : w.actions.publish, { primary: true })
                : null}
              {can.review && snap.status === 'submitted' ? button('return', w.actions.returnToWriter) : null}
              {can.publish && snap.status === 'scheduled' ? button('unschedule', w.actions.unschedule) : null}
              {can.unpublish && snap.status === 'published' ? button('unpublish', w.actions.unpublish, { confirm: w.messages.confirmUnpublish }) : null}
            </div>

            {can.publish && ['draft', 'submitted', 'unpublished', 'scheduled'].includes(snap.status) ? (
              <div className="space-y-2 border-t border-line pt-3">
                <TextInput
                  name="publishAt"
                  type="datetime-local"
                  label={w.fields.publishAt}
                  hint={w.fields.publishAtHint}
                  defaultValue={defaultSchedule}
                  errors={errors('publishAt')}
                />
                {button('schedule', w.actions.schedule)}
              </div>
            ) : null}

            <div className="flex flex-wrap gap-x-4 border-t border-line pt-3 text-sm font-semibold">
              <a href={`/admin/artikel/${article.id}/pratinjau`} target="_blank" rel="noopener" className="inline-flex min-h-11 items-center underline">
                {w.actions.preview}
              </a>
              <a href={`/admin/artikel/${article.id}/revisi`} className="inline-flex min-h-11 items-center underline">
                {w.actions.revisions}
              </a>
            </div>

            {can.retract && (snap.status === 'published' || snap.status === 'unpublished') ? (
              <details className="border-t border-line pt-3">
                <summary className="min-h-11 cursor-pointer content-center font-semibold">{w.retract.title}</summary>
                <div className="mt-2 space-y-2">
                  <Field name="reason" label={w.retract.reason} hint={w.retract.reasonHint} errors={errors('reason')}>
                    {(a11y) => (
                      <textarea
                        {...a11y}
                        ref={reasonRef}
                        value={reason}
                        maxLength={1000}
                        rows={3}
                        onChange={(e) => {
                          e.stopPropagation()
                          setReason(e.target.value)
                        }}
                        className={inputClass}
                      />
                    )}
                  </Field>
                  {button('retract', w.actions.retract, { confirm: w.messages.confirmRetract })}
                </div>
              </details>
            ) : null}

            {can.delete && ['draft', 'submitted', 'unpublished'].includes(snap.status) ? (
              <div className="border-t border-line pt-3">{button('delete', w.actions.delete, { confirm: t.admin.common.confirmDelete })}</div>
            ) : null}
          </section>

          <fieldset disabled={!canSaveContent} className="space-y-6">
            <LabelPicker initial={article.labels} label={w.fields.labels} hint={w.fields.labelsHint} errors={errors('labels')} onChange={markDirty} />

            <section aria-labelledby="image-heading" className="space-y-3">
              <h2 id="image-heading" className="font-semibold">
                {w.fields.featuredImage}
              </h2>
              <input type="hidden" name="featuredMediaId" value={featured?.id ?? ''} />
              {keepUrl ? <input type="hidden" name="keepFeaturedUrl" value="1" /> : null}
              {featured ? (
                <img src={mediaPath(featured.storageKey, 320)} alt="" className="aspect-video w-full rounded-md object-cover" />
              ) : keepUrl && article.featuredImageUrl ? (
                <p className="text-sm">
                  {w.fields.importedImage}: <span className="break-all">{article.featuredImageUrl}</span>
                </p>
              ) : (
                <p className="text-sm text-muted">{w.fields.noImage}</p>
              )}
              {errors('featuredMediaId') ? (
                <p id="f-featured-error" className="text-sm font-semibold text-accent">
                  {errors('featuredMediaId')!.join(' ')}
                </p>
              ) : null}
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={secondaryButtonClass}
                  disabled={!hydrated}
                  aria-describedby={errors('featuredMediaId') ? 'f-featured-error' : undefined}
                  onClick={() => setPickerOpen(true)}
                >
                  {featured || keepUrl ? w.media.change : w.media.choose}
                </button>
                {featured || keepUrl ? (
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    disabled={!hydrated}
                    onClick={() => {
                      setFeatured(null)
                      setKeepUrl(false)
                      markDirty()
                    }}
                  >
                    {w.media.remove}
                  </button>
                ) : null}
              </div>
              <TextInput
                name="featuredAlt"
                label={w.fields.featuredAlt}
                ref={altRef}
                hint={w.fields.featuredAltHint}
                value={alt}
                maxLength={300}
                onChange={(e) => setAlt(e.target.value)}
                errors={errors('featuredAlt')}
                required={Boolean(featured || keepUrl)}
              />
              <TextInput ref={captionRef} name="featuredCaption" label={w.fields.featuredCaption} value={caption} maxLength={300} onChange={(e) => setCaption(e.target.value)} errors={errors('featuredCaption')} />
              {pickerOpen ? <MediaPicker onPick={pickFeatured} onClose={() => setPickerOpen(false)} /> : null}
            </section>

            <section className="space-y-3">
              <label className="flex min-h-11 items-center gap-3 font-semibold">
                <input ref={sponsoredRef} type="checkbox" name="isSponsored" checked={sponsored} onChange={(e) => setSponsored(e.target.checked)} className="size-5" />
                {w.fields.sponsored}
              </label>
              {sponsored ? (
                <TextInput name="sponsorName" label={w.fields.sponsorName} defaultValue={article.sponsorName} maxLength={100} required errors={errors('sponsorName')} />
              ) : null}
            </section>

            {can.review ? (
              <Field name="editorId" label={w.fields.editor} errors={errors('editorId')}>
                {(a11y) => (
                  <select name="editorId" defaultValue={article.editorId ?? ''} className={inputClass} {...a11y}>
                    <option value="">{w.fields.noEditor}</option>
                    {editors.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <p className="text-sm">
                <span className="font-semibold">{w.fields.editor}:</span> {article.editorName ?? w.fields.noEditor}
              </p>
            )}

            <details className="rounded-md border border-line p-3">
              <summary className="min-h-11 cursor-pointer content-center font-semibold">{w.fields.seo}</summary>
              <div className="mt-2 space-y-3">
                <TextInput name="seoTitle" label={w.fields.seoTitle} hint={w.fields.seoTitleHint} defaultValue={article.seoTitle} maxLength={200} errors={errors('seoTitle')} />
                <TextArea
                  name="seoDescription"
                  label={w.fields.seoDescription}
                  hint={w.fields.seoDescriptionHint}
                  defaultValue={article.seoDescription}
                  maxLength={300}
                  rows={3}
                  errors={errors('seoDescription')}
                />
              </div>
            </details>
          </fieldset>
        </div>
      </div>
    </form>
  )
}
