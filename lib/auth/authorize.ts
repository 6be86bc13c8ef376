import 'server-only'
import type { Staff } from '@/db/queries/users'
import { AccessDenied } from './errors'
import { type Permission, scopeFor } from './policy'
import { currentStaff } from './session'

/** A record whose ownership decides `own` permissions. */
export type Owned = { authorId: number }

/** The one decision: is the signed-in person allowed this, on this record? Throws AccessDenied. */
export async function authorize(permission: Permission, record?: Owned): Promise<Staff> {
  const staff = await currentStaff()
  if (!staff) throw new AccessDenied('signed-out')
  if (!isAllowed(staff, permission, record)) throw new AccessDenied('forbidden')
  return staff
}

/** Pure form of the decision, for lists and buttons. Without a record, `own` means "on their own records". */
export function isAllowed(staff: Pick<Staff, 'id' | 'role'>, permission: Permission, record?: Owned): boolean {
  const scope = scopeFor(permission, staff.role)
  if (scope === 'any') return true
  if (scope === 'own') return record === undefined || record.authorId === staff.id
  return false
}
