'use client'

import { signIn } from 'next-auth/react'
import { useState } from 'react'
import { t } from '@/lib/i18n/id'
import { FormStatus, primaryButtonClass, TextInput } from './field'
import { signInErrorMessage } from './sign-in-messages'

export function SignInForm({ callbackUrl, error: initialError }: { callbackUrl: string; error: string | null }) {
  const [pending, setPending] = useState(false)
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
        setPending(false)
        // Back through the sign-in page: it sends a finished sign-in on to callbackUrl and asks
        // for the two-factor code (or its setup) where one is due.
        if (res?.ok && !res.error) window.location.assign(`/admin/masuk?callbackUrl=${encodeURIComponent(callbackUrl)}`)
        else setError(signInErrorMessage(res?.error))
      }}
    >
      <FormStatus result={error ? { ok: false, message: error } : null} />
      <TextInput name="email" label={t.admin.auth.email} type="email" autoComplete="username" required />
      <TextInput name="password" label={t.admin.auth.password} type="password" autoComplete="current-password" required />
      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {pending ? t.admin.auth.signingIn : t.admin.auth.signIn}
      </button>
    </form>
  )
}
