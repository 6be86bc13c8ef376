'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { createStaff, DuplicateEmailError } from '@/db/queries/users'
import { hashPassword } from '@/lib/auth/password'
import type { ActionResult } from '@/lib/auth/guards'
import { echoFormValues, formDataToObject } from '@/lib/auth/guards'
import { matchesSetupToken } from '@/lib/auth/setup-token'
import { t } from '@/lib/i18n/id'
import { newAccountInput } from '@/lib/validation/users'

const setupToken = z.object({ token: z.string().max(100) })

/**
 * First run only: creates the first admin while no account can sign in, for whoever holds the
 * setup link the server printed at start. Not an adminAction (nobody can be signed in yet); the
 * token and the "nobody can sign in" rule are checked inside the insert's transaction.
 */
export async function createFirstAdmin(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData)
  const token = setupToken.safeParse(raw)
  if (!token.success) return { ok: false, message: t.admin.auth.setupLinkInvalid }
  const parsed = newAccountInput.safeParse(raw)
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.')] ??= []).push(issue.message)
    return { ok: false, message: t.admin.errors.invalid, fieldErrors, values: echoFormValues(formData) }
  }
  const passwordHash = await hashPassword(parsed.data.password)
  let created
  try {
    created = (await createStaff(
      { name: parsed.data.name, email: parsed.data.email, role: 'admin', passwordHash },
      { setupToken: { isValid: (stored) => matchesSetupToken(token.data.token, stored) }, via: 'setup' },
    ))
  } catch (error) {
    if (error instanceof DuplicateEmailError) {
      return { ok: false, message: t.admin.errors.invalid, fieldErrors: { email: [t.admin.auth.emailTaken] }, values: echoFormValues(formData) }
    }
    throw error
  }
  if (!created) return { ok: false, message: t.admin.auth.setupLinkInvalid }
  redirect('/admin/masuk?setup=1')
}
