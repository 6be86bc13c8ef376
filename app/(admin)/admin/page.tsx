import { redirect } from 'next/navigation'
import { connection } from 'next/server'
import { countUsers } from '@/db/queries/users'
import { requireStaff } from '@/lib/auth/guards'
import { canRole } from '@/lib/auth/policy'
import { t } from '@/lib/i18n/id'

export default async function DeskPage() {
  // Per request: the user count must not be read (or baked in) at build time.
  await connection()
  if (countUsers() === 0) redirect('/admin/setup')
  const staff = await requireStaff('desk:view')
  return (
    <>
      <h1 className="mb-4 font-serif text-3xl font-bold">{t.admin.nav.desk}</h1>
      <p className="mb-6">{staff.name}</p>
      {canRole(staff.role, 'article:create') ? (
        <a href="/admin/artikel/baru" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800">
          {t.admin.nav.newArticle}
        </a>
      ) : null}
    </>
  )
}
