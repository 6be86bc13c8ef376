'use client'

import { getSession, signIn } from 'next-auth/react'
import { useState } from 'react'
import { t } from '@/lib/i18n/id'
import { FormStatus, primaryButtonClass, TextInput } from './field'
import { useHydrated } from './hydration'
import { signInErrorMessage } from './sign-in-messages'

export function SignInForm({ callbackUrl, error: initialError }: { callbackUrl: string; error: string | null }) {
  const [pending, setPending] = useState(false)
  // Signing in is next-auth's script: before it runs, a press would post the form to this page
  // and come back empty.
  const hydrated = useHydrated()
  const [error, setError] = useState<string | null>(initialError === null ? null : signInErrorMessage(initialError))
  return (
    <form
      method="post"
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault()
        const fd = new FormData(e.currentTarget)
        setPending(true)
        setError(null)
        const res = await signIn('credentials', {
          email: String(fd.get('email') ?? ''),
          password: String(fd.get('password') ?? ''),
          redirect: false,
        })
        if (res?.ok && !res.error) {
          // A two-factor code (or its setup) still due: the sign-in page asks for it, then goes on.
          const session = (await getSession()) as { user?: { pending?: string } } | null
          window.location.assign(session?.user?.pending ? `/admin/masuk?callbackUrl=${encodeURIComponent(callbackUrl)}` : callbackUrl)
        } else {
          setPending(false)
          setError(signInErrorMessage(res?.error))
        }
      }}
    >
      <FormStatus result={error ? { ok: false, message: error } : null} />
      <TextInput name="email" label={t.admin.auth.email} type="email" autoComplete="username" required />
      <TextInput name="password" label={t.admin.auth.password} type="password" autoComplete="current-password" required />
      <button type="submit" className={primaryButtonClass} disabled={!hydrated} aria-disabled={pending}>
        {pending ? t.admin.auth.signingIn : t.admin.auth.signIn}
      </button>
    </form>
  )
}
