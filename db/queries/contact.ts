import 'server-only'
import { count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { contactMessages, users } from '@/db/schema'

/** Stores a reader's message for the newsroom inbox. Input is already validated and trimmed. */
export function createContactMessage(input: { name: string; email: string; message: string; ipHash: string }): number {
  const [row] = getDb()
    .insert(contactMessages)
    .values({ name: input.name, email: input.email, message: input.message, ipHash: input.ipHash })
    .returning({ id: contactMessages.id })
    .all()
  if (!row) throw new Error('contact_messages insert returned no row')
  return row.id
}

/** Messages per page of the newsroom inbox. */
export const INBOX_PAGE_SIZE = 20

/** Where a page of the inbox ends: unhandled messages come first, then handled ones, each newest first. */
export type InboxCursor = { handled: boolean; createdAt: number; id: number }

export type InboxItem = {
  id: number
  name: string
  email: string
  /** The start of the message, for the list. */
  preview: string
  createdAt: Date
  handledAt: Date | null
}

const inboxColumns = {
  id: contactMessages.id,
  name: contactMessages.name,
  email: contactMessages.email,
  preview: sql<string>`substr(${contactMessages.message}, 1, 200)`,
  createdAt: contactMessages.createdAt,
  handledAt: contactMessages.handledAt,
}

/** One part of the inbox after a position, on its own index (see schema.ts). */
function listPart(handled: boolean, after: InboxCursor | null, limit: number): InboxItem[] {
  const c = contactMessages
  const keyset = after ? sql` and ${c.createdAt} <= ${after.createdAt} and (${c.createdAt} < ${after.createdAt} or ${c.id} < ${after.id})` : sql``
  return getDb()
    .select(inboxColumns)
    .from(c)
    .where(sql`${handled ? isNotNull(c.handledAt) : isNull(c.handledAt)}${keyset}`)
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit)
    .all()
}

/** A page of the inbox: unhandled messages first, then handled ones, each part newest first. */
export function listContactMessages(cursor: InboxCursor | null, limit = INBOX_PAGE_SIZE): { items: InboxItem[]; nextCursor: InboxCursor | null } {
  let rows: InboxItem[] = []
  if (!cursor?.handled) rows = listPart(false, cursor, limit + 1)
  if (rows.length <= limit) rows = [...rows, ...listPart(true, cursor?.handled ? cursor : null, limit + 1 - rows.length)]
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items,
    nextCursor: rows.length > limit && last ? { handled: last.handledAt !== null, createdAt: last.createdAt.getTime(), id: last.id } : null,
  }
}

export function countUnhandledContactMessages(): number {
  return getDb().select({ n: count() }).from(contactMessages).where(isNull(contactMessages.handledAt)).get()?.n ?? 0
}

export type ContactMessage = {
  id: number
  name: string
  email: string
  message: string
  createdAt: Date
  handledAt: Date | null
  handledByName: string | null
}

export function getContactMessage(id: number): ContactMessage | null {
  return (
    getDb()
      .select({
        id: contactMessages.id,
        name: contactMessages.name,
        email: contactMessages.email,
        message: contactMessages.message,
        createdAt: contactMessages.createdAt,
        handledAt: contactMessages.handledAt,
        handledByName: users.name,
      })
      .from(contactMessages)
      .leftJoin(users, eq(users.id, contactMessages.handledBy))
      .where(eq(contactMessages.id, id))
      .get() ?? null
  )
}

/** Marks a message handled (by whom, now) or back to unhandled. False when it does not exist. */
export function markContactMessage(id: number, handled: boolean, staffId: number): boolean {
  const row = getDb()
    .update(contactMessages)
    .set(handled ? { handledAt: new Date(), handledBy: staffId } : { handledAt: null, handledBy: null })
    .where(eq(contactMessages.id, id))
    .returning({ id: contactMessages.id })
    .get()
  return Boolean(row)
}

export function deleteContactMessage(id: number): boolean {
  return Boolean(getDb().delete(contactMessages).where(eq(contactMessages.id, id)).returning({ id: contactMessages.id }).get())
}
