import { encode, type JWT } from 'next-auth/jwt'
import { getAuthOptions } from '@/lib/auth/options'
import { formatPeerAddress, PEER_ADDRESS_HEADER } from '@/lib/http/client-address'

/*
 * The real sign-in path for unit tests: next-auth's credentials providers, called as its route
 * handler calls them, with the headers a request from `address` carries.
 */
const options = getAuthOptions()
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<Record<string, unknown> | null>
type Provider = { id: string; options: { id?: string; authorize: Authorize } }

/** The password the accounts of these tests sign in with. */
export const PASSWORD = 'kopi-tubruk-pagi'

/** A provider's authorize(): `credentials` (email, password) or `totp` (the second step). */
export function provider(id: 'credentials' | 'totp'): Authorize {
  // next-auth 4 keeps a credentials provider's own id in its options until it merges them.
  return (options.providers as unknown as Provider[]).find((p) => (p.options.id ?? p.id) === id)!.options.authorize
}

/** A request's headers from `address`, with these cookies. */
export function headersFrom(address: string, ...cookies: string[]): Record<string, string> {
  return { [PEER_ADDRESS_HEADER]: formatPeerAddress(address), cookie: cookies.filter(Boolean).join('; ') }
}

/** The session cookie next-auth would set for what a provider returned, and its token. */
export async function sessionCookieFor(user: Record<string, unknown>): Promise<{ cookie: string; token: JWT }> {
  const token = await options.callbacks!.jwt!({ token: {}, user: user as never, account: null, trigger: 'signIn' })
  return { cookie: `next-auth.session-token=${await encode({ token, secret: options.secret!, maxAge: 3600 })}`, token }
}
