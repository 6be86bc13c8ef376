'use client'

import { useActionState } from 'react'
import { createFirstAdmin } from '@/app/(admin)/admin/setup/actions'
import { t } from '@/lib/i18n/id'
import { echoedValue, FormStatus, primaryButtonClass, TextInput } from './field'

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(createFirstAdmin, null)
  const errors = state && !state.ok ? state.fieldErrors : undefined
  const values = state && !state.ok ? state.values : undefined
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormStatus result={state} />
      <TextInput name="name" label={t.admin.auth.name} autoComplete="name" required defaultValue={echoedValue(values, 'name')} errors={errors?.name} />
      <TextInput name="email" label={t.admin.auth.email} type="email" autoComplete="username" required defaultValue={echoedValue(values, 'email')} errors={errors?.email} />
      <TextInput
        name="password"
        label={t.admin.auth.password}
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.password}
        hint={t.admin.auth.passwordTooShort}
      />
      <TextInput
        name="passwordConfirm"
        label={t.admin.auth.passwordConfirm}
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.passwordConfirm}
      />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {t.admin.auth.createAdmin}
      </button>
    </form>
  )
}
