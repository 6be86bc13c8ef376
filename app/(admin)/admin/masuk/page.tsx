import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { connection } from 'next/server'
import { SignInForm } from '@/components/admin/sign-in-form'
import { countUsers } from '@/db/queries/users'
import { currentStaff } from '@/lib/auth/session'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.auth.signIn }

export default async function SignInPage({ searchParams }: PageProps<'/admin/masuk'>) {
  // Per request: the user count must not be read (or baked in) at build time.
  await connection()
  if (countUsers() === 0) redirect('/admin/setup')
  if (await currentStaff()) redirect('/admin')
  const sp = await searchParams
  const callbackUrl = typeof sp.callbackUrl === 'string' && sp.callbackUrl.startsWith('/admin') ? sp.callbackUrl : '/admin'
  return (
    <>
      <h1 className="mb-6 font-serif text-3xl font-bold">{t.admin.auth.signInTitle}</h1>
      {sp.setup === '1' ? <p className="mb-4 rounded-md bg-ok px-3 py-2 text-ok-ink">{t.admin.auth.setupDone}</p> : null}
      {sp.keluar === '1' ? <p className="mb-4 rounded-md bg-ok px-3 py-2 text-ok-ink">{t.admin.auth.signedOutEverywhere}</p> : null}
      <SignInForm callbackUrl={callbackUrl} error={typeof sp.error === 'string' ? sp.error : null} />
    </>
  )
}
