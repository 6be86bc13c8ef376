'use client'

import { useEffect, useState } from 'react'
import type { DeskLabel } from '@/db/queries/labels-desk'
import type { MergeSuggestion } from '@/lib/import/blogger/report'
import { t } from '@/lib/i18n/id'
import { type DeskAction, useDeskAction } from './desk-action'
import { FormStatus, primaryButtonClass, secondaryButtonClass, TextArea, TextInput } from './field'

const l = t.admin.labels

export function LabelCreateForm({ action }: { action: DeskAction }) {
  const { status, form, pending, fieldErrors, echo } = useDeskAction(action, l.created, { reset: 'success' })
  return (
    <form {...form} className="space-y-3">
      <TextInput id="new-name" name="name" label={l.name} required maxLength={80} defaultValue={echo('name')} errors={fieldErrors?.name} />
      <TextInput id="new-slug" name="slug" label={l.slug} hint={l.slugHint} maxLength={80} defaultValue={echo('slug')} errors={fieldErrors?.slug} />
      <TextArea
        id="new-description"
        name="description"
        label={l.description}
        rows={2}
        maxLength={500}
        defaultValue={echo('description')}
        errors={fieldErrors?.description}
      />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {l.create}
      </button>
      <FormStatus result={status} />
    </form>
  )
}

export function LabelEditForm({ action, label }: { action: DeskAction; label: Pick<DeskLabel, 'id' | 'name' | 'slug' | 'description'> }) {
  const { status, form, pending, fieldErrors, echo } = useDeskAction(action, l.saved)
  return (
    <form {...form} className="space-y-3">
      <input type="hidden" name="id" value={label.id} />
      <TextInput name="name" label={l.name} defaultValue={echo('name', label.name)} required maxLength={80} errors={fieldErrors?.name} />
      <TextInput name="slug" label={l.slug} hint={l.slugChangeHint} defaultValue={echo('slug', label.slug)} maxLength={80} errors={fieldErrors?.slug} />
      <TextArea
        name="description"
        label={l.description}
        hint={l.descriptionHint}
        defaultValue={echo('description', label.description)}
        rows={3}
        maxLength={500}
        errors={fieldErrors?.description}
      />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {t.admin.common.save}
      </button>
      <FormStatus result={status} />
    </form>
  )
}

/**
 * The label list is also the merge form: a checkbox per label to merge it away and a radio to
 * make it the target. Works without JavaScript; the confirmation box guards the submit.
 */
export function LabelMergeTable({ action, labels }: { action: DeskAction<{ count: number; name: string }>; labels: DeskLabel[] }) {
  const { status, form, pending, fieldErrors } = useDeskAction(action, (data) => (data ? l.merged(data.count, data.name) : l.saved), { reset: 'success' })
  const errors = [...(fieldErrors?.sourceIds ?? []), ...(fieldErrors?.targetId ?? []), ...(fieldErrors?.confirm ?? [])]
  return (
    <form {...form} aria-labelledby="gabung" aria-describedby={errors.length ? 'gabung-intro gabung-error' : 'gabung-intro'} className="space-y-4">
      <h2 id="gabung" className="text-xl font-bold">
        {l.mergeTitle}
      </h2>
      <p id="gabung-intro" className="text-muted">
        {l.mergeIntro}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse text-left">
          <thead>
            <tr className="border-b border-edge text-sm">
              <th scope="col" className="px-2 py-2">{l.colSource}</th>
              <th scope="col" className="px-2 py-2">{l.colTarget}</th>
              <th scope="col" className="px-2 py-2">{l.colName}</th>
              <th scope="col" className="px-2 py-2">{l.colSlug}</th>
              <th scope="col" className="px-2 py-2 text-right">{l.colPublished}</th>
              <th scope="col" className="px-2 py-2 text-right">{l.colOther}</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((label) => (
              <tr key={label.id} className="border-b border-line">
                <td className="px-2">
                  <input type="checkbox" name="sourceIds" value={label.id} aria-label={l.sourceOf(label.name)} className="size-6" />
                </td>
                <td className="px-2">
                  <input type="radio" name="targetId" value={label.id} aria-label={l.targetOf(label.name)} className="size-6" />
                </td>
                <td className="px-2 py-1">
                  <a href={`/admin/label/${label.id}`} className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4">
                    {label.name}
                  </a>
                </td>
                <td className="px-2 py-1 font-mono text-sm">{label.slug}</td>
                <td className="px-2 py-1 text-right tabular-nums">{label.publishedCount}</td>
                <td className="px-2 py-1 text-right tabular-nums text-muted">{label.otherCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          name="confirm"
          className="size-6"
          aria-invalid={Boolean(fieldErrors?.confirm)}
          aria-describedby={fieldErrors?.confirm ? 'gabung-error' : undefined}
        />
        <span>{l.mergeConfirm}</span>
      </label>
      {errors.length ? (
        <p id="gabung-error" className="font-semibold text-accent">
          {[...new Set(errors)].join(' ')}
        </p>
      ) : null}
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {l.mergeSubmit}
      </button>
      <FormStatus result={status} />
    </form>
  )
}

type Status = { ok: boolean; message: string } | null

const mergedMessage = (data?: { count: number; name: string }) => (data ? l.merged(data.count, data.name) : l.saved)
const dismissedMessage = (data?: { count: number }) => l.suggestionDismissed(data?.count ?? 0)

/**
 * The open merge suggestions, one card per target label. A card leaves the page once its
 * suggestion is merged or dismissed, so the outcome is announced here, outside the cards.
 */
export function LabelSuggestionList({
  accept,
  dismiss,
  suggestions,
}: {
  accept: DeskAction<{ count: number; name: string }>
  dismiss: DeskAction<{ count: number }>
  suggestions: MergeSuggestion[]
}) {
  const [status, setStatus] = useState<Status>(null)
  return (
    <div className="space-y-4">
      <FormStatus result={status} />
      {suggestions.length === 0 ? (
        <p className="text-muted">{l.suggestionsEmpty}</p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {suggestions.map((s) => (
            <LabelSuggestionCard key={s.target.id} accept={accept} dismiss={dismiss} suggestion={s} onDone={setStatus} />
          ))}
        </ul>
      )}
    </div>
  )
}

function LabelSuggestionCard({
  accept,
  dismiss,
  suggestion,
  onDone,
}: {
  accept: DeskAction<{ count: number; name: string }>
  dismiss: DeskAction<{ count: number }>
  suggestion: MergeSuggestion
  onDone: (status: Status) => void
}) {
  const { target, labels } = suggestion
  const merging = useDeskAction(accept, mergedMessage)
  const dismissing = useDeskAction(dismiss, dismissedMessage)
  // Reported upwards once per answer: useActionState keeps one result object per submit.
  const merged = merging.state
  const dismissed = dismissing.state
  useEffect(() => {
    if (merged?.ok) onDone({ ok: true, message: mergedMessage(merged.data) })
  }, [merged, onDone])
  useEffect(() => {
    if (dismissed?.ok) onDone({ ok: true, message: dismissedMessage(dismissed.data) })
  }, [dismissed, onDone])
  const headingId = `saran-${target.id}`
  const errorId = `saran-${target.id}-error`
  const errors = merging.fieldErrors?.labelIds ?? []
  const onlyErrors = (status: Status) => (status && !status.ok ? status : null)
  return (
    <li aria-labelledby={headingId} className="space-y-3 rounded-md border border-line p-4">
      <h3 id={headingId} className="text-lg font-bold">
        {l.suggestionGroup(target.name)}
      </h3>
      <p className="text-sm">
        <span className="text-muted">{l.suggestionTarget}: </span>
        <a href={`/admin/label/${target.id}`} className="font-semibold underline underline-offset-4">
          {target.name}
        </a>{' '}
        <span className="text-muted">
          ({l.suggestionPosts(target.posts)}, <span className="font-mono">{target.slug}</span>)
        </span>
      </p>
      <form {...merging.form} className="space-y-3">
        <input type="hidden" name="targetId" value={target.id} />
        <fieldset aria-describedby={errors.length ? errorId : undefined}>
          <legend className="mb-1 font-semibold">{l.suggestionMembers}</legend>
          {labels.map((label) => (
            <label key={label.id} className="flex min-h-11 items-center gap-3">
              <input type="checkbox" name="labelIds" value={label.id} defaultChecked className="size-6" aria-invalid={errors.length > 0} />
              <span>
                <span className="font-semibold">{label.name}</span>{' '}
                <span className="text-sm text-muted">
                  ({l.suggestionBasis[label.basis] ?? label.basis}, {l.suggestionPosts(label.posts)})
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        {errors.length ? (
          <p id={errorId} className="font-semibold text-accent">
            {[...new Set(errors)].join(' ')}
          </p>
        ) : null}
        <button type="submit" className={primaryButtonClass} aria-disabled={merging.pending}>
          {l.suggestionAccept}
        </button>
        <FormStatus result={onlyErrors(merging.status)} />
      </form>
      <form {...dismissing.form} className="space-y-2">
        <input type="hidden" name="targetId" value={target.id} />
        {labels.map((label) => (
          <input key={label.id} type="hidden" name="labelIds" value={label.id} />
        ))}
        <button type="submit" className={secondaryButtonClass} aria-disabled={dismissing.pending}>
          {l.suggestionDismiss}
        </button>
        <FormStatus result={onlyErrors(dismissing.status)} />
      </form>
    </li>
  )
}

/** Recomputes the suggestions on demand: labels made by hand since the last import get checked too. */
export function LabelSuggestionRefresh({ action }: { action: DeskAction<{ open: number }> }) {
  const { status, form, pending } = useDeskAction(action, (data) => l.suggestionsRefreshed(data?.open ?? 0))
  return (
    <form {...form} className="space-y-2">
      <button type="submit" className={secondaryButtonClass} aria-disabled={pending}>
        {l.suggestionsRefresh}
      </button>
      <FormStatus result={status} />
    </form>
  )
}
