import { z } from 'zod'
import { ROLES } from '@/db/schema'
import { passwordSchema } from '@/lib/auth/password'
import { t } from '@/lib/i18n/id'

const name = z.string().trim().min(1, t.admin.auth.nameRequired).max(100)
const email = z.string().trim().toLowerCase().email(t.admin.auth.emailInvalid).max(254)

/** The first-run form and the admin's "new user" form share their rules. */
export const newAccountInput = z
  .object({ name, email, password: passwordSchema, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: t.admin.auth.passwordMismatch })

export const newStaffInput = z.object({
  name,
  email,
  password: passwordSchema,
  role: z.enum(ROLES),
})

export const roleInput = z.enum(ROLES)
