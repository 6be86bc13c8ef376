'use server'

import { write } from '@/db'
import { redirect } from 'next/navigation'
import { refresh } from 'next/cache'
import { z } from 'zod'
import {
  claimTotpStep,
  enableTwoFactor,
  getTwoFactorState,
  isTwoFactorRequiredForStaff,
  removeTwoFactor,
  storePendingTotpSecret,
} from '@/db/queries/two-factor'
import { endOwnSession } from '@/db/queries/sessions'
import { endAllSessions, getPasswordHash, updatePasswordHash, updateProfile } from '@/db/queries/users'
import { hashPassword, verifyPassword } from '@/lib/auth/password'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { authorChangedTags } from '@/lib/cache/author'
import { t } from '@/lib/i18n/id'
import { getRateLimiter } from '@/lib/rate-limit'
import { refreshTags } from '@/lib/revalidate'
import {
  decryptTotpSecret,
  encryptTotpSecret,
  hashRecoveryCode,
  matchTotp,
  mustUseTwoFactor,
  newRecoveryCodes,
  newTotpSecret,
} from '@/lib/auth/two-factor'
import { endSessionInput, passwordChangeInput, profileInput, twoFactorCodeInput } from '@/lib/validation/users'

const p = t.admin.profile

// The record is always the signed-in person: the id never comes from the form.
const loadSelf = (_input: unknown, staff: { id: number }) => ({ id: staff.id, authorId: staff.id })

export const updateProfileAction = adminAction({
  name: 'updateProfile',
  permission: 'profile:edit',
  input: profileInput,
  load: loadSelf,
  run: async (input, { record }) => {
    await write(() => updateProfile(record.id, input))
    refreshTags(authorChangedTags(record.id))
  },
})

const PASSWORD_ATTEMPTS = 10
const PASSWORD_WINDOW_MS = 15 * 60 * 1000

export const changePasswordAction = adminAction({
  name: 'changePassword',
  permission: 'profile:edit',
  input: passwordChangeInput,
  load: loadSelf,
  run: async ({ currentPassword, password }, { record }) => {
    // A borrowed session must not become a way to guess the current password.
    if (!(await getRateLimiter().consume('password-change', String(record.id), PASSWORD_ATTEMPTS, PASSWORD_WINDOW_MS)).allowed) {
      throw new ActionRefusal(p.tooManyAttempts)
    }
    const hash = await getPasswordHash(record.id)
    if (!hash || !(await verifyPassword(currentPassword, hash, 'staff'))) {
      throw new ActionRefusal(t.admin.errors.invalid, { currentPassword: [p.currentPasswordWrong] })
    }
    // Ends every session, this one too: whoever knew the old password is out as well.
    const newHash = await hashPassword(password)
    await write(() => updatePasswordHash(record.id, newHash, record.id))
  },
})

/** Ends one of this account's sessions from the list of open sessions (docs/decisions/028-signed-in-devices.md). */
export const endSessionAction = adminAction({
  name: 'endSession',
  permission: 'profile:edit',
  input: endSessionInput,
  load: loadSelf,
  run: async ({ session }, { record }) => {
    // Only the person's own: another's id, or one already ended, is refused without a trace.
    if (!(await endOwnSession(record.id, session))) throw new ActionRefusal(p.sessionGone)
    refresh()
  },
})

/** "Keluar dari semua perangkat": every session of this account ends, this one included. */
export const endAllSessionsAction = adminAction({
  name: 'endAllSessions',
  permission: 'profile:edit',
  input: z.object({}),
  load: loadSelf,
  run: async (_input, { record }) => {
    await write(() => endAllSessions(record.id, record.id))
    redirect('/admin/masuk?keluar=1')
  },
})

const tf = t.admin.twoFactor

/**
 * Two-factor setup, step 1: a new secret (encrypted at rest) for the page to show as a QR code.
 * Also open to someone the newsroom requires to set it up before anything else.
 */
export const startTwoFactorAction = adminAction({
  name: 'startTwoFactor',
  permission: 'profile:edit',
  input: z.object({}),
  load: loadSelf,
  allowEnrolment: true,
  run: async (_input, { record }) => {
    const secret = encryptTotpSecret(record.id, newTotpSecret())
    if (!(await write(() => storePendingTotpSecret(record.id, secret)))) throw new ActionRefusal(tf.alreadyOn)
    refresh()
  },
})

/** Step 2: the app's first code turns it on; the recovery codes come back once, to be shown once. */
export const confirmTwoFactorAction = adminAction({
  name: 'confirmTwoFactor',
  permission: 'profile:edit',
  input: twoFactorCodeInput,
  load: loadSelf,
  allowEnrolment: true,
  run: async ({ code }, { record }) => {
    const state = await getTwoFactorState(record.id)
    if (!state?.secret || state.enabledAt) throw new ActionRefusal(tf.noPending)
    const step = matchTotp(decryptTotpSecret(record.id, state.secret), code)
    if (step === null) throw new ActionRefusal(t.admin.errors.invalid, { code: [tf.codeWrong] })
    const codes = newRecoveryCodes()
    if (!(await write(() => enableTwoFactor(record.id, step, codes.map(hashRecoveryCode), record.id)))) throw new ActionRefusal(tf.noPending)
    return { recoveryCodes: codes }
  },
})

/** Turning it off takes a current code, and is refused where the newsroom requires it. */
export const disableTwoFactorAction = adminAction({
  name: 'disableTwoFactor',
  permission: 'profile:edit',
  input: twoFactorCodeInput,
  load: loadSelf,
  run: async ({ code }, { staff, record }) => {
    if (mustUseTwoFactor(staff.role, await isTwoFactorRequiredForStaff())) throw new ActionRefusal(tf.requiredCannotDisable)
    const state = await getTwoFactorState(record.id)
    if (!state?.secret || !state.enabledAt) throw new ActionRefusal(tf.notOn)
    const step = matchTotp(decryptTotpSecret(record.id, state.secret), code)
    if (step === null || !(await write(() => claimTotpStep(record.id, step)))) throw new ActionRefusal(t.admin.errors.invalid, { code: [tf.codeWrong] })
    // Ends every session, this one included: the next sign-in is with the password alone.
    await write(() => removeTwoFactor(record.id, record.id))
    redirect('/admin/masuk')
  },
})
