import 'server-only'
import type { Staff } from '@/db/queries/users'
import { AccessDenied } from './errors'
import { type Permission, scopeFor } from './policy'
import { currentSignIn, currentStaff } from './session'

/** A record whose ownership decides `own` permissions. */
export type Owned = { authorId: number }

/**
 * The one decision: is the signed-in person allowed this, on this record? Throws AccessDenied.
 * `allowEnrolment` also admits someone who is signed in but must set up two-factor sign-in
 * first: only for the actions that set it up.
 */
export async function authorize(permission: Permission, record?: Owned, opts: { allowEnrolment?: boolean } = {}): Promise<Staff> {
  const staff = opts.allowEnrolment ? await staffSettingUpTwoFactor() : await currentStaff()
  if (!staff) throw new AccessDenied('signed-out')
  if (!isAllowed(staff, permission, record)) throw new AccessDenied('forbidden')
  return staff
}

/**
 * The same decision on a record loaded since, for someone authorize() admitted earlier in this
 * request: their session is not read again. Throws AccessDenied('forbidden').
 */
export function authorizeOn(staff: Staff, permission: Permission, record: Owned): Staff {
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

async function staffSettingUpTwoFactor(): Promise<Staff | null> {
  const signedIn = await currentSignIn()
  return signedIn && signedIn.stage !== 'code' ? signedIn.staff : null
}
