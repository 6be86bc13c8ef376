import type { Metadata } from 'next'
import { AccessNotice } from '@/components/admin/access-notice'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.access.forbidden.title }

/**
 * Internal: server.mjs's gate renders a refused newsroom URL with this page and status 403
 * (lib/auth/gate.ts). Never linked to; asked for directly, it refuses too.
 */
export default async function ForbiddenPage() {
  await requireStaff('desk:view')
  return <AccessNotice kind="forbidden" />
}
