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

const id = z.coerce.number().int().positive()

export const userRoleInput = z.object({ id, role: roleInput })
export const userActiveInput = z.object({ id, active: z.enum(['1', '0']).transform((v) => v === '1') })
/** Giving an account without sign-in (an imported Blogger author) an email and a first password. */
export const grantSignInInput = z.object({ id, email, password: passwordSchema })

export const profileInput = z.object({
  name,
  bio: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(1000, t.admin.profile.bioTooLong)),
})

export const passwordChangeInput = z
  .object({
    currentPassword: z.string().min(1, t.admin.profile.currentPasswordRequired).max(200),
    password: passwordSchema,
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: t.admin.auth.passwordMismatch })

/** A code from the authenticator app, as typed (spaces allowed). */
export const twoFactorCodeInput = z.object({
  code: z.string().trim().regex(/^[\d\s]{6,9}$/, t.admin.twoFactor.codeFormat),
})

/** One of the person's own sessions, by its id (`sid`, base64url), from the profile's list. */
export const endSessionInput = z.object({
  session: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, t.admin.profile.sessionGone),
})

export const twoFactorRequiredInput = z.object({ required: z.enum(['1', '0']).transform((v) => v === '1') })
