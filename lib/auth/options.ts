import 'server-only'
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { getEnv } from '@/lib/env'
import { getSecret } from '@/lib/secrets'
import { checkPassword } from './sign-in'

let options: NextAuthOptions | undefined

/**
 * next-auth, configured once per process: email + password against the users table, a JWT
 * session that carries only the user id (role and active are re-read on every check), and
 * the secret from NEXTAUTH_SECRET or generated once into DATA_DIR.
 */
export function getAuthOptions(): NextAuthOptions {
  if (options) return options
  const env = getEnv()
  options = {
    secret: env.authSecret ?? getSecret('nextauth'),
    session: { strategy: 'jwt', maxAge: 7 * 24 * 60 * 60 },
    useSecureCookies: env.siteUrl.startsWith('https://'),
    pages: { signIn: '/admin/masuk', error: '/admin/masuk' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        // Every wrong combination is null; a throttled attempt throws (its code reaches the form).
        authorize: (raw, req) => checkPassword(raw, req?.headers ?? {}).then((user) => (user ? { id: String(user.id) } : null)),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id
        return token
      },
      session({ session, token }) {
        return { ...session, user: { id: token.sub } } as typeof session
      },
    },
  }
  return options
}
