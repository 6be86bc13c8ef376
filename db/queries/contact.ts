import 'server-only'
import { count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { getDb, write } from '@/db'
import { contactMessages, users } from '@/db/tables'

/** Stores a reader's message for the newsroom inbox. Input is already validated and trimmed. */
export async function createContactMessage(input: { name: string; email: string; message: string; ipHash: string }): Promise<number> {
  const [row] = await write((tx) =>
    tx
      .insert(contactMessages)
      .values({ name: input.name, email: input.email, message: input.message, ipHash: input.ipHash })
      .returning({ id: contactMessages.id }),
  )
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
async function listPart(handled: boolean, after: InboxCursor | null, limit: number): Promise<InboxItem[]> {
  const c = contactMessages
  const keyset = after ? sql` and ${c.createdAt} <= ${after.createdAt} and (${c.createdAt} < ${after.createdAt} or ${c.id} < ${after.id})` : sql``
  return await getDb()
    .select(inboxColumns)
    .from(c)
    .where(sql`${handled ? isNotNull(c.handledAt) : isNull(c.handledAt)}${keyset}`)
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit)
}

/** A page of the inbox: unhandled messages first, then handled ones, each part newest first. */
export async function listContactMessages(cursor: InboxCursor | null, limit = INBOX_PAGE_SIZE): Promise<{ items: InboxItem[]; nextCursor: InboxCursor | null }> {
  let rows: InboxItem[] = []
  if (!cursor?.handled) rows = (await listPart(false, cursor, limit + 1))
  if (rows.length <= limit) rows = [...rows, ...(await listPart(true, cursor?.handled ? cursor : null, limit + 1 - rows.length))]
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items,
    nextCursor: rows.length > limit && last ? { handled: last.handledAt !== null, createdAt: last.createdAt.getTime(), id: last.id } : null,
  }
}

export async function countUnhandledContactMessages(): Promise<number> {
  return (await getDb().select({ n: count() }).from(contactMessages).where(isNull(contactMessages.handledAt)).limit(1))[0]?.n ?? 0
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

export async function getContactMessage(id: number): Promise<ContactMessage | null> {
  return (
    (await getDb()
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
      .where(eq(contactMessages.id, id)).limit(1))[0] ?? null
  )
}

/** Marks a message handled (by whom, now) or back to unhandled. False when it does not exist. */
export async function markContactMessage(id: number, handled: boolean, staffId: number): Promise<boolean> {
  const rows = await write((tx) =>
    tx
      .update(contactMessages)
      .set(handled ? { handledAt: new Date(), handledBy: staffId } : { handledAt: null, handledBy: null })
      .where(eq(contactMessages.id, id))
      .returning({ id: contactMessages.id }),
  )
  return rows.length > 0
}

export async function deleteContactMessage(id: number): Promise<boolean> {
  const rows = await write((tx) => tx.delete(contactMessages).where(eq(contactMessages.id, id)).returning({ id: contactMessages.id }))
  return rows.length > 0
}
