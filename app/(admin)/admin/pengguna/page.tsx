import type { Metadata } from 'next'
import { ActionButton, ConfirmAction } from '@/components/admin/desk-action'
import { GrantSignInForm, NewUserForm, RoleForm } from '@/components/admin/user-forms'
import { isTwoFactorRequiredForStaff } from '@/db/queries/two-factor'
import { listStaff } from '@/db/queries/users'
import { requireStaff } from '@/lib/auth/guards'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import {
  changeRoleAction,
  createUserAction,
  endUserSessionsAction,
  grantSignInAction,
  resetTwoFactorAction,
  setTwoFactorRequiredAction,
  setUserActiveAction,
} from './actions'

const u = t.admin.users

export const metadata: Metadata = { title: u.title }

export default async function UsersPage() {
  const me = await requireStaff('user:manage')
  const people = await listStaff()
  const twoFactorRequired = await isTwoFactorRequiredForStaff()

  return (
    <>
      <h1 className="mb-2 font-serif text-3xl font-bold">{u.title}</h1>
      <p className="mb-6 text-muted">{u.intro}</p>
      <div className="grid gap-10 lg:grid-cols-[2fr_1fr]">
        <ul className="space-y-4" aria-label={u.title}>
          {people.map((person) => {
            const isMe = person.id === me.id
            return (
              <li key={person.id} className={`rounded-md border border-line p-4 ${person.active ? '' : 'bg-subtle'}`}>
                <h2 className="text-lg font-bold">
                  {person.name}
                  {isMe ? <span className="ml-2 text-sm font-normal text-muted">({u.you})</span> : null}
                </h2>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  <dt className="text-muted">{u.colEmail}</dt>
                  <dd className="break-all">{person.email ?? u.noEmail}</dd>
                  <dt className="text-muted">{u.colRole}</dt>
                  <dd>{t.admin.roles[person.role]}</dd>
                  <dt className="text-muted">{u.colStatus}</dt>
                  <dd className="font-semibold">{person.active ? u.active : u.inactive}</dd>
                  <dt className="text-muted">{u.colLastLogin}</dt>
                  <dd>{person.lastLoginAt ? formatDateTime(person.lastLoginAt) : u.never}</dd>
                  <dt className="text-muted">{u.twoFactorTitle}</dt>
                  <dd>{person.twoFactorEnabled ? u.twoFactorOn : u.twoFactorOff}</dd>
                </dl>
                {!isMe && person.active && person.email !== null ? (
                  <div className="mt-3">
                    <ConfirmAction
                      summary={`${u.endSessions}: ${person.name}`}
                      explanation={u.endSessionsHint}
                      action={endUserSessionsAction}
                      fields={{ id: person.id }}
                      label={u.endSessions}
                      successMessage={u.endSessionsDone}
                    />
                  </div>
                ) : null}
                {!isMe && person.twoFactorEnabled ? (
                  <div className="mt-3">
                    <ConfirmAction
                      summary={`${u.resetTwoFactor}: ${person.name}`}
                      explanation={u.resetTwoFactorHint}
                      action={resetTwoFactorAction}
                      fields={{ id: person.id }}
                      label={u.resetTwoFactor}
                      successMessage={u.resetTwoFactorDone}
                    />
                  </div>
                ) : null}
                {isMe ? null : (
                  <div className="mt-3 flex flex-wrap items-end gap-6">
                    <RoleForm action={changeRoleAction} user={person} />
                    {person.email === null && !person.active ? (
                      // An imported author: reactivating alone would not let them sign in.
                      <GrantSignInForm action={grantSignInAction} user={person} />
                    ) : (
                      <ActionButton
                        action={setUserActiveAction}
                        fields={{ id: person.id, active: person.active ? '0' : '1' }}
                        label={person.active ? u.deactivate : u.reactivate}
                        successMessage={person.active ? u.deactivated : u.reactivated}
                      />
                    )}
                  </div>
                )}
              </li>
            )
          })}
        </ul>
        <div className="space-y-6">
        <section aria-labelledby="wajib-dua-langkah" className="h-fit rounded-md border border-line p-4">
          <h2 id="wajib-dua-langkah" className="mb-2 text-xl font-bold">
            {u.twoFactorTitle}
          </h2>
          <p className="mb-1 font-semibold">{u.twoFactorRequiredLabel}</p>
          <p className="mb-3 text-sm text-muted">{u.twoFactorRequiredHint}</p>
          <ActionButton
            action={setTwoFactorRequiredAction}
            fields={{ required: twoFactorRequired ? '0' : '1' }}
            label={twoFactorRequired ? u.stopRequiringTwoFactor : u.requireTwoFactor}
            successMessage={twoFactorRequired ? u.twoFactorRequiredOff : u.twoFactorRequiredOn}
          />
        </section>
        <section aria-labelledby="pengguna-baru" className="h-fit rounded-md border border-line p-4">
          <h2 id="pengguna-baru" className="mb-3 text-xl font-bold">
            {u.createTitle}
          </h2>
          <NewUserForm action={createUserAction} />
          <dl className="mt-6 space-y-2 text-sm">
            {(Object.keys(u.roleHelp) as Array<keyof typeof u.roleHelp>).map((role) => (
              <div key={role}>
                <dt className="font-semibold">{t.admin.roles[role]}</dt>
                <dd className="text-muted">{u.roleHelp[role]}</dd>
              </div>
            ))}
          </dl>
        </section>
        </div>
      </div>
    </>
  )
}
