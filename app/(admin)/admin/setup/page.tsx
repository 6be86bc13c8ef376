import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { connection } from 'next/server'
import { SetupForm } from '@/components/admin/setup-form'
import { isSetupLinkValid } from '@/lib/auth/setup-token'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.auth.setupTitle }

/**
 * One-time: exists only for the setup link the server printed at start, and only while nobody
 * can sign in. Anyone else gets the 404 page.
 */
export default async function SetupPage({ searchParams }: PageProps<'/admin/setup'>) {
  await connection()
  const { token } = await searchParams
  if (!(await isSetupLinkValid(token))) notFound()
  return (
    <>
      <h1 className="mb-3 font-serif text-3xl font-bold">{t.admin.auth.setupTitle}</h1>
      <p className="mb-6">{t.admin.auth.setupIntro}</p>
      <SetupForm token={token as string} />
    </>
  )
}
