'use server'

import { consumeRateLimit } from '@/db/queries/rate-limits'
import { getPasswordHash, updatePasswordHash, updateProfile } from '@/db/queries/users'
import { hashPassword, verifyPassword } from '@/lib/auth/password'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { authorChangedTags } from '@/lib/cache/author'
import { t } from '@/lib/i18n/id'
import { refreshTags } from '@/lib/revalidate'
import { passwordChangeInput, profileInput } from '@/lib/validation/users'

const p = t.admin.profile

// The record is always the signed-in person: the id never comes from the form.
const loadSelf = (_input: unknown, staff: { id: number }) => ({ id: staff.id, authorId: staff.id })

export const updateProfileAction = adminAction({
  name: 'updateProfile',
  permission: 'profile:edit',
  input: profileInput,
  load: loadSelf,
  run: (input, { record }) => {
    updateProfile(record.id, input)
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
    if (!consumeRateLimit('password-change', String(record.id), PASSWORD_ATTEMPTS, PASSWORD_WINDOW_MS).allowed) {
      throw new ActionRefusal(p.tooManyAttempts)
    }
    const hash = getPasswordHash(record.id)
    if (!hash || !(await verifyPassword(currentPassword, hash))) {
      throw new ActionRefusal(t.admin.errors.invalid, { currentPassword: [p.currentPasswordWrong] })
    }
    updatePasswordHash(record.id, await hashPassword(password), record.id)
  },
})
