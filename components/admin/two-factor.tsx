'use client'

import { signIn, signOut } from 'next-auth/react'
import { useState } from 'react'
import { t } from '@/lib/i18n/id'
import { ActionButton, type DeskAction, useDeskAction } from './desk-action'
import { FormStatus, primaryButtonClass, secondaryButtonClass, TextInput } from './field'
import { useHydrated } from './hydration'
import { signInErrorMessage } from './sign-in-messages'

const tf = t.admin.twoFactor

export type PendingSetup = { secret: string; qr: { size: number; path: string } }

/**
 * Setting up two-factor sign-in: start (a new secret), scan the QR code, confirm with the first
 * code, then the recovery codes, shown this once. Used on the profile page and, when the
 * newsroom requires it, on the sign-in page.
 */
export function TwoFactorSetup({
  startAction,
  confirmAction,
  pending,
  continueHref,
}: {
  startAction: DeskAction
  confirmAction: DeskAction<{ recoveryCodes: string[] }>
  pending: PendingSetup | null
  continueHref: string
}) {
  const { state, status, form, pending: busy, fieldErrors } = useDeskAction(confirmAction, tf.enabled, { reset: 'always' })
  const codes = state?.ok ? state.data?.recoveryCodes : undefined
  if (codes) {
    return (
      <div className="space-y-3">
        <FormStatus result={status} />
        <h3 className="text-lg font-bold">{tf.recoveryTitle}</h3>
        <p>{tf.recoveryIntro}</p>
        <ul aria-label={tf.recoveryListLabel} className="grid grid-cols-2 gap-2 font-mono text-lg">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <a href={continueHref} className={`${primaryButtonClass} inline-flex items-center`}>
          {tf.done}
        </a>
      </div>
    )
  }
  if (!pending) return <ActionButton action={startAction} fields={{}} label={tf.start} successMessage="" className={primaryButtonClass} />
  return (
    <div className="space-y-3">
      <p>{tf.scan}</p>
      <svg
        role="img"
        aria-label={tf.qrLabel}
        viewBox={`0 0 ${pending.qr.size} ${pending.qr.size}`}
        width={pending.qr.size * 5}
        height={pending.qr.size * 5}
        shapeRendering="crispEdges"
        className="bg-white"
      >
        <path d={pending.qr.path} fill="#000" />
      </svg>
      <p className="text-sm">
        {tf.manual}{' '}
        <code aria-label={tf.secretLabel} className="break-all rounded bg-subtle px-1 font-mono">
          {pending.secret}
        </code>
      </p>
      <form {...form} className="space-y-3" noValidate>
        <TextInput name="code" label={tf.code} hint={tf.codeHint} inputMode="numeric" autoComplete="one-time-code" required errors={fieldErrors?.code} />
        <button type="submit" className={primaryButtonClass} aria-disabled={busy}>
          {tf.confirm}
        </button>
        <FormStatus result={status} />
      </form>
    </div>
  )
}

/** The second step of signing in: a code from the app, or a recovery code. */
export function TwoFactorSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Both buttons are next-auth's script: disabled until it runs, like the sign-in form's.
  const hydrated = useHydrated()
  return (
    <div className="space-y-4">
      <form
        method="post"
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault()
          const code = String(new FormData(e.currentTarget).get('code') ?? '')
          setBusy(true)
          setError(null)
          const res = await signIn('totp', { code, redirect: false })
          setBusy(false)
          if (res?.ok && !res.error) window.location.assign(callbackUrl)
          else setError(signInErrorMessage(res?.error, tf.signInCodeWrong))
        }}
      >
        <FormStatus result={error ? { ok: false, message: error } : null} />
        <TextInput name="code" label={tf.signInCode} autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} required />
        <button type="submit" className={primaryButtonClass} disabled={!hydrated} aria-disabled={busy}>
          {busy ? tf.verifying : tf.verify}
        </button>
      </form>
      <p className="text-sm text-muted">{tf.lostEverything}</p>
      <button type="button" className={secondaryButtonClass} disabled={!hydrated} onClick={() => signOut({ callbackUrl: '/admin/masuk' })}>
        {tf.cancel}
      </button>
    </div>
  )
}

/** Turning two-factor sign-in off: takes a current code. */
export function TwoFactorDisableForm({ action }: { action: DeskAction }) {
  const { status, form, pending, fieldErrors } = useDeskAction(action, '', { reset: 'always' })
  return (
    <form {...form} className="space-y-3" noValidate>
      <p className="text-sm text-muted">{tf.disableHint}</p>
      <TextInput name="code" id="disable-code" label={tf.code} inputMode="numeric" autoComplete="one-time-code" required errors={fieldErrors?.code} />
      <button type="submit" className={secondaryButtonClass} aria-disabled={pending}>
        {tf.disable}
      </button>
      <FormStatus result={status} />
    </form>
  )
}
