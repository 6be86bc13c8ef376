'use client'

import { signOut } from 'next-auth/react'
import { useHydrated } from './hydration'

export function SignOutButton({ label }: { label: string }) {
  // Signing out is a script's work: until the page hydrates, a tap would do nothing.
  const hydrated = useHydrated()
  return (
    <button
      type="button"
      disabled={!hydrated}
      onClick={() => signOut({ callbackUrl: '/admin/masuk' })}
      className="min-h-11 rounded-md border border-edge px-3 font-semibold hover:bg-paper disabled:opacity-60"
    >
      {label}
    </button>
  )
}
