'use server'

import { consumeRateLimit } from '@/db/queries/rate-limits'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { endAllSessions, getPasswordHash, listBylineArticleIds, updatePasswordHash, updateProfile } from '@/db/queries/users'
import { hashPassword, verifyPassword } from '@/lib/auth/password'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { TAGS } from '@/lib/cache-tags'
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
    // The name is printed in bylines and cards wherever the person's stories appear.
    refreshTags([TAGS.author(record.id), TAGS.latest, ...listBylineArticleIds(record.id).map(TAGS.article)])
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
    // Ends every session, this one too: whoever knew the old password is out as well.
    updatePasswordHash(record.id, await hashPassword(password), record.id)
  },
})

/** "Keluar dari semua perangkat": every session of this account ends, this one included. */
export const endAllSessionsAction = adminAction({
  name: 'endAllSessions',
  permission: 'profile:edit',
  input: z.object({}),
  load: loadSelf,
  run: (_input, { record }) => {
    endAllSessions(record.id, record.id)
    redirect('/admin/masuk?keluar=1')
  },
})
