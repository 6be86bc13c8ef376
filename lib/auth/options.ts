import 'server-only'
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { z } from 'zod'
import { consumeRateLimit } from '@/db/queries/rate-limits'
import { getCredentialsByEmail, recordSignIn } from '@/db/queries/users'
import { getEnv } from '@/lib/env'
import { getSecret } from '@/lib/secrets'
import { burnPasswordCheck, verifyPassword } from './password'

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
})

const SIGN_IN_ATTEMPTS = 10
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000

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
    // Without SITE_URL, next-auth decides from the request's scheme (ADR 015).
    ...(env.siteUrl ? { useSecureCookies: env.siteUrl.startsWith('https://') } : {}),
    pages: { signIn: '/admin/masuk', error: '/admin/masuk' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw)
          if (!parsed.success) return null
          const { email, password } = parsed.data
          // Slows guessing of one account from many addresses, and of many from one.
          if (!consumeRateLimit('sign-in', email, SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW_MS).allowed) return null
          const user = getCredentialsByEmail(email)
          if (!user?.passwordHash) {
            await burnPasswordCheck(password)
            return null
          }
          if (!(await verifyPassword(password, user.passwordHash)) || !user.active) return null
          recordSignIn(user.id)
          return { id: String(user.id) }
        },
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
