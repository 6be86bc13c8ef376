import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { connection } from 'next/server'
import { SignInForm } from '@/components/admin/sign-in-form'
import { TwoFactorSignInForm } from '@/components/admin/two-factor'
import { TwoFactorSection } from '@/components/admin/two-factor-section'
import { canAnyoneSignIn } from '@/db/queries/users'
import { currentSignIn } from '@/lib/auth/session'
import { getEnv } from '@/lib/env'
import { localTarget } from '@/lib/http/location'
import { t } from '@/lib/i18n/id'
import { confirmTwoFactorAction, startTwoFactorAction } from '../profil/actions'

export const metadata: Metadata = { title: t.admin.auth.signIn }

const notice = 'mb-4 rounded-md bg-ok px-3 py-2 text-ok-ink'

export default async function SignInPage({ searchParams }: PageProps<'/admin/masuk'>) {
  // Per request: who can sign in must not be read (or baked in) at build time.
  await connection()
  const sp = await searchParams
  // Normalised before it is trusted: "/admin/..//evil.example/" starts with /admin too (issue #10).
  // Any origin does as the base without SITE_URL: only a path on this site is kept.
  const callbackUrl = localTarget(sp.callbackUrl, getEnv().siteUrl ?? 'http://localhost', '/admin') ?? '/admin'
  const signedIn = await currentSignIn()
  if (signedIn?.stage === 'full') redirect(callbackUrl)
  if (signedIn?.stage === 'code') {
    return (
      <>
        <h1 className="mb-3 font-serif text-3xl font-bold">{t.admin.twoFactor.signInTitle}</h1>
        <p className="mb-6">{t.admin.twoFactor.signInIntro}</p>
        <TwoFactorSignInForm callbackUrl={callbackUrl} />
      </>
    )
  }
  if (signedIn?.stage === 'enrol') {
    // Signed in, but the newsroom requires two-factor sign-in first: set it up here.
    return (
      <>
        <h1 className="mb-3 font-serif text-3xl font-bold">{t.admin.twoFactor.title}</h1>
        <TwoFactorSection
          staff={signedIn.staff}
          required
          actions={{ start: startTwoFactorAction, confirm: confirmTwoFactorAction }}
          continueHref={callbackUrl}
        />
      </>
    )
  }

  if (!(await canAnyoneSignIn())) {
    return (
      <>
        <h1 className="mb-4 font-serif text-3xl font-bold">{t.admin.auth.noAccountTitle}</h1>
        <p className="mb-3">{t.admin.auth.noAccount}</p>
        <p className="text-sm text-muted">{t.admin.auth.noAccountCli}</p>
      </>
    )
  }
  return (
    <>
      <h1 className="mb-6 font-serif text-3xl font-bold">{t.admin.auth.signInTitle}</h1>
      {sp.setup === '1' ? <p className={notice}>{t.admin.auth.setupDone}</p> : null}
      {sp.keluar === '1' ? <p className={notice}>{t.admin.auth.signedOutEverywhere}</p> : null}
      <SignInForm callbackUrl={callbackUrl} error={typeof sp.error === 'string' ? sp.error : null} />
    </>
  )
}
