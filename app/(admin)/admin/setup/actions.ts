'use server'

import { redirect } from 'next/navigation'
import { createStaff, DuplicateEmailError } from '@/db/queries/users'
import { hashPassword } from '@/lib/auth/password'
import type { ActionResult } from '@/lib/auth/guards'
import { echoFormValues, formDataToObject } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { newAccountInput } from '@/lib/validation/users'

/**
 * First run only: creates the first admin while no user exists. Not an adminAction (nobody
 * can be signed in yet); the "no users" rule is checked inside the insert's transaction.
 */
export async function createFirstAdmin(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = newAccountInput.safeParse(formDataToObject(formData))
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.')] ??= []).push(issue.message)
    return { ok: false, message: t.admin.errors.invalid, fieldErrors, values: echoFormValues(formData) }
  }
  const passwordHash = await hashPassword(parsed.data.password)
  let created
  try {
    created = createStaff({ name: parsed.data.name, email: parsed.data.email, role: 'admin', passwordHash }, { onlyIfNoUsers: true, via: 'setup' })
  } catch (error) {
    if (error instanceof DuplicateEmailError) {
      return { ok: false, message: t.admin.errors.invalid, fieldErrors: { email: [t.admin.auth.emailTaken] }, values: echoFormValues(formData) }
    }
    throw error
  }
  if (!created) return { ok: false, message: t.admin.errors.forbidden }
  redirect('/admin/masuk?setup=1')
}
