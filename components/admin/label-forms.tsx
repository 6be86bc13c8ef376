'use client'

import type { DeskLabel } from '@/db/queries/labels-desk'
import { t } from '@/lib/i18n/id'
import { type DeskAction, useDeskAction } from './desk-action'
import { FormStatus, primaryButtonClass, TextArea, TextInput } from './field'

const l = t.admin.labels

export function LabelCreateForm({ action }: { action: DeskAction }) {
  const { status, form, pending, fieldErrors } = useDeskAction(action, l.created, { reset: 'success' })
  return (
    <form {...form} className="space-y-3">
      <TextInput id="new-name" name="name" label={l.name} required maxLength={80} errors={fieldErrors?.name} />
      <TextInput id="new-slug" name="slug" label={l.slug} hint={l.slugHint} maxLength={80} errors={fieldErrors?.slug} />
      <TextArea id="new-description" name="description" label={l.description} rows={2} maxLength={500} errors={fieldErrors?.description} />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {l.create}
      </button>
      <FormStatus result={status} />
    </form>
  )
}

export function LabelEditForm({ action, label }: { action: DeskAction; label: Pick<DeskLabel, 'id' | 'name' | 'slug' | 'description'> }) {
  const { status, form, pending, fieldErrors } = useDeskAction(action, l.saved)
  return (
    <form {...form} className="space-y-3">
      <input type="hidden" name="id" value={label.id} />
      <TextInput name="name" label={l.name} defaultValue={label.name} required maxLength={80} errors={fieldErrors?.name} />
      <TextInput name="slug" label={l.slug} hint={l.slugChangeHint} defaultValue={label.slug} maxLength={80} errors={fieldErrors?.slug} />
      <TextArea
        name="description"
        label={l.description}
        hint={l.descriptionHint}
        defaultValue={label.description}
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
    <form {...form} aria-labelledby="gabung" aria-describedby="gabung-intro" className="space-y-4">
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
        <input type="checkbox" name="confirm" className="size-6" aria-invalid={Boolean(fieldErrors?.confirm)} />
        <span>{l.mergeConfirm}</span>
      </label>
      {errors.length ? <p className="font-semibold text-accent">{[...new Set(errors)].join(' ')}</p> : null}
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {l.mergeSubmit}
      </button>
      <FormStatus result={status} />
    </form>
  )
}
