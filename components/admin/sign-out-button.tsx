'use client'

import { signOut } from 'next-auth/react'

export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: '/admin/masuk' })}
      className="min-h-11 rounded-md border border-edge px-3 font-semibold hover:bg-paper"
    >
      {label}
    </button>
  )
}
