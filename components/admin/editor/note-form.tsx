'use client'

import { useActionState } from 'react'
import { addArticleNote } from '@/app/(admin)/admin/artikel/actions'
import { t } from '@/lib/i18n/id'
import { echoedValue, Field, FormStatus, inputClass, primaryButtonClass, TextArea } from '../field'

const w = t.admin.articles.notes
const KINDS = ['correction', 'update', 'right_of_reply'] as const

/**
 * Adds a correction, update or right of reply to a published article. With `offerVerificationLift`
 * (the story is marked as still needing verification and the person may lift it), an Update note
 * can record what was verified and lift the mark.
 */
export function NoteForm({ articleId, offerVerificationLift = false }: { articleId: number; offerVerificationLift?: boolean }) {
  const [state, action, pending] = useActionState(addArticleNote, null)
  const errors = state && !state.ok ? state.fieldErrors : undefined
  // Sent back with a refusal: React resets the form after its action, and a note must survive that.
  const values = state && !state.ok ? state.values : undefined
  return (
    <form action={action} className="space-y-3 rounded-md border border-line p-4" noValidate>
      <h3 className="font-semibold">{w.add}</h3>
      <p className="text-sm text-muted">{w.hint}</p>
      <FormStatus result={state ? { ok: state.ok, message: state.ok ? state.data?.message : state.message } : null} />
      <input type="hidden" name="id" value={articleId} />
      <Field name="kind" label={w.kind} errors={errors?.kind}>
        {(a11y) => (
          <select name="kind" className={inputClass} defaultValue={echoedValue(values, 'kind', 'correction')} {...a11y}>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {w.kinds[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextArea name="body" label={w.body} rows={3} maxLength={2000} required defaultValue={echoedValue(values, 'body')} errors={errors?.body} />
      {offerVerificationLift ? (
        <label className="flex min-h-11 items-center gap-3">
          <input type="checkbox" name="liftsVerification" value="1" className="size-5" />
          <span>{t.admin.articles.verification.liftCheckbox}</span>
        </label>
      ) : null}
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {w.add}
      </button>
    </form>
  )
}
