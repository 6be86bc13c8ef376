import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { auditLog, users } from '@/db/schema'
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

const auditFor = (id: number) => getDb().select().from(auditLog).where(eq(auditLog.entityId, id)).all().filter((r) => r.entity === 'user')

beforeEach(() => {
  // Demote every admin made by earlier tests, so each test counts its own.
  getDb().update(users).set({ role: 'editor' }).where(eq(users.role, 'admin')).run()
})

describe('role and status changes', () => {
  it('changes a role and deactivates/reactivates, with an audit row each, keeping the byline', () => {
    const admin = createUser({ role: 'admin' })
    const reporter = createUser({ role: 'reporter' })
    const story = createArticle({ authorId: reporter.id })
    expect(updateStaffRole(reporter.id, 'editor', admin.id)).toMatchObject({ role: 'editor' })
    expect(setStaffActive(reporter.id, false, admin.id)).toMatchObject({ active: false })
    expect(getStaffById(reporter.id)).toMatchObject({ role: 'editor', active: false })
    expect(getDb().select({ authorId: users.id }).from(users).where(eq(users.id, story.authorId)).get()).toBeDefined()
    expect(setStaffActive(reporter.id, true, admin.id)).toMatchObject({ active: true })
    expect(auditFor(reporter.id).map((r) => [r.action, r.actorId])).toEqual([
      ['user:role', admin.id],
      ['user:deactivate', admin.id],
      ['user:reactivate', admin.id],
    ])
    // No change, no audit row.
    updateStaffRole(reporter.id, 'editor', admin.id)
    expect(auditFor(reporter.id)).toHaveLength(3)
    expect(updateStaffRole(999_999, 'editor', admin.id)).toBeNull()
  })

  it('stops an admin demoting or deactivating themselves', () => {
    const admin = createUser({ role: 'admin' })
    createUser({ role: 'admin' })
    expect(() => updateStaffRole(admin.id, 'editor', admin.id)).toThrow(SelfChangeError)
    expect(() => setStaffActive(admin.id, false, admin.id)).toThrow(SelfChangeError)
    expect(getStaffById(admin.id)).toMatchObject({ role: 'admin', active: true })
  })

  it('never removes the last active admin, whoever asks', () => {
    const last = createUser({ role: 'admin' })
    createUser({ role: 'admin', active: false })
    expect(() => updateStaffRole(last.id, 'reporter', null)).toThrow(LastAdminError)
    expect(() => setStaffActive(last.id, false, null)).toThrow(LastAdminError)
    const second = createUser({ role: 'admin' })
    expect(setStaffActive(last.id, false, second.id)).toMatchObject({ active: false })
    expect(() => updateStaffRole(second.id, 'editor', null)).toThrow(LastAdminError)
    expect(getStaffById(second.id)).toMatchObject({ role: 'admin', active: true })
  })
})

describe('createStaff and listStaff', () => {
  it('creates with an audit row, refuses a duplicate email in any case, lists active people first', () => {
    const actor = createUser({ role: 'admin' })
    const created = createStaff({ name: 'Zainal', email: 'Zainal@Redaksi.example', role: 'reporter', passwordHash: 'x' }, { actorId: actor.id, via: 'admin' })!
    expect(created).toMatchObject({ email: 'zainal@redaksi.example', role: 'reporter', active: true })
    expect(auditFor(created.id)).toMatchObject([{ action: 'user:create', actorId: actor.id, detail: { role: 'reporter', via: 'admin' } }])
    expect(() => createStaff({ name: 'Lain', email: 'ZAINAL@redaksi.example', role: 'editor', passwordHash: 'x' })).toThrow(DuplicateEmailError)
    const inactive = createUser({ name: 'Aaron', active: false })
    const list = listStaff()
    expect(list.findIndex((p) => p.id === inactive.id)).toBeGreaterThan(list.findIndex((p) => p.id === created.id))
    expect(list[0]).not.toHaveProperty('passwordHash')
  })
})
