'use client'

import { errors } from '@/lib/i18n/errors'
import './globals.css'

/** Last resort when the root layout itself fails: its own <html>, no stack trace. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="id">
      <body className="font-sans">
        <main className="mx-auto max-w-xl px-4 py-16 text-center">
          <h1 className="font-serif text-3xl font-bold">{errors.errorTitle}</h1>
          <p className="mt-3 text-lg">{errors.errorBody}</p>
          <button
            type="button"
            onClick={() => reset()}
            className="mt-6 min-h-11 rounded-md bg-brand-700 px-5 font-semibold text-white"
          >
            {errors.retry}
          </button>
          {error.digest ? (
            <p className="mt-6 text-sm">
              {errors.reference}: <code>{error.digest}</code>
            </p>
          ) : null}
        </main>
      </body>
    </html>
  )
}
