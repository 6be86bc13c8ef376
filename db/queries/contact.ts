import 'server-only'
import { getDb } from '@/db'
import { contactMessages } from '@/db/schema'

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
