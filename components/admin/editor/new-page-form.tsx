'use client'

import { useActionState } from 'react'
import { createStaticPage } from '@/app/(admin)/admin/halaman/actions'
import { t } from '@/lib/i18n/id'
import { echoedValue, FormStatus, primaryButtonClass, TextInput } from '../field'

export function NewPageForm() {
  const [state, action, pending] = useActionState(createStaticPage, null)
  const errors = state && !state.ok ? state.fieldErrors : undefined
  const values = state && !state.ok ? state.values : undefined
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormStatus result={state && !state.ok ? state : null} />
      <TextInput name="title" label={t.admin.pages.fields.title} required maxLength={200} autoFocus defaultValue={echoedValue(values, 'title')} errors={errors?.title} />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {pending ? t.admin.common.saving : t.admin.pages.create}
      </button>
    </form>
  )
}
