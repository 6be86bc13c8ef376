import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ActionButton } from '@/components/admin/desk-action'
import { PasswordForm, ProfileForm } from '@/components/admin/profile-forms'
import { TwoFactorSection } from '@/components/admin/two-factor-section'
import { isTwoFactorRequiredForStaff } from '@/db/queries/two-factor'
import { listOpenSessions, SESSION_SEEN_EVERY_MS } from '@/db/queries/sessions'
import { getProfile } from '@/db/queries/users'
import { requireStaff } from '@/lib/auth/guards'
import { currentSessionId } from '@/lib/auth/session'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { authorPath } from '@/lib/urls'
import { mustUseTwoFactor } from '@/lib/auth/two-factor'
import {
  changePasswordAction,
  confirmTwoFactorAction,
  disableTwoFactorAction,
  endAllSessionsAction,
  endSessionAction,
  startTwoFactorAction,
  updateProfileAction,
} from './actions'

const p = t.admin.profile

export const metadata: Metadata = { title: p.title }

/** Always the signed-in person's own profile: no id is read from the URL. */
export default async function ProfilePage() {
  const me = await requireStaff('profile:edit')
  const profile = await getProfile(me.id)
  if (!profile) notFound()
  const thisSession = await currentSessionId()
  const now = Date.now()
  const sessions = await listOpenSessions(me.id, now)

  return (
    <div className="max-w-2xl space-y-10">
      <section aria-labelledby="profil" className="space-y-4">
        <h1 id="profil" className="font-serif text-3xl font-bold">
          {p.title}
        </h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-muted">{p.email}</dt>
          <dd className="break-all">{profile.email}</dd>
          <dt className="text-muted">{p.role}</dt>
          <dd>{t.admin.roles[profile.role]}</dd>
          <dt className="text-muted">{p.authorPage}</dt>
          <dd>
            <a href={authorPath(profile.slug)} className="underline underline-offset-4">
              {authorPath(profile.slug)}
            </a>
          </dd>
        </dl>
        <ProfileForm action={updateProfileAction} profile={profile} />
      </section>
      <section aria-labelledby="sandi" className="space-y-4">
        <h2 id="sandi" className="text-xl font-bold">
          {p.passwordTitle}
        </h2>
        <PasswordForm action={changePasswordAction} />
      </section>
      <section aria-labelledby="dua-langkah" className="space-y-4">
        <h2 id="dua-langkah" className="text-xl font-bold">
          {t.admin.twoFactor.title}
        </h2>
        <TwoFactorSection
          staff={me}
          required={mustUseTwoFactor(me.role, await isTwoFactorRequiredForStaff())}
          actions={{ start: startTwoFactorAction, confirm: confirmTwoFactorAction, disable: disableTwoFactorAction }}
          continueHref="/admin/profil"
        />
      </section>
      <section aria-labelledby="sesi" className="space-y-4">
        <h2 id="sesi" className="text-xl font-bold">
          {p.sessionsTitle}
        </h2>
        <p>{p.devicesIntro}</p>
        <ul className="divide-y divide-line border-y border-line" aria-label={p.devicesList}>
          {sessions.map((session) => {
            const mine = session.sessionId === thisSession
            const recent = now - session.lastSeenAt.getTime() < SESSION_SEEN_EVERY_MS
            return (
              <li key={session.sessionId} className="space-y-2 py-3" data-session={mine ? 'this' : 'other'}>
                <p className="font-bold">
                  {session.device || p.unknownDevice}
                  {mine ? <span className="ml-2 rounded bg-ok px-2 py-0.5 text-sm font-normal text-ok-ink">{p.thisDevice}</span> : null}
                </p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-muted">{p.signedInAt}</dt>
                  <dd>{formatDateTime(session.signedInAt)}</dd>
                  <dt className="text-muted">{p.lastSeen}</dt>
                  <dd>{mine ? p.lastSeenNow : recent ? p.lastSeenWithinHour : formatDateTime(session.lastSeenAt)}</dd>
                  {session.address ? (
                    <>
                      <dt className="text-muted">{p.fromAddress}</dt>
                      <dd className="break-all">{session.address}</dd>
                    </>
                  ) : null}
                </dl>
                {mine ? null : (
                  <ActionButton action={endSessionAction} fields={{ session: session.sessionId }} label={p.endSession} successMessage={p.sessionEnded} />
                )}
              </li>
            )
          })}
        </ul>
        <p>{p.sessionsIntro}</p>
        <ActionButton action={endAllSessionsAction} fields={{}} label={p.endAllSessions} successMessage={t.admin.auth.signedOutEverywhere} />
      </section>
    </div>
  )
}
