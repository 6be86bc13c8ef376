import type { ReactNode } from 'react'
import type { Staff } from '@/db/queries/users'
import { canRole, type Permission } from '@/lib/auth/policy'
import { t } from '@/lib/i18n/id'
import { SignOutButton } from './sign-out-button'

const NAV: Array<{ href: string; label: string; permission: Permission }> = [
  { href: '/admin', label: t.admin.nav.desk, permission: 'desk:view' },
  { href: '/admin/artikel', label: t.admin.nav.articles, permission: 'desk:view' },
  { href: '/admin/artikel/baru', label: t.admin.nav.newArticle, permission: 'article:create' },
  { href: '/admin/media', label: t.admin.nav.media, permission: 'media:upload' },
  { href: '/admin/label', label: t.admin.nav.labels, permission: 'label:manage' },
  { href: '/admin/halaman', label: t.admin.nav.pages, permission: 'page:manage' },
  { href: '/admin/pesan', label: t.admin.nav.inbox, permission: 'contact:manage' },
  { href: '/admin/pengguna', label: t.admin.nav.users, permission: 'user:manage' },
  { href: '/admin/pengaturan', label: t.admin.nav.settings, permission: 'settings:manage' },
  { href: '/admin/impor', label: t.admin.nav.import, permission: 'import:run' },
  { href: '/admin/profil', label: t.admin.nav.profile, permission: 'profile:edit' },
]

/** The newsroom's frame: a menu that wraps on phones (no JavaScript needed), who is signed in. */
export function AdminShell({ staff, children }: { staff: Staff; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-line bg-subtle">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <a href="/admin" className="font-serif text-xl font-bold text-accent">
            {t.admin.title}
          </a>
          <div className="flex items-center gap-3 text-sm">
            <span>
              {staff.name} · {t.admin.roles[staff.role]}
            </span>
            <a href="/" className="underline underline-offset-4">
              {t.admin.nav.viewSite}
            </a>
            <SignOutButton label={t.admin.nav.signOut} />
          </div>
        </div>
        <nav aria-label={t.admin.nav.label} className="mx-auto max-w-6xl px-2">
          <ul className="flex flex-wrap gap-x-1 text-sm font-semibold">
            {NAV.filter((item) => canRole(staff.role, item.permission)).map((item) => (
              <li key={item.href}>
                <a href={item.href} className="inline-flex min-h-11 items-center px-3 hover:text-accent hover:underline">
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="konten" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  )
}
