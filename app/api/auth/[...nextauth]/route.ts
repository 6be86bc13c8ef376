import NextAuth from 'next-auth'
import { withKnownDevices } from '@/lib/auth/known-device'
import { getAuthOptions } from '@/lib/auth/options'

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // next-auth 4 reads params synchronously; Next 16 passes them as a promise.
  const params = await ctx.params
  // A completed sign-in also marks the browser as a known device (ADR 025).
  return withKnownDevices(() => NextAuth(req as never, { params } as never, getAuthOptions()) as Promise<Response>)
}

export { handler as GET, handler as POST }
