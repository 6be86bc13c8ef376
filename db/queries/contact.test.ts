import { beforeEach, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { contactMessages } from '@/db/tables'
import { createUser } from '@/tests/factories'
import {
  countUnhandledContactMessages,
  deleteContactMessage,
  getContactMessage,
  listContactMessages,
  markContactMessage,
} from './contact'

const editor = await createUser({ role: 'editor', name: 'Editor Pesan' })

async function message(n: number, handled: boolean, createdAt = new Date(Date.UTC(2026, 0, 1, 0, n))) {
  return (await getWriteConnection()
    .insert(contactMessages)
    .values({ name: `Pembaca ${n}`, email: `p${n}@contoh.example`, message: `Pesan ${n} `.repeat(40), createdAt, handledAt: handled ? new Date() : null })
    .returning({ id: contactMessages.id }))[0]!.id
}

beforeEach(async () => {
  await getWriteConnection().delete(contactMessages)
})

describe('inbox queries', () => {
  it('pages unhandled messages first, then handled, each newest first, without gaps or repeats', async () => {
    const sameTime = new Date(Date.UTC(2026, 0, 1, 0, 30))
    const ids = {
      u1: await message(1, false),
      u2: await message(2, false),
      u3a: await message(3, false, sameTime),
      u3b: await message(4, false, sameTime),
      h1: await message(5, true),
      h2: await message(6, true),
      h3: await message(7, true),
    }
    const seen: number[] = []
    let cursor = null
    do {
      const page = await listContactMessages(cursor, 2)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual([ids.u3b, ids.u3a, ids.u2, ids.u1, ids.h3, ids.h2, ids.h1])
    expect(await countUnhandledContactMessages()).toBe(4)
  })

  it('ends exactly on the last message and previews only the start of it', async () => {
    await message(1, false)
    await message(2, true)
    const page = await listContactMessages(null, 2)
    expect(page.items).toHaveLength(2)
    expect(page.nextCursor).toBeNull()
    expect(page.items[0]!.preview.length).toBe(200)
  })

  it('marks a message handled by someone and back, and deletes it', async () => {
    const id = await message(1, false)
    expect(await markContactMessage(id, true, editor.id)).toBe(true)
    expect(await getContactMessage(id)).toMatchObject({ handledAt: expect.any(Date), handledByName: 'Editor Pesan' })
    expect(await countUnhandledContactMessages()).toBe(0)
    expect(await markContactMessage(id, false, editor.id)).toBe(true)
    expect(await getContactMessage(id)).toMatchObject({ handledAt: null, handledByName: null })
    expect(await deleteContactMessage(id)).toBe(true)
    expect(await getContactMessage(id)).toBeNull()
    expect(await deleteContactMessage(id)).toBe(false)
    expect(await markContactMessage(id, true, editor.id)).toBe(false)
  })
})
