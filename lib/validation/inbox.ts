import { z } from 'zod'
import type { InboxCursor } from '@/db/queries/contact'

const id = z.coerce.number().int().positive()

export const messageIdInput = z.object({ id })
export const markMessageInput = z.object({ id, handled: z.enum(['1', '0']).transform((v) => v === '1') })

// "b.<ms>.<id>" (belum: still unhandled) or "s.<ms>.<id>" (sudah: handled).
const CURSOR = /^([bs])\.(\d{1,15})\.([1-9]\d{0,9})$/

export function encodeInboxCursor(c: InboxCursor): string {
  return `${c.handled ? 's' : 'b'}.${c.createdAt}.${c.id}`
}

/** `?after=` of the inbox; anything malformed means the first page. */
export function parseInboxCursor(value: unknown): InboxCursor | null {
  const m = typeof value === 'string' ? CURSOR.exec(value) : null
  return m ? { handled: m[1] === 's', createdAt: Number(m[2]), id: Number(m[3]) } : null
}
