import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getWriteConnection } from '@/db'
import { contactMessages } from '@/db/tables'
import { t } from '@/lib/i18n/id'
import { createUser } from '@/tests/factories'

const session = vi.hoisted(() => ({ userId: null as number | null }))
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}))
const cache = vi.hoisted(() => ({ updateTag: vi.fn(), revalidateTag: vi.fn(), refresh: vi.fn() }))
vi.mock('next/cache', () => cache)

const { deleteMessageAction, markMessageAction } = await import('./actions')

const form = (fields: Record<string, string | number>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, String(v))
  return fd
}
const row = async (id: number) => (await getWriteConnection().select().from(contactMessages).where(eq(contactMessages.id, id)).limit(1))[0]

const reporter = await createUser({ role: 'reporter' })
const editor = await createUser({ role: 'editor' })
const deactivated = await createUser({ role: 'admin', active: false })
let id: number

beforeEach(async () => {
  vi.clearAllMocks()
  id = (await getWriteConnection().insert(contactMessages).values({ name: 'Rina', email: 'rina@contoh.example', message: 'Jalan rusak di desa kami.' }).returning())[0]!.id
})

describe('inbox actions', () => {
  it('lets an editor mark a message handled and delete it', async () => {
    session.userId = editor.id
    expect(await markMessageAction(null, form({ id, handled: '1' }))).toEqual({ ok: true })
    expect(await row(id)).toMatchObject({ handledBy: editor.id, handledAt: expect.any(Date) })
    expect(cache.refresh).toHaveBeenCalled()
    await expect(deleteMessageAction(null, form({ id }))).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') })
    expect(await row(id)).toBeUndefined()
  })

  it('answers "not found" for a message that is gone', async () => {
    session.userId = editor.id
    expect(await markMessageAction(null, form({ id: 987654, handled: '1' }))).toMatchObject({ ok: false, message: t.admin.errors.notFound })
  })

  it('refuses anonymous, reporter and deactivated callers and changes nothing', async () => {
    for (const userId of [null, reporter.id, deactivated.id]) {
      session.userId = userId
      expect((await markMessageAction(null, form({ id, handled: '1' }))).ok).toBe(false)
      expect((await deleteMessageAction(null, form({ id }))).ok).toBe(false)
    }
    expect(await row(id)).toMatchObject({ handledAt: null, handledBy: null })
    expect(cache.refresh).not.toHaveBeenCalled()
  })
})
