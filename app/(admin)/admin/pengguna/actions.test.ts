import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getWriteConnection } from '@/db'
import { getSessionCheck, getStaffById } from '@/db/queries/users'
import { auditLog, users } from '@/db/tables'
import { verifyPassword } from '@/lib/auth/password'
import { createUser } from '@/tests/factories'

const session = vi.hoisted(() => ({ userId: null as number | null }))
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}))
const cache = vi.hoisted(() => ({ updateTag: vi.fn(), revalidateTag: vi.fn(), refresh: vi.fn() }))
vi.mock('next/cache', () => cache)

const { changeRoleAction, createUserAction, endUserSessionsAction, grantSignInAction, setUserActiveAction } = await import('./actions')
const { markMessageAction } = await import('../pesan/actions')

const form = (fields: Record<string, string | number>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, String(v))
  return fd
}
const byEmail = async (email: string) => (await getWriteConnection().select().from(users).where(eq(users.email, email)).limit(1))[0]

const admin = await createUser({ role: 'admin' })
const editor = await createUser({ role: 'editor' })
const reporter = await createUser({ role: 'reporter' })
const deactivatedAdmin = await createUser({ role: 'admin', active: false })

beforeEach(() => {
  vi.clearAllMocks()
  session.userId = admin.id
})

// Each password hash or check is bcrypt at cost 12 (a second or more on a busy two-core machine).
describe('user actions', () => {
  it('gives an imported author (no email, deactivated) an email and a first password, keeping the account', { timeout: 30_000 }, async () => {
    const author = await createUser({ name: 'Yulia Rahmadani', email: null, active: false, passwordHash: null, role: 'reporter' })
    const result = await grantSignInAction(null, form({ id: author.id, email: 'Yulia@Redaksi.example', password: 'kopi-tubruk-pagi' }))
    expect(result).toEqual({ ok: true, data: { name: 'Yulia Rahmadani' } })
    const row = (await getWriteConnection().select().from(users).where(eq(users.id, author.id)).limit(1))[0]!
    expect(row).toMatchObject({ email: 'yulia@redaksi.example', active: true, role: 'reporter', slug: author.slug })
    expect(await verifyPassword('kopi-tubruk-pagi', row.passwordHash!, 'staff')).toBe(true)

    // Once it has an email it is an ordinary account: no second "invitation".
    const again = await grantSignInAction(null, form({ id: author.id, email: 'lain@redaksi.example', password: 'kopi-tubruk-pagi' }))
    expect(again).toMatchObject({ ok: false, message: expect.stringMatching(/sudah punya email/) })
    const other = await createUser({ email: null, active: false, passwordHash: null })
    const taken = await grantSignInAction(null, form({ id: other.id, email: 'YULIA@redaksi.example', password: 'kopi-tubruk-pagi' }))
    expect(taken).toMatchObject({ ok: false, fieldErrors: { email: ['Email ini sudah dipakai pengguna lain.'] } })
    expect((await getWriteConnection().select().from(users).where(eq(users.id, other.id)).limit(1))[0]).toMatchObject({ email: null, active: false })

    // Only admins manage people.
    session.userId = editor.id
    expect(await grantSignInAction(null, form({ id: other.id, email: 'e@redaksi.example', password: 'kopi-tubruk-pagi' }))).toMatchObject({ ok: false })
    expect((await getWriteConnection().select().from(users).where(eq(users.id, other.id)).limit(1))[0]).toMatchObject({ email: null })
  })

  it('lets an admin create an account with a hashed password', { timeout: 30_000 }, async () => {
    const result = await createUserAction(null, form({ name: 'Sari', email: 'sari@redaksi.example', role: 'editor', password: 'kopi-tubruk-pagi' }))
    expect(result).toEqual({ ok: true, data: { name: 'Sari' } })
    const row = (await byEmail('sari@redaksi.example'))!
    expect(row).toMatchObject({ role: 'editor', active: true })
    expect(row.passwordHash).not.toContain('kopi')
    expect(await verifyPassword('kopi-tubruk-pagi', row.passwordHash!, 'staff')).toBe(true)
  })

  it('refuses a weak password and a duplicate email under their fields, never echoing the password', { timeout: 30_000 }, async () => {
    const weak = await createUserAction(null, form({ name: 'Budi', email: 'budi@redaksi.example', role: 'reporter', password: 'abababababab' }))
    expect(weak).toMatchObject({ ok: false, fieldErrors: { password: ['Kata sandi terlalu mudah ditebak. Gunakan campuran kata, angka, atau tanda baca.'] } })
    expect(JSON.stringify(weak)).not.toContain('abababababab')
    expect(await byEmail('budi@redaksi.example')).toBeUndefined()
    const dup = await createUserAction(null, form({ name: 'Lagi', email: 'SARI@redaksi.example', role: 'reporter', password: 'kopi-tubruk-pagi' }))
    expect(dup).toMatchObject({ ok: false, fieldErrors: { email: ['Email ini sudah dipakai pengguna lain.'] } })
  })

  it('changes a role, and refuses an admin demoting or deactivating themselves', async () => {
    const person = await createUser({ role: 'contributor' })
    expect(await changeRoleAction(null, form({ id: person.id, role: 'reporter' }))).toEqual({ ok: true })
    expect((await getStaffById(person.id))?.role).toBe('reporter')
    expect(await changeRoleAction(null, form({ id: admin.id, role: 'editor' }))).toMatchObject({ ok: false, message: expect.stringMatching(/akun Anda sendiri/) })
    expect(await setUserActiveAction(null, form({ id: admin.id, active: '0' }))).toMatchObject({ ok: false })
    expect(await getStaffById(admin.id)).toMatchObject({ role: 'admin', active: true })
  })

  it('shuts a deactivated editor out at once: their next action is refused', async () => {
    const colleague = await createUser({ role: 'editor' })
    expect(await setUserActiveAction(null, form({ id: colleague.id, active: '0' }))).toEqual({ ok: true })
    session.userId = colleague.id
    expect(await markMessageAction(null, form({ id: 1, handled: '1' }))).toMatchObject({ ok: false, message: expect.stringMatching(/Sesi Anda berakhir/) })
  })

  it('ends every session of someone who lost a laptop, without deactivating them, and never the admin’s own', async () => {
    const owner = await createUser({ role: 'reporter' })
    const before = (await getSessionCheck(owner.id, 'any'))!.user.sessionVersion
    expect(await endUserSessionsAction(null, form({ id: owner.id }))).toEqual({ ok: true })
    expect(await getSessionCheck(owner.id, 'any')).toMatchObject({ user: { sessionVersion: before + 1, active: true } })
    const audit = await getWriteConnection().select().from(auditLog).where(and(eq(auditLog.action, 'user:end-sessions'), eq(auditLog.entityId, owner.id)))
    expect(audit).toMatchObject([{ actorId: admin.id }])

    const mine = (await getSessionCheck(admin.id, 'any'))!.user.sessionVersion
    expect(await endUserSessionsAction(null, form({ id: admin.id }))).toMatchObject({ ok: false, message: 'Akhiri sesi Anda sendiri di Profil saya.' })
    expect((await getSessionCheck(admin.id, 'any'))!.user.sessionVersion).toBe(mine)
  })

  it('refuses editors, reporters, anonymous and deactivated callers on admin actions, writing nothing', async () => {
    const target = await createUser({ role: 'contributor' })
    for (const userId of [editor.id, reporter.id, null, deactivatedAdmin.id]) {
      session.userId = userId
      const results = [
        await createUserAction(null, form({ name: 'Penyusup', email: `penyusup${userId}@luar.example`, role: 'admin', password: 'kopi-tubruk-pagi' })),
        await changeRoleAction(null, form({ id: target.id, role: 'admin' })),
        await setUserActiveAction(null, form({ id: target.id, active: '0' })),
        await changeRoleAction(null, form({ id: (userId ?? reporter.id), role: 'admin' })),
        await endUserSessionsAction(null, form({ id: target.id })),
      ]
      for (const r of results) expect(r.ok).toBe(false)
      expect(await byEmail(`penyusup${userId}@luar.example`)).toBeUndefined()
    }
    expect(await getStaffById(target.id)).toMatchObject({ role: 'contributor', active: true })
    expect((await getSessionCheck(target.id, 'any'))!.user.sessionVersion).toBe(1)
    expect((await getStaffById(reporter.id))?.role).toBe('reporter')
    expect((await getStaffById(editor.id))?.role).toBe('editor')
    expect(cache.refresh).not.toHaveBeenCalled()
  })
})
