import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getPasswordHash, getProfile, getSessionCheck } from '@/db/queries/users'
import { listOpenSessions, recordSessionStart } from '@/db/queries/sessions'
import { hashPassword, verifyPassword } from '@/lib/auth/password'
import { createArticle, createUser } from '@/tests/factories'

const session = vi.hoisted(() => ({ userId: null as number | null }))
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}))
const cache = vi.hoisted(() => ({ updateTag: vi.fn(), revalidateTag: vi.fn(), refresh: vi.fn() }))
vi.mock('next/cache', () => cache)

const { changePasswordAction, endAllSessionsAction, endSessionAction, updateProfileAction } = await import('./actions')

const form = (fields: Record<string, string | number>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, String(v))
  return fd
}

const OLD = 'sandi-lama-yang-panjang'
const reporter = await createUser({ role: 'reporter', name: 'Nama Lama', passwordHash: await hashPassword(OLD) })
const other = await createUser({ role: 'reporter', name: 'Orang Lain' })
const deactivated = await createUser({ role: 'reporter', active: false })
const story = await createArticle({ authorId: reporter.id })

beforeEach(() => {
  vi.clearAllMocks()
  session.userId = reporter.id
})

// Each password hash or check is bcrypt at cost 12 (a second or more on a busy two-core machine).
describe('profile actions', () => {
  it('changes the signed-in person’s own name and bio, never anyone else’s, and refreshes their bylines', async () => {
    expect(await updateProfileAction(null, form({ name: ' Nama Baru ', bio: 'Wartawan kota.', id: other.id }))).toEqual({ ok: true })
    expect(await getProfile(reporter.id)).toMatchObject({ name: 'Nama Baru', bio: 'Wartawan kota.' })
    expect(await getProfile(other.id)).toMatchObject({ name: 'Orang Lain' })
    expect(cache.updateTag).toHaveBeenCalledWith(`author:${reporter.id}`)
    // Bylines carry the author's own tag: no need to name each story.
    expect(cache.updateTag).not.toHaveBeenCalledWith(`article:${story.id}`)
  })

  it('changes the password only with the current one', { timeout: 30_000 }, async () => {
    const wrong = await changePasswordAction(null, form({ currentPassword: 'salah-sama-sekali', password: 'sandi-baru-yang-kuat', passwordConfirm: 'sandi-baru-yang-kuat' }))
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ['Kata sandi sekarang salah.'] } })
    const mismatch = await changePasswordAction(null, form({ currentPassword: OLD, password: 'sandi-baru-yang-kuat', passwordConfirm: 'lain' }))
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { passwordConfirm: [expect.any(String)] } })
    expect(await verifyPassword(OLD, (await getPasswordHash(reporter.id))!, 'staff')).toBe(true)
    expect(await changePasswordAction(null, form({ currentPassword: OLD, password: 'sandi-baru-yang-kuat', passwordConfirm: 'sandi-baru-yang-kuat' }))).toEqual({ ok: true })
    expect(await verifyPassword('sandi-baru-yang-kuat', (await getPasswordHash(reporter.id))!, 'staff')).toBe(true)
  })

  it('signs out of every device: the session version moves on, then the sign-in page', async () => {
    const before = (await getSessionCheck(reporter.id, 'any'))!.user.sessionVersion
    await expect(endAllSessionsAction(null, new FormData())).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/admin\/masuk\?keluar=1/) })
    expect((await getSessionCheck(reporter.id, 'any'))!.user.sessionVersion).toBe(before + 1)
    expect((await getSessionCheck(other.id, 'any'))!.user.sessionVersion).toBe(1)
  })

  it('ends one of the person’s own sessions, and refuses another person’s or a malformed id', async () => {
    const version = (await getSessionCheck(reporter.id, 'any'))!.user.sessionVersion
    await recordSessionStart({ sessionId: 'ponsel-hilang', userId: reporter.id, sessionVersion: version }, { device: 'Chrome di Android', address: '203.0.113.5' })
    await recordSessionStart({ sessionId: 'laptop-orang-lain', userId: other.id, sessionVersion: 1 }, { device: 'Edge di Windows', address: '' })

    expect(await endSessionAction(null, form({ session: 'laptop-orang-lain' }))).toMatchObject({ ok: false, message: 'Sesi itu sudah berakhir.' })
    expect((await listOpenSessions(other.id)).map((s) => s.sessionId)).toEqual(['laptop-orang-lain'])
    expect((await endSessionAction(null, form({ session: "x' OR 1=1 --" }))).ok).toBe(false)

    expect(await endSessionAction(null, form({ session: 'ponsel-hilang' }))).toEqual({ ok: true })
    expect(await listOpenSessions(reporter.id)).toEqual([])
    expect(cache.refresh).toHaveBeenCalled()
  })

  it('refuses anonymous and deactivated callers', async () => {
    for (const userId of [null, deactivated.id]) {
      session.userId = userId
      expect((await updateProfileAction(null, form({ name: 'Dirusak', bio: '' }))).ok).toBe(false)
      expect((await changePasswordAction(null, form({ currentPassword: OLD, password: 'sandi-baru-yang-kuat', passwordConfirm: 'sandi-baru-yang-kuat' }))).ok).toBe(false)
      expect((await endSessionAction(null, form({ session: 'apa-saja' }))).ok).toBe(false)
    }
    expect((await getProfile(deactivated.id))?.name).not.toBe('Dirusak')
    expect(cache.updateTag).not.toHaveBeenCalled()
  })
})
