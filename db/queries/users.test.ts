import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { auditLog, users } from '@/db/tables'
import { createArticle, createUser } from '@/tests/factories'
import {
  createStaff,
  DuplicateEmailError,
  getStaffById,
  LastAdminError,
  listStaff,
  SelfChangeError,
  setStaffActive,
  updateStaffRole,
} from './users'

const auditFor = async (id: number) => (await getWriteConnection().select().from(auditLog).where(eq(auditLog.entityId, id))).filter((r) => r.entity === 'user')

beforeEach(async () => {
  // Demote every admin made by earlier tests, so each test counts its own.
  await getWriteConnection().update(users).set({ role: 'editor' }).where(eq(users.role, 'admin'))
})

describe('role and status changes', () => {
  it('changes a role and deactivates/reactivates, with an audit row each, keeping the byline', async () => {
    const admin = await createUser({ role: 'admin' })
    const reporter = await createUser({ role: 'reporter' })
    const story = await createArticle({ authorId: reporter.id })
    expect(await updateStaffRole(reporter.id, 'editor', admin.id)).toMatchObject({ role: 'editor' })
    expect(await setStaffActive(reporter.id, false, admin.id)).toMatchObject({ active: false })
    expect(await getStaffById(reporter.id)).toMatchObject({ role: 'editor', active: false })
    expect((await getWriteConnection().select({ authorId: users.id }).from(users).where(eq(users.id, story.authorId)).limit(1))[0]).toBeDefined()
    expect(await setStaffActive(reporter.id, true, admin.id)).toMatchObject({ active: true })
    expect((await auditFor(reporter.id)).map((r) => [r.action, r.actorId])).toEqual([
      ['user:role', admin.id],
      ['user:deactivate', admin.id],
      ['user:reactivate', admin.id],
    ])
    // No change, no audit row.
    await updateStaffRole(reporter.id, 'editor', admin.id)
    expect(await auditFor(reporter.id)).toHaveLength(3)
    expect(await updateStaffRole(999_999, 'editor', admin.id)).toBeNull()
  })

  it('stops an admin demoting or deactivating themselves', async () => {
    const admin = await createUser({ role: 'admin' })
    await createUser({ role: 'admin' })
    await expect(updateStaffRole(admin.id, 'editor', admin.id)).rejects.toThrow(SelfChangeError)
    await expect(setStaffActive(admin.id, false, admin.id)).rejects.toThrow(SelfChangeError)
    expect(await getStaffById(admin.id)).toMatchObject({ role: 'admin', active: true })
  })

  it('never removes the last active admin, whoever asks', async () => {
    const last = await createUser({ role: 'admin' })
    await createUser({ role: 'admin', active: false })
    await expect(updateStaffRole(last.id, 'reporter', null)).rejects.toThrow(LastAdminError)
    await expect(setStaffActive(last.id, false, null)).rejects.toThrow(LastAdminError)
    const second = await createUser({ role: 'admin' })
    expect(await setStaffActive(last.id, false, second.id)).toMatchObject({ active: false })
    await expect(updateStaffRole(second.id, 'editor', null)).rejects.toThrow(LastAdminError)
    expect(await getStaffById(second.id)).toMatchObject({ role: 'admin', active: true })
  })
})

describe('createStaff and listStaff', () => {
  it('creates with an audit row, refuses a duplicate email in any case, lists active people first', async () => {
    const actor = await createUser({ role: 'admin' })
    const created = (await createStaff({ name: 'Zainal', email: 'Zainal@Redaksi.example', role: 'reporter', passwordHash: 'x' }, { actorId: actor.id, via: 'admin' }))!
    expect(created).toMatchObject({ email: 'zainal@redaksi.example', role: 'reporter', active: true })
    expect(await auditFor(created.id)).toMatchObject([{ action: 'user:create', actorId: actor.id, detail: { role: 'reporter', via: 'admin' } }])
    await expect(createStaff({ name: 'Lain', email: 'ZAINAL@redaksi.example', role: 'editor', passwordHash: 'x' })).rejects.toThrow(DuplicateEmailError)
    const inactive = await createUser({ name: 'Aaron', active: false })
    const list = await listStaff()
    expect(list.findIndex((p) => p.id === inactive.id)).toBeGreaterThan(list.findIndex((p) => p.id === created.id))
    expect(list[0]).not.toHaveProperty('passwordHash')
  })
})
