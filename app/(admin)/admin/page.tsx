import { connection } from 'next/server'
import { requireStaff } from '@/lib/auth/guards'
import { canRole } from '@/lib/auth/policy'
import { t } from '@/lib/i18n/id'

export default async function DeskPage() {
  // Per request: who is signed in must not be read (or baked in) at build time. Before anyone
  // can sign in, requireStaff sends visitors to the sign-in page, which says where the setup link is.
  await connection()
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
