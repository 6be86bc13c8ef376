import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { connection } from 'next/server'
import { SetupForm } from '@/components/admin/setup-form'
import { countUsers } from '@/db/queries/users'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.auth.setupTitle }

/** One-time: exists only while the database has no user at all. */
export default async function SetupPage() {
  await connection()
  if (countUsers() > 0) notFound()
  return (
    <>
      <h1 className="mb-3 font-serif text-3xl font-bold">{t.admin.auth.setupTitle}</h1>
      <p className="mb-6">{t.admin.auth.setupIntro}</p>
      <SetupForm />
    </>
  )
}
