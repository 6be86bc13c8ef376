'use client'

import { t } from '@/lib/i18n/id'
import { type DeskAction, useDeskAction } from './desk-action'
import { FormStatus, secondaryButtonClass, TextArea, TextInput } from './field'

const m = t.admin.media

/** Alt text and caption of one library item; ids are per item because the page lists forty. */
export function MediaTextForm({ action, item }: { action: DeskAction; item: { id: number; alt: string; caption: string } }) {
  const { status, form, pending, fieldErrors, echo } = useDeskAction(action, m.textSaved)
  return (
    <form {...form} className="space-y-2">
      <input type="hidden" name="id" value={item.id} />
      <TextInput id={`alt-${item.id}`} name="alt" label={m.alt} defaultValue={echo('alt', item.alt)} maxLength={300} errors={fieldErrors?.alt} />
      <TextArea id={`caption-${item.id}`} name="caption" label={m.caption} defaultValue={echo('caption', item.caption)} rows={2} maxLength={1000} errors={fieldErrors?.caption} />
      <button type="submit" className={secondaryButtonClass} aria-disabled={pending}>
        {m.saveText}
      </button>
      <FormStatus result={status} />
    </form>
  )
}
