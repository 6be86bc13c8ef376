'use client'

import { errors } from '@/lib/i18n/errors'

/** Shown for unexpected failures: an apology, a retry, and a reference for the newsroom; never the error itself. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="konten" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="font-serif text-3xl font-bold">{errors.errorTitle}</h1>
      <p className="mt-3 text-lg">{errors.errorBody}</p>
      <div className="mt-6 flex justify-center gap-3">
        <button
          type="button"
          onClick={() => reset()}
          className="min-h-11 rounded-md bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800"
        >
          {errors.retry}
        </button>
        <a href="/" className="inline-flex min-h-11 items-center rounded-md border border-neutral-400 px-5 font-semibold">
          {errors.goHome}
        </a>
      </div>
      {error.digest ? (
        <p className="mt-6 text-sm text-muted">
          {errors.reference}: <code>{error.digest}</code>
        </p>
      ) : null}
    </main>
  )
}
