'use server'

import { write } from '@/db'
import { refresh } from 'next/cache'
import { z } from 'zod'
import {
  AlreadyHasSignInError,
  createStaff,
  DuplicateEmailError,
  endAllSessions,
  grantSignIn,
  getStaffById,
  LastAdminError,
  SelfChangeError,
  setStaffActive,
  updateStaffRole,
} from '@/db/queries/users'
import { removeTwoFactor, setTwoFactorRequiredForStaff } from '@/db/queries/two-factor'
import { hashPassword } from '@/lib/auth/password'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { grantSignInInput, newStaffInput, twoFactorRequiredInput, userActiveInput, userRoleInput } from '@/lib/validation/users'

const u = t.admin.users

// People are not "owned": the record only tells adminAction that the account exists.
const loadUser = async ({ id }: { id: number }) => {
  const user = await getStaffById(id)
  return user ? { ...user, authorId: 0 } : null
}

function refusalFor(error: unknown): never {
  if (error instanceof SelfChangeError) throw new ActionRefusal(u.cannotChangeSelf)
  if (error instanceof LastAdminError) throw new ActionRefusal(u.lastAdmin)
  throw error
}

export const createUserAction = adminAction({
  name: 'createUser',
  permission: 'user:manage',
  input: newStaffInput,
  run: async (input, { staff }) => {
    const passwordHash = await hashPassword(input.password)
    try {
      const created = await write(() =>
        createStaff({ name: input.name, email: input.email, role: input.role, passwordHash }, { actorId: staff.id, via: 'admin' }),
      )
      refresh()
      return { name: created?.name ?? input.name }
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new ActionRefusal(t.admin.errors.invalid, { email: [t.admin.auth.emailTaken] })
      throw error
    }
  },
})

export const changeRoleAction = adminAction({
  name: 'changeRole',
  permission: 'user:manage',
  input: userRoleInput,
  load: loadUser,
  run: async ({ role }, { staff, record }) => {
    try {
      await write(() => updateStaffRole(record.id, role, staff.id))
    } catch (error) {
      refusalFor(error)
    }
    refresh()
  },
})

export const setUserActiveAction = adminAction({
  name: 'setUserActive',
  permission: 'user:manage',
  input: userActiveInput,
  load: loadUser,
  run: async ({ active }, { staff, record }) => {
    try {
      await write(() => setStaffActive(record.id, active, staff.id))
    } catch (error) {
      refusalFor(error)
    }
    refresh()
  },
})

/** An imported author gets an email and a first password, and can sign in from then on. */
export const grantSignInAction = adminAction({
  name: 'grantSignIn',
  permission: 'user:manage',
  input: grantSignInInput,
  load: loadUser,
  run: async ({ email, password }, { staff, record }) => {
    const passwordHash = await hashPassword(password)
    try {
      await write(() => grantSignIn(record.id, { email, passwordHash }, staff.id))
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new ActionRefusal(t.admin.errors.invalid, { email: [t.admin.auth.emailTaken] })
      if (error instanceof AlreadyHasSignInError) throw new ActionRefusal(u.alreadyHasSignIn)
      throw error
    }
    refresh()
    return { name: record.name }
  },
})

/** An admin requires (or stops requiring) two-factor sign-in for editors and admins. */
export const setTwoFactorRequiredAction = adminAction({
  name: 'setTwoFactorRequired',
  permission: 'user:manage',
  input: twoFactorRequiredInput,
  run: async ({ required }, { staff }) => {
    await write(() => setTwoFactorRequiredForStaff(required, staff.id))
    refresh()
  },
})

/**
 * After a lost phone: an admin turns someone's two-factor sign-in off (audited as
 * user:2fa-reset). Their sessions end; they sign in with their password and set it up again.
 */
export const resetTwoFactorAction = adminAction({
  name: 'resetTwoFactor',
  permission: 'user:manage',
  input: z.object({ id: z.coerce.number().int().positive() }),
  load: loadUser,
  run: async (_input, { staff, record }) => {
    if (record.id === staff.id) throw new ActionRefusal(u.cannotResetOwnTwoFactor)
    await write(() => removeTwoFactor(record.id, staff.id))
    refresh()
  },
})

/**
 * After a lost or stolen laptop or phone, when its owner cannot do it from their own profile: an
 * admin ends every session of someone else (audited as user:end-sessions) without deactivating
 * them. They sign in again with their password.
 */
export const endUserSessionsAction = adminAction({
  name: 'endUserSessions',
  permission: 'user:manage',
  input: z.object({ id: z.coerce.number().int().positive() }),
  load: loadUser,
  run: async (_input, { staff, record }) => {
    if (record.id === staff.id) throw new ActionRefusal(u.cannotEndOwnSessions)
    await write(() => endAllSessions(record.id, staff.id))
    refresh()
  },
})
