import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { getWriteConnection } from '@/db'
import { users } from '@/db/tables'
import { createUser } from '@/tests/factories'

let sessionUserId: number | null = null
vi.mock('next-auth', () => ({
  getServerSession: async () => (sessionUserId === null ? null : { user: { id: String(sessionUserId) } }),
}))

const { adminAction, ActionRefusal } = await import('./guards')

const ran: number[] = []
const publish = adminAction({
  name: 'testPublish',
  permission: 'article:publish',
  input: z.object({ id: z.coerce.number().int().positive() }),
  load: ({ id }) => ({ id, authorId: id === 1 ? owner.id : other.id }),
  run: ({ id }) => {
    if (id === 99) throw new ActionRefusal('nope', { id: ['bad'] })
    ran.push(id)
    return id
  },
})

let owner: { id: number }
let other: { id: number }
let contributor: { id: number }
let editor: { id: number }
let gone: { id: number }

beforeAll(async () => {
  owner = (await createUser({ role: 'reporter' }))
  other = (await createUser({ role: 'reporter' }))
  contributor = (await createUser({ role: 'contributor' }))
  editor = (await createUser({ role: 'editor' }))
  gone = (await createUser({ role: 'editor' }))
  await getWriteConnection().update(users).set({ active: false }).where(eq(users.id, gone.id))
})

async function as(userId: number | null, input: unknown) {
  sessionUserId = userId
  ran.length = 0
  const result = await publish(null, input)
  return { result, ran: [...ran] }
}

describe('adminAction', () => {
  it('refuses an anonymous call without running it', async () => {
    expect(await as(null, { id: 1 })).toEqual({ result: { ok: false, message: expect.stringMatching(/Sesi/) }, ran: [] })
  })

  it('refuses a role without the permission', async () => {
    expect((await as(contributor.id, { id: 1 })).ran).toEqual([])
  })

  it('refuses a reporter acting on another reporter’s article', async () => {
    const { result, ran } = await as(owner.id, { id: 2 })
    expect(result).toEqual({ ok: false, message: 'Anda tidak berwenang melakukan ini.' })
    expect(ran).toEqual([])
  })

  it('refuses a deactivated user whose session cookie is still valid', async () => {
    expect(await as(gone.id, { id: 1 })).toMatchObject({ result: { ok: false }, ran: [] })
  })

  it('runs for the owner and for an editor on anyone’s article', async () => {
    expect(await as(owner.id, { id: 1 })).toEqual({ result: { ok: true, data: 1 }, ran: [1] })
    expect(await as(editor.id, { id: 2 })).toEqual({ result: { ok: true, data: 2 }, ran: [2] })
  })

  it('returns every field error for invalid input and refusals from run() as values', async () => {
    const invalid = await as(editor.id, { id: 'x' })
    expect(invalid.result).toMatchObject({ ok: false, fieldErrors: { id: [expect.any(String)] } })
    expect(await as(editor.id, { id: 99 })).toMatchObject({ result: { ok: false, message: 'nope', fieldErrors: { id: ['bad'] } } })
  })

  it('reads FormData, repeated keys as lists', async () => {
    const fd = new FormData()
    fd.set('id', '2')
    expect((await as(editor.id, fd)).result).toEqual({ ok: true, data: 2 })
  })

  it('sends a refused form’s values back, passwords and files left out, so the form can show them again', async () => {
    const fd = new FormData()
    fd.set('id', '99')
    fd.set('name', 'Rina')
    fd.append('labels', 'Ekonomi')
    fd.append('labels', 'Pasar')
    fd.set('password', 'rahasia-sekali')
    fd.set('passwordConfirm', 'rahasia-sekali')
    fd.set('file', new File(['x'], 'x.jpg'))
    const expected = { id: '99', name: 'Rina', labels: ['Ekonomi', 'Pasar'] }
    expect((await as(editor.id, fd)).result).toMatchObject({ ok: false, message: 'nope', values: expected })
    expect((await as(null, fd)).result).toMatchObject({ ok: false, values: expected })
    // Only forms: a call with a plain object gets no echo, and a success none either.
    expect((await as(editor.id, { id: 99 })).result).not.toHaveProperty('values')
    fd.set('id', '2')
    expect((await as(editor.id, fd)).result).toEqual({ ok: true, data: 2 })
  })
})
