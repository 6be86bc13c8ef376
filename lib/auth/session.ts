import 'server-only'
import { getServerSession } from 'next-auth'
import { getStaffById, type Staff } from '@/db/queries/users'
import { getAuthOptions } from './options'

/**
 * Who is signed in, read from the users row on every call: a role change or deactivation
 * applies on the next request, whatever the session cookie says.
 */
export async function currentStaff(): Promise<Staff | null> {
  const session = await getServerSession(getAuthOptions())
  const id = Number((session?.user as { id?: string } | undefined)?.id)
  if (!Number.isInteger(id) || id <= 0) return null
  const staff = getStaffById(id)
  return staff?.active ? staff : null
}
