import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { contactMessages } from '@/db/schema'
import { createUser } from '@/tests/factories'
import {
  countUnhandledContactMessages,
  deleteContactMessage,
  getContactMessage,
  listContactMessages,
  markContactMessage,
} from './contact'

const editor = createUser({ role: 'editor', name: 'Editor Pesan' })

function message(n: number, handled: boolean, createdAt = new Date(Date.UTC(2026, 0, 1, 0, n))) {
  return getDb()
    .insert(contactMessages)
    .values({ name: `Pembaca ${n}`, email: `p${n}@contoh.example`, message: `Pesan ${n} `.repeat(40), createdAt, handledAt: handled ? new Date() : null })
    .returning({ id: contactMessages.id })
    .get().id
}

beforeEach(() => {
  getDb().delete(contactMessages).run()
})

describe('inbox queries', () => {
  it('pages unhandled messages first, then handled, each newest first, without gaps or repeats', () => {
    const sameTime = new Date(Date.UTC(2026, 0, 1, 0, 30))
    const ids = {
      u1: message(1, false),
      u2: message(2, false),
      u3a: message(3, false, sameTime),
      u3b: message(4, false, sameTime),
      h1: message(5, true),
      h2: message(6, true),
      h3: message(7, true),
    }
    const seen: number[] = []
    let cursor = null
    do {
      const page = listContactMessages(cursor, 2)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual([ids.u3b, ids.u3a, ids.u2, ids.u1, ids.h3, ids.h2, ids.h1])
    expect(countUnhandledContactMessages()).toBe(4)
  })

  it('ends exactly on the last message and previews only the start of it', () => {
    message(1, false)
    message(2, true)
    const page = listContactMessages(null, 2)
    expect(page.items).toHaveLength(2)
    expect(page.nextCursor).toBeNull()
    expect(page.items[0]!.preview.length).toBe(200)
  })

  it('marks a message handled by someone and back, and deletes it', () => {
    const id = message(1, false)
    expect(markContactMessage(id, true, editor.id)).toBe(true)
    expect(getContactMessage(id)).toMatchObject({ handledAt: expect.any(Date), handledByName: 'Editor Pesan' })
    expect(countUnhandledContactMessages()).toBe(0)
    expect(markContactMessage(id, false, editor.id)).toBe(true)
    expect(getContactMessage(id)).toMatchObject({ handledAt: null, handledByName: null })
    expect(deleteContactMessage(id)).toBe(true)
    expect(getContactMessage(id)).toBeNull()
    expect(deleteContactMessage(id)).toBe(false)
    expect(markContactMessage(id, true, editor.id)).toBe(false)
  })
})
