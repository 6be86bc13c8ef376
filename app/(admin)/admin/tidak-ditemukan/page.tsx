import type { Metadata } from 'next'
import { AccessNotice } from '@/components/admin/access-notice'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'

export const metadata: Metadata = { title: t.admin.access.missing.title }

/**
 * Internal: server.mjs's gate renders a newsroom URL whose record is missing, or not the
 * person's to see, with this page and status 404 (lib/auth/gate.ts). Never linked to.
 */
export default async function MissingPage() {
  await requireStaff('desk:view')
  return <AccessNotice kind="missing" />
}
