import type { Metadata } from 'next'
import { connection } from 'next/server'
import { type ReactNode, Suspense } from 'react'
import { AdminShell } from '@/components/admin/admin-shell'
import { currentStaff } from '@/lib/auth/session'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = {
  title: { default: t.admin.title, template: `%s · ${t.admin.title}` },
  robots: { index: false, follow: false },
}

// The layout only dresses the page; every page and action checks access itself (lib/auth).
// Before any of it renders, server.mjs's gate (lib/auth/gate.ts) has sent strangers to sign in
// and answered refusals with a real 403 or 404, so a status is never a streamed 200.
async function Frame({ children }: { children: ReactNode }) {
  // Per request: next-auth draws a random CSRF token for signed-out visitors, which
  // cacheComponents refuses while prerendering.
  await connection()
  const staff = await currentStaff()
  if (!staff) return <main className="mx-auto max-w-md px-4 py-12">{children}</main>
  return <AdminShell staff={staff}>{children}</AdminShell>
}

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <Suspense fallback={<p className="p-6">{t.admin.common.loading}</p>}>
      <Frame>{children}</Frame>
    </Suspense>
  )
}
