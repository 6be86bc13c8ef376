import type { ReactNode } from 'react'
import { countMenuBadges, MENU_COUNT_CAP } from '@/db/queries/desk-home'
import type { Staff } from '@/db/queries/users'
import { canRole, type Permission } from '@/lib/auth/policy'
import { t } from '@/lib/i18n/id'
import { SignOutButton } from './sign-out-button'

type Badge = keyof Awaited<ReturnType<typeof countMenuBadges>>

const NAV: Array<{ href: string; label: string; permission: Permission; badge?: Badge }> = [
  { href: '/admin', label: t.admin.nav.desk, permission: 'desk:view' },
  { href: '/admin/artikel', label: t.admin.nav.articles, permission: 'desk:view' },
  { href: '/admin/artikel?status=submitted', label: t.admin.nav.review, permission: 'article:review', badge: 'reviewQueue' },
  { href: '/admin/artikel/baru', label: t.admin.nav.newArticle, permission: 'article:create' },
  { href: '/admin/media', label: t.admin.nav.media, permission: 'media:upload' },
  { href: '/admin/label', label: t.admin.nav.labels, permission: 'label:manage' },
  { href: '/admin/halaman', label: t.admin.nav.pages, permission: 'page:manage' },
  { href: '/admin/pesan', label: t.admin.nav.inbox, permission: 'contact:manage', badge: 'unhandledMessages' },
  { href: '/admin/pengguna', label: t.admin.nav.users, permission: 'user:manage' },
  { href: '/admin/pengaturan', label: t.admin.nav.settings, permission: 'settings:manage' },
  { href: '/admin/impor', label: t.admin.nav.import, permission: 'import:run' },
  { href: '/admin/profil', label: t.admin.nav.profile, permission: 'profile:edit' },
]

const BADGE_WORDS: Record<Badge, (n: string) => string> = { reviewQueue: t.admin.nav.reviewCount, unhandledMessages: t.admin.nav.inboxCount }

/** A count beside a menu link: the digits for the eye, a phrase for screen readers. None at zero. */
function MenuBadge({ badge, count }: { badge: Badge; count: number | null }) {
  if (!count) return null
  const n = count > MENU_COUNT_CAP ? `${MENU_COUNT_CAP}+` : String(count)
  return (
    <>
      <span aria-hidden="true" className="ml-1.5 rounded-full bg-brand-700 px-2 text-xs leading-5 text-white">
        {n}
      </span>
      <span className="sr-only"> ({BADGE_WORDS[badge](n)})</span>
    </>
  )
}

/**
 * The newsroom's frame: a menu that wraps on phones (no JavaScript needed), with counts of what
 * waits (review queue, unread messages) for those who handle it, and who is signed in.
 */
export async function AdminShell({ staff, children }: { staff: Staff; children: ReactNode }) {
  const counts = await countMenuBadges(staff)
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
                  {item.badge ? <MenuBadge badge={item.badge} count={counts[item.badge]} /> : null}
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
