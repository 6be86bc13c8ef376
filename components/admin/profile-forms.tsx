'use client'

import { t } from '@/lib/i18n/id'
import { type DeskAction, useDeskAction } from './desk-action'
import { FormStatus, primaryButtonClass, TextArea, TextInput } from './field'

const p = t.admin.profile

export function ProfileForm({ action, profile }: { action: DeskAction; profile: { name: string; bio: string } }) {
  const { status, form, pending, fieldErrors, echo } = useDeskAction(action, p.profileSaved)
  return (
    <form {...form} className="space-y-3">
      <TextInput name="name" label={p.name} defaultValue={echo('name', profile.name)} autoComplete="name" required maxLength={100} errors={fieldErrors?.name} />
      <TextArea name="bio" label={p.bio} hint={p.bioHint} defaultValue={echo('bio', profile.bio)} rows={4} maxLength={1000} errors={fieldErrors?.bio} />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {p.saveProfile}
      </button>
      <FormStatus result={status} />
    </form>
  )
}

/** Password fields are cleared after every answer: a password is never kept or echoed back. */
export function PasswordForm({ action }: { action: DeskAction }) {
  const { status, form, pending, fieldErrors } = useDeskAction(action, p.passwordChanged, { reset: 'always' })
  return (
    <form {...form} className="space-y-3" noValidate>
      <TextInput
        name="currentPassword"
        label={p.currentPassword}
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors?.currentPassword}
      />
      <TextInput
        name="password"
        label={p.newPassword}
        hint={t.admin.auth.passwordTooShort}
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors?.password}
      />
      <TextInput
        name="passwordConfirm"
        label={p.newPasswordConfirm}
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors?.passwordConfirm}
      />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {p.changePassword}
      </button>
      <FormStatus result={status} />
    </form>
  )
}
