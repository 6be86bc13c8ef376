'use client'

import type { Role } from '@/db/schema'
import { t } from '@/lib/i18n/id'
import { type DeskAction, useDeskAction } from './desk-action'
import { Field, FormStatus, inputClass, primaryButtonClass, secondaryButtonClass, TextInput } from './field'

const u = t.admin.users
// From the dictionary, not db/schema: this module runs in the browser.
const ROLES = Object.keys(t.admin.roles) as Role[]

function RoleSelect({ id, defaultValue, errors, label }: { id: string; defaultValue: Role; errors?: string[]; label: string }) {
  return (
    <Field name="role" id={id} label={label} errors={errors}>
      {(a11y) => (
        <select name="role" defaultValue={defaultValue} className={inputClass} {...a11y}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t.admin.roles[role]}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** The first password an admin gives someone (a new account, or an imported author's). */
function InitialPasswordInput({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <TextInput
      id={id}
      name="password"
      label={u.initialPassword}
      hint={u.initialPasswordHint}
      type="password"
      autoComplete="new-password"
      required
      errors={errors}
    />
  )
}

export function NewUserForm({ action }: { action: DeskAction<{ name: string }> }) {
  const { status, form, pending, fieldErrors, echo } = useDeskAction(action, (data) => u.created(data?.name ?? ''), { reset: 'success' })
  return (
    <form {...form} className="space-y-3" noValidate>
      <TextInput id="new-user-name" name="name" label={t.admin.auth.name} autoComplete="off" required defaultValue={echo('name')} errors={fieldErrors?.name} />
      <TextInput id="new-user-email" name="email" label={t.admin.auth.email} type="email" autoComplete="off" required defaultValue={echo('email')} errors={fieldErrors?.email} />
      <RoleSelect id="new-user-role" label={u.role} defaultValue={echo('role', 'reporter') as Role} errors={fieldErrors?.role} />
      <InitialPasswordInput id="new-user-password" errors={fieldErrors?.password} />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {u.create}
      </button>
      <FormStatus result={status} />
    </form>
  )
}

export function RoleForm({ action, user }: { action: DeskAction; user: { id: number; name: string; role: Role } }) {
  const { status, form, pending, fieldErrors, echo } = useDeskAction(action, u.roleChanged)
  return (
    <form {...form} className="space-y-2">
      <input type="hidden" name="id" value={user.id} />
      <RoleSelect id={`role-${user.id}`} label={u.roleOf(user.name)} defaultValue={echo('role', user.role) as Role} errors={fieldErrors?.role} />
      <button type="submit" className={secondaryButtonClass} aria-disabled={pending}>
        {u.changeRole}
      </button>
      <FormStatus result={status} />
    </form>
  )
}

/** For an account without sign-in (an imported author): an email and a first password activate it. */
export function GrantSignInForm({ action, user }: { action: DeskAction<{ name: string }>; user: { id: number; name: string } }) {
  const { status, form, pending, fieldErrors, echo } = useDeskAction(action, (data) => u.granted(data?.name ?? user.name), { reset: 'success' })
  return (
    <form {...form} className="w-full max-w-md space-y-3" noValidate aria-labelledby={`grant-${user.id}`}>
      <h3 id={`grant-${user.id}`} className="font-semibold">
        {u.grantTitle(user.name)}
      </h3>
      <p className="text-sm text-muted">{u.grantHint}</p>
      <input type="hidden" name="id" value={user.id} />
      <TextInput
        id={`grant-email-${user.id}`}
        name="email"
        label={t.admin.auth.email}
        type="email"
        autoComplete="off"
        required
        defaultValue={echo('email')}
        errors={fieldErrors?.email}
      />
      <InitialPasswordInput id={`grant-password-${user.id}`} errors={fieldErrors?.password} />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {u.grant}
      </button>
      <FormStatus result={status} />
    </form>
  )
}
